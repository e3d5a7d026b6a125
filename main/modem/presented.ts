// The one door every caller ID goes through. A parser (+CLIP, +CLCC, the formatted NMBR block, hex SDMF/MDMF,
// TCI records, MISSED_CALL, …) only finds the fields in its format and says what the presentation was; this
// file decides what of the caller's text may be used and how it is stored. The caller chooses every byte of
// the number and the name, so:
//  - the number used for matching keeps only what a dialable number holds: ASCII digits with an optional
//    leading + (display separators a device or telco inserts — spaces, dashes, dots, brackets — dropped);
//    anything else (`+8*`, `*611`, `<img…>`, `-2+3`, ESC sequences) is "number unusable": no number, and
//    the presented text kept beside it for display and evidence;
//  - control characters in the presented number and the name are replaced by visible pictures and counted;
//  - the raw lines stay as received.
import type { CallerId, Presentation } from '../../shared/domain.ts';
import { neutraliseControls } from '../../shared/line-text.ts';

/** What a parser read from the line, before it is made safe. */
export type PresentedCaller = {
  presentation: Presentation;
  /** The number field's text as delivered; only read when the presentation is `allowed`. */
  numberText?: string | null;
  /** The name field's text as delivered (already decoded from its wire encoding), or null. */
  nameText?: string | null;
  raw: string[];
  /** GSM type of address 145: the number is international even when the modem left out the +. */
  international?: boolean;
};

/** Separators that devices and telcos put inside a number for display; never part of it. */
const DISPLAY_SEPARATORS = /[ \-.()]/g;
/** A dialable number: ASCII digits, an optional leading +. 32 digits is twice E.164's longest. */
const DIALABLE = /^\+?\d{1,32}$/;

/** The number a presented text holds for matching, or null when it holds none (the text is unusable). */
export function dialableNumber(presented: string, international = false): string | null {
  const compact = presented.replace(DISPLAY_SEPARATORS, '');
  if (!DIALABLE.test(compact)) return null;
  return international && !compact.startsWith('+') ? `+${compact}` : compact;
}

type Field = { text: string | null; replaced: number };

/** A name field: controls replaced, padding trimmed; null when blank or only the absence letter O or P. */
function nameField(value: string | null | undefined): Field {
  if (value == null) return { text: null, replaced: 0 };
  const { text, replaced } = neutraliseControls(value);
  const name = text.trim();
  // The one-letter O / P is the formatted form of MDMF parameter 08 (name absent / private).
  return { text: name === '' || name === 'O' || name === 'P' ? null : name, replaced };
}

/** Builds the stored CallerId from what a parser read. Every parser's caller ID passes through here. */
export function callerIdFrom(p: PresentedCaller): CallerId {
  const name = nameField(p.nameText);
  let replaced = name.replaced;
  let number: string | null = null;
  let presentedNumber: string | undefined;
  let presentation = p.presentation;
  if (presentation === 'allowed') {
    const field = neutraliseControls(p.numberText ?? '');
    replaced += field.replaced;
    const text = field.text.trim();
    if (text === '')
      presentation = 'unavailable'; // parsers map an empty field themselves; this is the safe fallback
    else {
      number = dialableNumber(text, p.international);
      if (number !== text) presentedNumber = text;
    }
  }
  const id: CallerId = { number, presentation, name: name.text, raw: p.raw };
  if (presentedNumber !== undefined) id.presentedNumber = presentedNumber;
  if (replaced > 0) id.controlsReplaced = replaced;
  return id;
}

/**
 * A name alone, made safe the same way (for a parser that amends a name later). Prefer callerIdFrom, which
 * also counts the replaced characters.
 */
export function presentedName(value: string | null | undefined): string | null {
  return nameField(value).text;
}
