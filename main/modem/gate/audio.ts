// Telephone audio as the gate handles it: 8 kHz mono, stored as G.711 μ-law (one byte a sample, the format
// every voice modem and the phone network itself speak), played as 16-bit linear PCM to a Huawei audio port
// or as 8-bit linear / μ-law to a landline voice modem (whichever its AT+VSM=? lists). Pure: bytes in, bytes out.
//
// G.711 μ-law (ITU-T G.711 §3, the "segment + mantissa" form with bias 0x84) is written out here rather than
// taken from a library: it is 20 lines, has no dependency worth its weight, and the tests check it against the
// standard's own code words (0xFF and 0x7F are the two zeros, 0x00 / 0x80 the extremes).

export const sampleRate = 8000;

const bias = 0x84;
const clip = 32635;

/** One 16-bit linear sample → its μ-law code word. */
export function linearToUlaw(sample: number): number {
  let s = Math.max(-32768, Math.min(32767, Math.round(sample)));
  const sign = s < 0 ? 0x80 : 0;
  if (s < 0) s = -s;
  if (s > clip) s = clip;
  s += bias;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** One μ-law code word → 16-bit linear. */
export function ulawToLinear(code: number): number {
  const u = ~code & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = (((u & 0x0f) << 3) + bias) << exponent;
  return u & 0x80 ? bias - magnitude : magnitude - bias;
}

export const encodeUlaw = (samples: Int16Array): Uint8Array => Uint8Array.from(samples, linearToUlaw);
export const decodeUlaw = (codes: Uint8Array): Int16Array => Int16Array.from(codes, ulawToLinear);

/** 16-bit little-endian PCM, the Huawei audio port's format (chan_dongle: 8 kHz, signed 16-bit, 320-byte frames). */
export function toPcm16le(samples: Int16Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => out.writeInt16LE(s, i * 2));
  return out;
}

export function fromPcm16le(bytes: Uint8Array): Int16Array {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength - (bytes.byteLength % 2));
  const out = new Int16Array(b.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = b.readInt16LE(i * 2);
  return out;
}

/** 8-bit unsigned linear (0x80 is silence), the "8-BIT LINEAR" compression of V.253 voice modems. */
export const toLinear8 = (samples: Int16Array): Uint8Array => Uint8Array.from(samples, (s) => (s >> 8) + 128);

/** A mono WAV file: 16-bit PCM (format 1) or μ-law (format 7). */
export type Wav = { rate: number; samples: Int16Array };

export function parseWav(file: Uint8Array): Wav {
  const b = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a RIFF/WAVE file');
  let format = 0;
  let rate = 0;
  let channels = 0;
  let bits = 0;
  for (let at = 12; at + 8 <= b.length;) {
    const id = b.toString('ascii', at, at + 4);
    // espeak-ng writes 0x7fffffff as the data size when it streams to stdout: the data runs to the end.
    const size = Math.min(b.readUInt32LE(at + 4), b.length - at - 8);
    const body = b.subarray(at + 8, at + 8 + size);
    if (id === 'fmt ') {
      format = body.readUInt16LE(0);
      channels = body.readUInt16LE(2);
      rate = body.readUInt32LE(4);
      bits = body.readUInt16LE(14);
    } else if (id === 'data') {
      if (channels !== 1) throw new Error(`a mono file was expected, this one has ${channels} channels`);
      if (format === 7 && bits === 8) return { rate, samples: decodeUlaw(body) };
      if (format === 1 && bits === 16) return { rate, samples: fromPcm16le(body) };
      throw new Error(`unsupported WAV format ${format} with ${bits}-bit samples`);
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('the WAV file has no data chunk');
}

/** A μ-law WAV file (format 7, 8 kHz mono): what ships in prompts/. */
export function ulawWav(samples: Int16Array): Buffer {
  const data = encodeUlaw(samples);
  const header = Buffer.alloc(58);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(50 + data.length + (data.length % 2), 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(18, 16);
  header.writeUInt16LE(7, 20); // WAVE_FORMAT_MULAW
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate, 28);
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.writeUInt16LE(0, 36);
  // A non-PCM format needs a fact chunk with the sample count (WAVE spec, "fact" chunk).
  header.write('fact', 38, 'ascii');
  header.writeUInt32LE(4, 42);
  header.writeUInt32LE(data.length, 46);
  header.write('data', 50, 'ascii');
  header.writeUInt32LE(data.length, 54);
  return Buffer.concat([header, data, data.length % 2 ? Buffer.from([0]) : Buffer.alloc(0)]);
}

/**
 * Resample to 8 kHz with a windowed-sinc low-pass at 3.4 kHz (the telephone band): plain integer arithmetic
 * after the filter, so the same input gives the same bytes on every machine (the prompts are reproducible).
 */
export function resampleTo8k(input: Wav): Int16Array {
  if (input.rate === sampleRate) return input.samples;
  const ratio = input.rate / sampleRate;
  const cutoff = 3400 / input.rate;
  const half = 32;
  const n = Math.floor(input.samples.length / ratio);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    const centre = i * ratio;
    const first = Math.ceil(centre - half);
    let acc = 0;
    for (let k = first; k <= centre + half; k++) {
      if (k < 0 || k >= input.samples.length) continue;
      const x = k - centre;
      const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
      const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / (half + 1));
      acc += (input.samples[k] ?? 0) * sinc * window;
    }
    out[i] = Math.max(-32768, Math.min(32767, Math.round(acc)));
  }
  return out;
}

/** Silence of a given length. */
export const silence = (ms: number): Int16Array => new Int16Array(Math.round((ms * sampleRate) / 1000));

export function concatSamples(parts: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
