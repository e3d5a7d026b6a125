// The SMS lines of 3GPP TS 27.005 in PDU mode: the new-message indications (+CMTI, +CDSI), the two-line
// deliveries (+CMT / +CDS header, then the PDU line), and the replies of +CMGR, +CMGL, +CPMS and +CMGS.
// Pure parsers: a line in, a value or null out.
import { intField, payloadAfter, splitFields } from '../at-fields.ts';

/** `+CMTI: "SM",3` — a message was stored at index 3 of memory SM. (+CDSI: the same for a status report.) */
export type StoredIndication = { memory: string; index: number; report: boolean };

export function parseStoredIndication(line: string): StoredIndication | null {
  for (const [prefix, report] of [
    ['+CMTI', false],
    ['+CDSI', true],
  ] as const) {
    const payload = payloadAfter(line, prefix);
    if (payload === null) continue;
    const f = splitFields(payload);
    const index = intField(f[1]);
    const memory = f[0]?.text.trim().toUpperCase() ?? '';
    if (index === null || !/^[A-Z]{2}$/.test(memory)) return null;
    return { memory, index, report };
  }
  return null;
}

/** Headers whose PDU follows on the next line: `+CMT: [<alpha>],<length>` and `+CDS: <length>`. */
export const twoLineUrcPrefixes = ['+CMT:', '+CDS:'];

/** `+CMT: ,25` → 25 (the TPDU length); `+CDS: 26` → 26. Null for a text-mode header, which has no length. */
export function deliveryLength(header: string): { report: boolean; length: number } | null {
  const cmt = payloadAfter(header, '+CMT');
  if (cmt !== null) {
    const f = splitFields(cmt);
    const length = intField(f[f.length - 1]);
    return length === null || f.length > 2 ? null : { report: false, length };
  }
  const cds = payloadAfter(header, '+CDS');
  if (cds !== null) {
    const f = splitFields(cds);
    const length = intField(f[0]);
    return length === null || f.length !== 1 ? null : { report: true, length };
  }
  return null;
}

/** A PDU line: hex digits only, an even number of them. */
export const isPduLine = (line: string) => /^(?:[0-9A-Fa-f]{2})+$/.test(line.trim());

/** `+CMGR: <stat>,[<alpha>],<length>` then the PDU: the reply's two lines → stat, length, PDU. */
export function parseCmgr(lines: readonly string[]): { stat: number; length: number; pdu: string } | null {
  const headerAt = lines.findIndex((l) => payloadAfter(l, '+CMGR') !== null);
  if (headerAt === -1) return null;
  const f = splitFields(payloadAfter(lines[headerAt]!, '+CMGR')!);
  const stat = intField(f[0]);
  const length = intField(f[f.length - 1]);
  const pdu = lines[headerAt + 1]?.trim() ?? '';
  if (stat === null || length === null || !isPduLine(pdu)) return null;
  return { stat, length, pdu };
}

/** `+CMGL: <index>,<stat>,[<alpha>],<length>` + PDU, repeated: every message the list returned. */
export function parseCmgl(lines: readonly string[]): { index: number; stat: number; length: number; pdu: string }[] {
  const out: { index: number; stat: number; length: number; pdu: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const payload = payloadAfter(lines[i]!, '+CMGL');
    if (payload === null) continue;
    const f = splitFields(payload);
    const index = intField(f[0]);
    const stat = intField(f[1]);
    const length = intField(f[f.length - 1]);
    const pdu = lines[i + 1]?.trim() ?? '';
    if (index !== null && stat !== null && length !== null && isPduLine(pdu)) {
      out.push({ index, stat, length, pdu });
      i++;
    }
  }
  return out;
}

/** `+CPMS: "SM",3,50,"SM",3,50,"SM",3,50` (read) or `+CPMS: 3,50,3,50,3,50` (set): memory 1's use. */
export function parseCpms(lines: readonly string[]): { memory: string | null; used: number; total: number } | null {
  for (const line of lines) {
    const payload = payloadAfter(line, '+CPMS');
    if (payload === null) continue;
    const f = splitFields(payload);
    if (f[0]?.quoted) {
      const used = intField(f[1]);
      const total = intField(f[2]);
      if (used !== null && total !== null) return { memory: f[0].text.toUpperCase(), used, total };
    } else {
      const used = intField(f[0]);
      const total = intField(f[1]);
      if (used !== null && total !== null) return { memory: null, used, total };
    }
  }
  return null;
}

/** `+CMGS: 27` → the message reference the network gave the sent message. */
export function parseCmgs(lines: readonly string[]): number | null {
  for (const line of lines) {
    const payload = payloadAfter(line, '+CMGS');
    if (payload !== null) return intField(splitFields(payload)[0]);
  }
  return null;
}
