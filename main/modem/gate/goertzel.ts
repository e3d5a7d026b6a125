// DTMF in the samples themselves, for modems that hand the host the call's audio and detect nothing
// (Huawei voice dongles: the audio port carries 8 kHz 16-bit PCM both ways, chan_dongle's model). The
// Goertzel algorithm measures the energy at each of the eight DTMF frequencies (ITU-T Q.23) over 205-sample
// blocks (25.6 ms at 8 kHz, the classic block length whose bins fall near all eight tones); a key is the
// strongest row tone plus the strongest column tone, each well above the other tones of its group and
// together most of the block's energy, held for two blocks (ITU-T Q.24 asks for ≥ 40 ms to count). A key is
// reported once per press: it must fall silent (or change) before the same key counts again.
//
// Written here rather than taken from npm: the registry's DTMF packages are browser/Web-Audio demos or
// unmaintained; this is 60 lines and the tests drive it with generated tones, noise and speech-like audio.
import { sampleRate } from './audio.ts';

const rows = [697, 770, 852, 941] as const;
const cols = [1209, 1336, 1477, 1633] as const;
const keys = ['123A', '456B', '789C', '*0#D'] as const;

export type DtmfKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';

export const blockSize = 205;

function power(samples: Int16Array, from: number, freq: number): number {
  const coeff = 2 * Math.cos((2 * Math.PI * freq) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = from; i < from + blockSize; i++) {
    const s = (samples[i] ?? 0) + coeff * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

/** The key one block holds, or null. */
export function blockKey(samples: Int16Array, from: number): DtmfKey | null {
  let energy = 0;
  for (let i = from; i < from + blockSize; i++) energy += (samples[i] ?? 0) ** 2;
  // Below about -40 dBm0 nothing is a key (Q.24's sensitivity floor).
  if (energy < blockSize * 100 * 100) return null;
  const r = rows.map((f) => power(samples, from, f));
  const c = cols.map((f) => power(samples, from, f));
  const ri = r.indexOf(Math.max(...r));
  const ci = c.indexOf(Math.max(...c));
  const rp = r[ri] ?? 0;
  const cp = c[ci] ?? 0;
  // Each winner at least 6 dB above its group's runner-up, twist within 8 dB, and the two tones most of the
  // block's energy (Goertzel power is ~ (N/2)² A²/… ; the N/2 scaling makes it comparable to energy·N/2).
  const second = (xs: number[], i: number) => Math.max(...xs.filter((_, j) => j !== i));
  if (rp < 4 * second(r, ri) || cp < 4 * second(c, ci)) return null;
  if (rp > 6.3 * cp || cp > 6.3 * rp) return null;
  if ((rp + cp) / (blockSize / 2) < 0.5 * energy) return null;
  return (keys[ri]?.[ci] ?? null) as DtmfKey | null;
}

/** Streaming detector: feed 16-bit samples as they come, get each key once per press. */
export function createDtmfDetector() {
  let pending = new Int16Array(0);
  let last: DtmfKey | null = null;
  let candidate: DtmfKey | null = null;
  return {
    push(samples: Int16Array): DtmfKey[] {
      const all = new Int16Array(pending.length + samples.length);
      all.set(pending);
      all.set(samples, pending.length);
      const found: DtmfKey[] = [];
      let at = 0;
      for (; at + blockSize <= all.length; at += blockSize) {
        const key = blockKey(all, at);
        if (key !== null && key === candidate && key !== last) {
          found.push(key);
          last = key;
        }
        if (key === null) last = null;
        candidate = key;
      }
      pending = all.slice(at);
      return found;
    },
  };
}

/** A key's tone pair, for the simulator's caller and the tests (-7 dBm0-ish per tone). */
export function dtmfTone(key: DtmfKey, ms: number, amplitude = 8000): Int16Array {
  const row = keys.findIndex((k) => k.includes(key));
  const col = keys[row]?.indexOf(key) ?? -1;
  const fr = rows[row];
  const fc = cols[col];
  if (fr === undefined || fc === undefined) throw new Error(`not a DTMF key: ${key}`);
  const n = Math.round((ms * sampleRate) / 1000);
  return Int16Array.from({ length: n }, (_, i) =>
    Math.round(amplitude * (Math.sin((2 * Math.PI * fr * i) / sampleRate) + Math.sin((2 * Math.PI * fc * i) / sampleRate))),
  );
}
