// Text that came from the line (a caller's number field and name) or from a file the user did not write is
// hostile input: the caller chooses every byte. These are the pure transforms that make it safe to store and
// to show, shared by the modem parsers (before storage), the renderer (display) and the CLI (terminal).
//
// Two kinds of characters matter:
//  - control characters (C0, DEL, C1, and the Unicode line/paragraph separators): they move the cursor,
//    ring the bell, clear the screen, end a CSV row or a log line. They never belong in a display field, so
//    they are replaced — by the visible Control Pictures block (ESC → ␛), which keeps the evidence readable —
//    and counted. The raw bytes stay in the record's `raw` lines.
//  - bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C): a name may legitimately be
//    Arabic or Hebrew, so they are kept as data, but every display sink isolates them (`<bdi>`,
//    `unicode-bidi: isolate`) so that a U+202E in a name cannot reverse the text around it.

/** C0 controls (tab, CR and LF included), DEL, C1 controls, and U+2028/U+2029. Matching them is the point. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** Bidirectional formatting characters: embeddings, overrides, isolates and the implicit marks. */
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const HAS_BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;

/** The visible stand-in for one control character: ␀…␟ for C0, ␡ for DEL, � for the rest. */
export function controlPicture(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code <= 0x1f) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return '\ufffd';
}

export type Neutralised = { text: string; replaced: number };

/** Replaces every control character with its visible picture and says how many there were. */
export function neutraliseControls(text: string): Neutralised {
  if (!HAS_CONTROL.test(text)) return { text, replaced: 0 };
  let replaced = 0;
  const out = text.replace(CONTROLS, (ch) => {
    replaced++;
    return controlPicture(ch);
  });
  return { text: out, replaced };
}

export const hasControls = (text: string): boolean => HAS_CONTROL.test(text);
export const hasBidiControls = (text: string): boolean => HAS_BIDI.test(text);

/**
 * Text for a terminal: control characters as their pictures and bidi controls as `<U+202E>`, so neither an
 * escape sequence nor a direction override reaches the user's terminal. Lone surrogates become U+FFFD.
 */
export function escapeForTerminal(text: string): string {
  const safe = text.isWellFormed() ? text : text.toWellFormed();
  return safe.replace(CONTROLS, controlPicture).replace(BIDI_CONTROLS, (ch) => `<U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/**
 * Text wrapped in an isolate (FSI … PDI) for sinks that cannot use `<bdi>`, such as a plain-text sentence or
 * a notification: whatever direction controls it holds end at the closing PDI. A PDI in the text with no
 * isolate of its own to close would close ours early, so it is dropped (it had no visible effect anyway).
 */
export function isolateBidi(text: string): string {
  if (!hasBidiControls(text)) return text;
  let depth = 0;
  let inner = '';
  for (const ch of text) {
    if (ch === '\u2066' || ch === '\u2067' || ch === '\u2068') depth++;
    else if (ch === '\u2069') {
      if (depth === 0) continue;
      depth--;
    }
    inner += ch;
  }
  return `\u2068${inner}\u2069`;
}

/** A plain number ("+8613800138000", "-12.5") or a number pattern ("+86170*") calls nothing: it needs no guard. */
const PLAIN_NUMBER = /^[+-]?[\d*?]+(\.\d+)?$/;

/**
 * One CSV cell, safe in every spreadsheet this project's users open CSVs with:
 *  - a cell starting like a formula (= + - @, or a tab / CR that some spreadsheets skip before one) gets a
 *    leading apostrophe, the OWASP-recommended guard, unless it is a plain number;
 *  - a cell holding a separator of any common locale (`,` `;` tab), a quote or a line break is quoted, and a
 *    formula start right after such a separator inside it is guarded as well, so Excel with `;` as its list
 *    separator cannot turn `x;=cmd|' /C calc'!A0` into a second, live cell.
 * Our importers take the guard off again (import/csv.ts), so an export imports as itself.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  // Quotes count only at the start of a field: Excel reading this comma-separated file with `;` as its separator
  // starts a field after every `;` inside our quoted cell. So a formula start right after a separator inside the
  // text is guarded too (x;=cmd… is written x;'=cmd…): no piece of the cell can run, whatever the separator.
  text = text.replace(/([,;\t])([=+\-@][^,;\t]*)/g, (all, sep: string, piece: string) => (PLAIN_NUMBER.test(piece) ? all : `${sep}'${piece}`));
  return /[,;\t"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
