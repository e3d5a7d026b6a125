// Encoding what Ringfence sends (the complaint SMS): SMS-SUBMIT PDUs for AT+CMGS in PDU mode, split into
// concatenated parts when the text is long. GSM 7-bit when every character has a GSM form (160 per part,
// 153 when split), UCS2 otherwise (70, or 67 when split). Pure; the modem's default SMSC is used ("00").
import { ESC, packSeptets, textToSeptets } from './gsm7.ts';
import { bytesToHex, encodeAddress, encodeAlphanumericAddress, encodeTimestamp, PduError } from './pdu-fields.ts';

export type SubmitPdu = {
  /** What goes after the "> " prompt (before Ctrl-Z): "00" for the default SMSC, then the TPDU. */
  hex: string;
  /** The number AT+CMGS= takes: TPDU octets, without the SMSC field. */
  tpduLength: number;
};

/** The most parts we split a text into. Operators accept more, but a complaint longer than this is a mistake. */
export const maxParts = 8;

type Chunk = { kind: 'gsm7'; septets: number[] } | { kind: 'ucs2'; units: number[] };

/** Splits 7-bit septets at most `size` per part without cutting an escape sequence in two. */
function splitSeptets(septets: number[], size: number): number[][] {
  const out: number[][] = [];
  let i = 0;
  while (i < septets.length) {
    let end = Math.min(i + size, septets.length);
    if (end < septets.length && septets[end - 1] === ESC) end--;
    out.push(septets.slice(i, end));
    i = end;
  }
  return out;
}

/** Splits UTF-16 code units at most `size` per part without cutting a surrogate pair (an emoji) in two. */
function splitUnits(units: number[], size: number): number[][] {
  const out: number[][] = [];
  let i = 0;
  while (i < units.length) {
    let end = Math.min(i + size, units.length);
    const last = units[end - 1]!;
    if (end < units.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(units.slice(i, end));
    i = end;
  }
  return out;
}

function chunks(text: string): Chunk[] {
  const septets = textToSeptets(text);
  if (septets) {
    if (septets.length <= 160) return [{ kind: 'gsm7', septets }];
    return splitSeptets(septets, 153).map((s) => ({ kind: 'gsm7', septets: s }));
  }
  const units = [...text].flatMap((ch) => {
    const out: number[] = [];
    for (let i = 0; i < ch.length; i++) out.push(ch.charCodeAt(i));
    return out;
  });
  if (units.length <= 70) return [{ kind: 'ucs2', units }];
  return splitUnits(units, 67).map((u) => ({ kind: 'ucs2', units: u }));
}

/** How many parts and which coding a text will take, for the confirmation screen. */
export function submitShape(text: string): { encoding: 'gsm7' | 'ucs2'; parts: number } {
  const c = chunks(text);
  return { encoding: c[0]?.kind ?? 'gsm7', parts: c.length };
}

function userData(chunk: Chunk, header: Uint8Array | null): { udl: number; ud: Uint8Array } {
  const headerOctets = header ? header.length : 0;
  if (chunk.kind === 'gsm7') {
    const headerSeptets = Math.ceil((headerOctets * 8) / 7);
    const fill = headerSeptets * 7 - headerOctets * 8;
    const packed = packSeptets(chunk.septets, fill);
    return { udl: headerSeptets + chunk.septets.length, ud: Uint8Array.from([...(header ?? []), ...packed]) };
  }
  const body = new Uint8Array(chunk.units.length * 2);
  chunk.units.forEach((u, i) => {
    body[i * 2] = u >> 8;
    body[i * 2 + 1] = u & 0xff;
  });
  return { udl: headerOctets + body.length, ud: Uint8Array.from([...(header ?? []), ...body]) };
}

/**
 * The PDUs for one text to one number. `reference` ties the parts of a long text together (8-bit, as most
 * phones send); `statusReport` asks the network for a delivery report (+CDS).
 */
export function encodeSubmit(to: string, text: string, options: { reference: number; statusReport?: boolean }): SubmitPdu[] {
  if (text.length === 0) throw new PduError('an SMS needs some text');
  const parts = chunks(text);
  if (parts.length > maxParts) throw new PduError(`the text needs ${parts.length} SMS parts; at most ${maxParts} are sent`);
  const address = encodeAddress(to);
  return parts.map((chunk, i) => {
    const header = parts.length > 1 ? Uint8Array.from([5, 0x00, 3, options.reference & 0xff, parts.length, i + 1]) : null;
    const { udl, ud } = userData(chunk, header);
    // SMS-SUBMIT, no validity period; UDHI when split; SRR when a report is wanted.
    const first = 0x01 | (header ? 0x40 : 0) | (options.statusReport ? 0x20 : 0);
    const dcs = chunk.kind === 'gsm7' ? 0x00 : 0x08;
    const tpdu = Uint8Array.from([first, 0x00, ...address, 0x00, dcs, udl, ...ud]);
    return { hex: `00${bytesToHex(tpdu)}`, tpduLength: tpdu.length };
  });
}

/**
 * SMS-DELIVER PDUs as a network delivers them (the simulator's incoming messages): the same splitting, a
 * sender (number or alphanumeric), the network's time stamp, and an 8- or 16-bit concatenation reference.
 */
export function encodeDeliver(
  from: string,
  text: string,
  options: { sentAt: Date; offsetMinutes: number; reference: number; referenceBits?: 8 | 16; smsc?: string; messageClass?: 0 | 1 | 2 | 3 },
): string[] {
  const parts = chunks(text);
  const alphanumeric = !/^\+?[0-9*#]+$/.test(from);
  const address = alphanumeric ? encodeAlphanumericAddress(from) : encodeAddress(from);
  const smsc = options.smsc ? encodeAddress(options.smsc) : null;
  // The SMSC field counts octets (type + digits), unlike an address, which counts digits.
  const smscField = smsc ? Uint8Array.from([smsc.length - 1, ...smsc.subarray(1)]) : Uint8Array.from([0]);
  const bits = options.referenceBits ?? 8;
  return parts.map((chunk, i) => {
    const ref = options.reference;
    const header =
      parts.length === 1
        ? null
        : bits === 8
          ? Uint8Array.from([5, 0x00, 3, ref & 0xff, parts.length, i + 1])
          : Uint8Array.from([6, 0x08, 4, (ref >> 8) & 0xff, ref & 0xff, parts.length, i + 1]);
    const { udl, ud } = userData(chunk, header);
    const first = 0x04 | (header ? 0x40 : 0); // SMS-DELIVER, no more messages waiting
    const cls = options.messageClass;
    const dcs = (chunk.kind === 'gsm7' ? 0x00 : 0x08) | (cls !== undefined ? 0x10 | cls : 0);
    const tpdu = [first, ...address, 0x00, dcs, ...encodeTimestamp(options.sentAt, options.offsetMinutes), udl, ...ud];
    return bytesToHex(Uint8Array.from([...smscField, ...tpdu]));
  });
}
