// The small fields every SMS PDU is built from (3GPP TS 23.040 §9.1.2): hex text, semi-octet digits,
// addresses (numbers or alphanumeric senders) and service-centre time stamps. Pure.
import { packSeptets, septetsToText, textToSeptets, unpackSeptets } from './gsm7.ts';

export class PduError extends Error {
  readonly code = 'pdu-invalid';
}

export function hexToBytes(hex: string): Uint8Array {
  const s = hex.trim();
  if (s.length % 2 !== 0 || !/^[0-9A-Fa-f]*$/.test(s))
    throw new PduError(`not a hex PDU (${s.length} characters${/[^0-9A-Fa-f]/.test(s) ? ', non-hex characters' : ', odd length'})`);
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToHex(bytes: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i]!.toString(16).padStart(2, '0');
  return s.toUpperCase();
}

/** A reader over the PDU's octets that fails with the field's name when the PDU ends too early. */
export class Octets {
  #bytes: Uint8Array;
  #at = 0;
  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }
  get offset(): number {
    return this.#at;
  }
  get remaining(): number {
    return this.#bytes.length - this.#at;
  }
  byte(field: string): number {
    const b = this.#bytes[this.#at];
    if (b === undefined) throw new PduError(`the PDU ends before its ${field}`);
    this.#at++;
    return b;
  }
  take(n: number, field: string): Uint8Array {
    if (this.#at + n > this.#bytes.length) throw new PduError(`the PDU ends inside its ${field} (${n} octets expected, ${this.remaining} left)`);
    const out = this.#bytes.subarray(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }
  rest(): Uint8Array {
    const out = this.#bytes.subarray(this.#at);
    this.#at = this.#bytes.length;
    return out;
  }
}

// Semi-octet digits: 0–9, then * # a b c for 0xA–0xE; 0xF fills an odd number of digits.
const semiDigits = '0123456789*#abc';

export function semiOctets(bytes: Uint8Array, digits: number): string {
  let out = '';
  for (let n = 0; n < digits; n++) {
    const b = bytes[n >> 1] ?? 0xff;
    const d = n % 2 === 0 ? b & 0x0f : b >> 4;
    if (d === 0x0f) break;
    out += semiDigits[d] ?? '';
  }
  return out;
}

function toSemiOctets(digits: string): Uint8Array {
  const out = new Uint8Array(Math.ceil(digits.length / 2)).fill(0xff);
  for (let n = 0; n < digits.length; n++) {
    const d = semiDigits.indexOf(digits[n]!);
    const i = n >> 1;
    out[i] = n % 2 === 0 ? (out[i]! & 0xf0) | d : (out[i]! & 0x0f) | (d << 4);
  }
  return out;
}

/** A sender or recipient. Numbers keep the network's digits, with + when the type says international. */
export type Address = { kind: 'number'; value: string } | { kind: 'alphanumeric'; value: string };

const TON_INTERNATIONAL = 1;
const TON_ALPHANUMERIC = 5;

/** TP-OA / TP-DA / TP-RA: length in useful semi-octets, type of address, then the digits or packed text. */
export function readAddress(r: Octets, field: string): Address {
  const digits = r.byte(`${field} length`);
  const type = r.byte(`${field} type`);
  const value = r.take(Math.ceil(digits / 2), field);
  const ton = (type >> 4) & 0x07;
  if (ton === TON_ALPHANUMERIC) {
    const septets = unpackSeptets(value, Math.floor((digits * 4) / 7));
    return { kind: 'alphanumeric', value: septets ? septetsToText(septets) : '' };
  }
  const number = semiOctets(value, digits);
  return { kind: 'number', value: ton === TON_INTERNATIONAL && number !== '' ? `+${number}` : number };
}

/** The SMSC address in front of a PDU from the modem: its length counts octets, not digits. */
export function readSmsc(r: Octets): string | null {
  const octets = r.byte('service centre length');
  if (octets === 0) return null;
  const type = r.byte('service centre type');
  const value = r.take(octets - 1, 'service centre address');
  const number = semiOctets(value, (octets - 1) * 2);
  return ((type >> 4) & 0x07) === TON_INTERNATIONAL && number !== '' ? `+${number}` : number;
}

/**
 * A destination for SMS-SUBMIT. "+8613800138000" is international (type 0x91); anything else — a national
 * number or a short code such as 10086999 — goes as the user typed it with type "unknown" (0x81), so the
 * network reads it the way the phone's own dialler would. (node-pdu sends "10086" as "+086": it takes a
 * leading 1 for the North American country code.)
 */
export function encodeAddress(number: string): Uint8Array {
  const international = number.startsWith('+');
  const digits = international ? number.slice(1) : number;
  if (!/^[0-9*#]{1,20}$/.test(digits)) throw new PduError(`"${number}" is not a number an SMS can be sent to`);
  return Uint8Array.from([digits.length, international ? 0x91 : 0x81, ...toSemiOctets(digits)]);
}

/** Swapped BCD: 0x21 → 12. A nibble above 9 makes the field invalid. */
function bcd(b: number): number | null {
  const lo = b & 0x0f;
  const hi = b >> 4;
  return lo > 9 || hi > 9 ? null : lo * 10 + hi;
}

/**
 * TP-SCTS: year, month, day, hour, minute, second, then the zone in quarter hours with a sign bit. Returns
 * ISO 8601 with the sender network's own offset ("2011-02-28T11:50:50-05:00"), or null when the field holds
 * no valid time (seen on some status reports): the raw PDU keeps the octets either way.
 */
export function readTimestamp(r: Octets, field: string): string | null {
  const b = r.take(7, field);
  const parts = [...b.subarray(0, 6)].map(bcd);
  if (parts.some((p) => p === null)) return null;
  const [yy, mo, dd, hh, mi, ss] = parts as number[];
  if (mo! < 1 || mo! > 12 || dd! < 1 || dd! > 31 || hh! > 23 || mi! > 59 || ss! > 59) return null;
  const zone = b[6]!;
  const quarters = bcd(zone & 0xf7);
  if (quarters === null || quarters > 14 * 4) return null;
  const minutes = quarters * 15;
  const sign = zone & 0x08 ? '-' : '+';
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `20${p2(yy!)}-${p2(mo!)}-${p2(dd!)}T${p2(hh!)}:${p2(mi!)}:${p2(ss!)}${sign}${p2(Math.floor(minutes / 60))}:${p2(minutes % 60)}`;
}

/** The inverse of readTimestamp, for the simulator's SMS-DELIVER PDUs: a time as the network stamps it. */
export function encodeTimestamp(date: Date, offsetMinutes: number): Uint8Array {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const swap = (n: number) => ((n % 10) << 4) | Math.floor(n / 10);
  const q = Math.abs(offsetMinutes) / 15;
  return Uint8Array.from([
    swap(local.getUTCFullYear() % 100),
    swap(local.getUTCMonth() + 1),
    swap(local.getUTCDate()),
    swap(local.getUTCHours()),
    swap(local.getUTCMinutes()),
    swap(local.getUTCSeconds()),
    swap(q) | (offsetMinutes < 0 ? 0x08 : 0),
  ]);
}

/** An alphanumeric sender (simulator): GSM 7-bit text packed into the address field. */
export function encodeAlphanumericAddress(text: string): Uint8Array {
  const septets = textToSeptets(text);
  if (!septets || septets.length > 11) throw new PduError(`"${text}" cannot be an alphanumeric sender (GSM 7-bit, at most 11 characters)`);
  const packed = packSeptets(septets);
  return Uint8Array.from([Math.ceil((septets.length * 7) / 4), 0xd0, ...packed]);
}
