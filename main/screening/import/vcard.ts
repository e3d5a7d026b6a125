// vCard contacts (.vcf) into the trusted list: every TEL of a card, labelled with the card's name.
// Hand-written rather than ical.js because phone exports — Android's above all — still write vCard 2.1 with
// QUOTED-PRINTABLE names in UTF-8 or GBK (Chinese contacts), which RFC 6350 parsers do not decode; we only
// need FN, N and TEL, so the parser stays small. A TEL is a phone field: an exact number, never a pattern
// (`TEL:*611` must not become a wildcard that trusts every number ending in 611).
import type { Rule } from '../../../shared/domain.ts';
import { importTexts } from './texts.ts';
import type { ImportEntry, ListParser, ParsedFile } from './types.ts';

type Property = { line: number; name: string; params: string[]; value: string };

/** Unfolds RFC continuation lines and 2.1 quoted-printable soft breaks, keeping each property's first line. */
function properties(content: string, firstLine: number): Property[] {
  const lines = content.split('\n');
  const out: Property[] = [];
  for (let i = 0; i < lines.length; i++) {
    let text = lines[i] as string;
    const line = firstLine + i;
    while (i + 1 < lines.length && /^[ \t]/.test(lines[i + 1] as string)) text += (lines[++i] as string).slice(1);
    while (/ENCODING=QUOTED-PRINTABLE/i.test(text) && text.endsWith('=') && i + 1 < lines.length) text = text.slice(0, -1) + (lines[++i] as string);
    const colon = text.indexOf(':');
    if (colon < 0) continue;
    const [name = '', ...params] = text.slice(0, colon).split(';');
    out.push({ line, name: name.replace(/^item\d+\./i, '').toUpperCase(), params, value: text.slice(colon + 1) });
  }
  return out;
}

function decode(p: Property): string {
  const qp = p.params.some((x) => /^(ENCODING=)?QUOTED-PRINTABLE$/i.test(x));
  const charset = p.params.find((x) => /^CHARSET=/i.test(x))?.slice(8) ?? 'utf-8';
  if (!qp) return p.value.replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, ' ');
  const bytes: number[] = [];
  for (let i = 0; i < p.value.length; i++) {
    const c = p.value[i] as string;
    if (c === '=' && /^[0-9A-F]{2}$/i.test(p.value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(p.value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  try {
    return new TextDecoder(charset).decode(new Uint8Array(bytes));
  } catch {
    return new TextDecoder('utf-8').decode(new Uint8Array(bytes));
  }
}

/** "Family;Given;…" → "FamilyGiven" for CJK names, "Given Family" otherwise. */
function nameFromN(value: string): string {
  const [family = '', given = ''] = value.split(';');
  if (/[\u3400-\u9fff]/.test(family + given)) return `${family}${given}`.trim();
  return `${given} ${family}`.trim();
}

type Card = { line: number; fn: string; n: string; tels: { line: number; value: string }[] };

/** Fed segments that end after END:VCARD (segments.ts), so a card is never split between two feeds. */
export function vcardParser(emit: (entry: ImportEntry) => void): ListParser {
  let card: Card | null = null;
  return {
    feed(text, firstLine) {
      for (const p of properties(text, firstLine)) {
        if (p.name === 'BEGIN' && /^vcard$/i.test(p.value.trim())) card = { line: p.line, fn: '', n: '', tels: [] };
        else if (card && p.name === 'FN') card.fn = decode(p).trim();
        else if (card && p.name === 'N') card.n = nameFromN(decode(p));
        else if (card && p.name === 'TEL') card.tels.push({ line: p.line, value: decode(p).replace(/^tel:/i, '').trim() });
        else if (card && p.name === 'END' && /^vcard$/i.test(p.value.trim())) {
          const label = card.fn || card.n;
          for (const tel of card.tels) emit({ line: tel.line, value: tel.value, label, kind: 'number', phoneField: true });
          card = null;
        }
      }
    },
    end() {
      const open = card as Card | null;
      return { invalid: open ? [{ line: open.line, value: 'BEGIN:VCARD', reason: importTexts.cardNoEnd() }] : [] };
    },
  };
}

export function parseVcard(content: string, emit: (entry: ImportEntry) => void): ParsedFile {
  const parser = vcardParser(emit);
  parser.feed(content.replace(/\r\n?/g, '\n'), 1);
  return parser.end();
}

const escape = (s: string) => s.replace(/([\\,;])/g, '\\$1').replace(/\n/g, '\\n');

export function exportVcard(rules: Rule[]): string {
  return (
    rules
      .filter((r) => r.kind === 'number')
      .map((r) =>
        [
          'BEGIN:VCARD',
          'VERSION:3.0',
          `FN:${escape(r.label || r.value)}`,
          `TEL;TYPE=VOICE:${r.value}`,
          ...(r.note ? [`NOTE:${escape(r.note)}`] : []),
          'END:VCARD',
        ].join('\r\n'),
      )
      .join('\r\n') + (rules.length ? '\r\n' : '')
  );
}
