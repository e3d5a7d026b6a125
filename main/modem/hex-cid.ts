// Unformatted caller ID (AT+VCID=2 / AT#CID=2): the Bellcore/Telcordia packet as one line of ASCII hex.
// SDMF: 04, length, MMDDhhmm, number (or one of P/A/O), checksum. MDMF: 80, length, then parameters as
// type, length, value (01 date, 02 number, 03 dialable number, 04 number absence, 07 name, 08 name
// absence), then the checksum. The checksum makes the byte sum 0 mod 256; a packet that fails it is
// line noise, and a number read from noise is worse than no number.
import type { CallerId } from '../../shared/domain.ts';
import { callerIdFrom } from './presented.ts';

const SDMF = 0x04;
const MDMF = 0x80;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });
function text(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

/** The packet bytes of a hex line, or null when the line is not a well-formed caller-ID packet. */
export function hexPacket(line: string): Uint8Array | null {
  const s = line.trim();
  if (s.length < 6 || s.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(s)) return null;
  const bytes = new Uint8Array(s.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  const type = bytes[0];
  const length = bytes[1] ?? 0;
  if (type !== SDMF && type !== MDMF) return null;
  if (bytes.length !== length + 3) return null;
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  return sum === 0 ? bytes : null;
}

// Decoded field text goes to callerIdFrom, which replaces the control bytes (ESC, BEL, NUL, CR…) a packet
// can carry and keeps only a dialable number for matching: nothing decoded here is stored as is.
function sdmf(payload: Uint8Array, raw: string[]): CallerId | null {
  if (payload.length < 8) return null;
  const number = text(payload.subarray(8)).trim();
  if (number === 'P' || number === 'A') return callerIdFrom({ presentation: 'withheld', raw });
  if (number === 'O' || number === '') return callerIdFrom({ presentation: 'unavailable', raw });
  return callerIdFrom({ presentation: 'allowed', numberText: number, raw });
}

function mdmf(payload: Uint8Array, raw: string[]): CallerId | null {
  let number: string | null = null;
  let dialable: string | null = null;
  let absence: string | null = null;
  let name: string | null = null;
  for (let i = 0; i + 1 < payload.length;) {
    const type = payload[i] ?? 0;
    const len = payload[i + 1] ?? 0;
    const value = payload.subarray(i + 2, i + 2 + len);
    if (value.length < len) return null; // a parameter runs past the packet: corrupt
    if (type === 0x02) number = text(value).trim();
    else if (type === 0x03) dialable = text(value).trim();
    else if (type === 0x04) absence = text(value).trim();
    else if (type === 0x07) name = text(value);
    i += 2 + len;
  }
  const delivered = number || dialable;
  if (delivered) return callerIdFrom({ presentation: 'allowed', numberText: delivered, nameText: name, raw });
  if (absence === 'P') return callerIdFrom({ presentation: 'withheld', nameText: name, raw });
  if (absence === 'O') return callerIdFrom({ presentation: 'unavailable', nameText: name, raw });
  return null;
}

/** One hex line → the caller it announces, or null (not a packet, bad checksum, or a message-waiting packet). */
export function parseHexCid(line: string): CallerId | null {
  const bytes = hexPacket(line);
  if (!bytes) return null;
  const payload = bytes.subarray(2, bytes.length - 1);
  return bytes[0] === SDMF ? sdmf(payload, [line]) : mdmf(payload, [line]);
}
