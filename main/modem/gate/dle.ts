// Voice modems in voice mode (AT+FCLASS=8, ITU-T V.253 / TIA IS-101) talk in two layers on one serial
// stream: ordinary AT lines, and <DLE>-shielded events — DLE (0x10) followed by one character — reported
// between them: <DLE>0…9 * # A–D a DTMF key (the USR 5637 and Conexant send one per key; MultiTech sends the
// pair <DLE>/ … <DLE>~ around it and the key repeated while held), <DLE>b busy, <DLE>d dial tone, <DLE>s
// silence, <DLE>q quiet, <DLE><ETX> end of a voice stream, <DLE><DLE> a literal 0x10 in voice data. This
// splits them out before the line splitter, so a key never corrupts a reply line and a reply never hides a
// key. (V.253 §9.6 and Table 14; USR "#V" command reference; MultiTech MT5634SMI guide, chapter 6.)
import type { DtmfKey } from './goertzel.ts';

export const DLE = 0x10;
export const ETX = 0x03;

export type DleEvent = { type: 'key'; key: DtmfKey } | { type: 'end-of-stream' } | { type: 'other'; code: string };

const keyCodes = new Set('0123456789*#ABCD');

export function createDleReader() {
  let afterDle = false;
  // Between <DLE>/ and <DLE>~ a key repeats while it is held (MultiTech): one press, not several.
  let inTone = false;
  let lastKey: string | null = null;
  return {
    /** Bytes from the modem → the bytes that are not DLE codes, and the events. */
    push(chunk: Uint8Array): { rest: Buffer; events: DleEvent[] } {
      const rest: number[] = [];
      const events: DleEvent[] = [];
      for (const byte of chunk) {
        if (!afterDle) {
          if (byte === DLE) afterDle = true;
          else rest.push(byte);
          continue;
        }
        afterDle = false;
        if (byte === DLE) {
          rest.push(DLE);
          continue;
        }
        const code = String.fromCharCode(byte);
        if (byte === ETX) events.push({ type: 'end-of-stream' });
        else if (keyCodes.has(code)) {
          if (!(inTone && code === lastKey)) events.push({ type: 'key', key: code as DtmfKey });
          lastKey = code;
        } else if (code === '/' || code === '~') {
          inTone = code === '/';
          lastKey = null;
        } else events.push({ type: 'other', code });
      }
      return { rest: Buffer.from(rest), events };
    },
  };
}

/** Voice data for AT+VTX: every 0x10 in the samples doubled, and <DLE><ETX> at the end (V.253 §9.5). */
export function shieldForTransmit(voice: Uint8Array): Buffer {
  const out: number[] = [];
  for (const byte of voice) {
    out.push(byte);
    if (byte === DLE) out.push(DLE);
  }
  out.push(DLE, ETX);
  return Buffer.from(out);
}
