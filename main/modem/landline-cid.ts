// Formatted landline caller ID (AT+VCID=1 / AT#CID=1): one `LABEL = value` line per field, a block per
// call: DATE, TIME, NMBR, NAME, MESG and their variants (DDN_NMBR, DDN, NBR, the combined `DATE TIME=`),
// with or without spaces around `=`, in any order. The number field is whichever label carries it.
import type { CallerId } from '../../shared/domain.ts';
import { fromNumberField } from './caller-id.ts';

export type CidFieldKind = 'number' | 'name' | 'date' | 'time' | 'message';
export type CidField = { kind: CidFieldKind; label: string; value: string; line: string };

const labels: Record<string, CidFieldKind> = {
  NMBR: 'number',
  DDN_NMBR: 'number',
  DDN: 'number',
  NBR: 'number',
  NUMBER: 'number',
  'CALLER NUMBER': 'number',
  NAME: 'name',
  'CALLER NAME': 'name',
  DATE: 'date',
  'DATE TIME': 'date',
  TIME: 'time',
  MESG: 'message',
};

// Longest labels first so `DATE TIME` and `DDN_NMBR` win over `DATE` and `DDN`.
const fieldLine = /^\s*(DDN_NMBR|DATE\s*TIME|CALLER\s+NUMBER|CALLER\s+NAME|NMBR|NUMBER|DDN|NBR|NAME|DATE|TIME|MESG)\s*=(.*)$/i;
// Some older Rockwell-family firmware writes `CALLER NUMBER: …` / `CALLER NAME: …`. Only these two
// labels take a colon: `NAME:` or `TIME:` alone also appear in identification replies.
const colonLine = /^\s*(CALLER\s+NUMBER|CALLER\s+NAME)\s*:(.*)$/i;

/** One field line, or null when the line is not a caller-ID field. */
export function parseCidField(line: string): CidField | null {
  const m = fieldLine.exec(line) ?? colonLine.exec(line);
  if (!m) return null;
  const label = (m[1] ?? '').toUpperCase().replace(/\s+/g, ' ');
  const kind = labels[label];
  if (!kind) return null;
  // `NAME = JOHN` and `NAME=JOHN` both occur: drop the one space after `=`, keep the rest for trimming later.
  return { kind, label, value: m[2] ?? '', line };
}

/** The identity a block gives: null when it holds no number field (a name alone is not a caller ID). */
export function blockCallerId(fields: readonly CidField[]): CallerId | null {
  const number = fields.find((f) => f.kind === 'number');
  if (!number) return null;
  const name = fields.find((f) => f.kind === 'name')?.value;
  return fromNumberField(
    number.value,
    name,
    fields.map((f) => f.line),
  );
}
