// The Huawei dongle's audio port, simulated: a second in-memory port beside the AT port that carries the
// call's audio as 8 kHz signed 16-bit little-endian PCM both ways once AT^DDSETEX=2 routes it there
// (chan_dongle's model of the E1550/E173 voice port). What the host plays is "heard" clip by clip: the
// shipped prompt clips are found in the sample stream byte for byte (a perfect listener, no speech
// recognition); what the caller presses goes to the host as DTMF tones in the samples.
import { clipIds, clipSamples, createMemoryPort, toPcm16le, type MemoryPort } from '../modem/index.ts';

/** 16 bytes (8 samples) from a clip's first loud sample: where a search for the clip starts. */
const keyBytes = 16;
const loud = 1000;

type Needle = { id: string; offset: number; bytes: Buffer };
let needles: Map<string, Needle[]> | null = null;

/** Every clip by the bytes at its first loud sample (a clip begins with near-silence several share). */
function clipIndex(): Map<string, Needle[]> {
  if (needles) return needles;
  needles = new Map();
  for (const id of clipIds()) {
    const samples = clipSamples(id);
    const first = samples.findIndex((v) => Math.abs(v) > loud);
    if (first < 0) continue;
    const bytes = toPcm16le(samples);
    const key = bytes.toString('latin1', first * 2, first * 2 + keyBytes);
    needles.set(key, [...(needles.get(key) ?? []), { id, offset: first * 2, bytes }]);
  }
  return needles;
}

/**
 * Finds whole shipped clips in a PCM stream, in order, as it arrives in chunks of any size. Samples are
 * 2 bytes, so a clip can only start at an even offset of the stream.
 */
export function createClipListener(onClip: (id: string) => void) {
  const index = clipIndex();
  let buf = Buffer.alloc(1 << 16);
  let length = 0;
  let scanned = 0;
  let pending: { id: string; start: number; bytes: Buffer }[] = [];
  return {
    push(chunk: Buffer) {
      if (length + chunk.length > buf.length) {
        const bigger = Buffer.alloc(Math.max(buf.length * 2, length + chunk.length));
        buf.copy(bigger, 0, 0, length);
        buf = bigger;
      }
      chunk.copy(buf, length);
      length += chunk.length;
      for (; scanned + keyBytes <= length; scanned += 2) {
        for (const n of index.get(buf.toString('latin1', scanned, scanned + keyBytes)) ?? []) {
          const start = scanned - n.offset;
          if (start >= 0) pending.push({ id: n.id, start, bytes: n.bytes });
        }
      }
      const waiting: typeof pending = [];
      for (const p of pending) {
        if (p.start + p.bytes.length > length) waiting.push(p);
        else if (buf.compare(p.bytes, 0, p.bytes.length, p.start, p.start + p.bytes.length) === 0) onClip(p.id);
      }
      pending = waiting;
    },
  };
}

export type SimAudioPort = {
  /** Where the host opens it (LineConfig.audioPath). */
  readonly path: string;
  readonly port: MemoryPort;
  /** Hears the host's audio until the returned function is called. */
  listen(onClip: (id: string) => void): () => void;
  /** Samples to the host (the caller's key tones). */
  send(samples: Int16Array): Promise<void>;
};

export function createSimAudioPort(path: string): SimAudioPort {
  const port = createMemoryPort(path);
  const listeners = new Set<ReturnType<typeof createClipListener>>();
  port.modem.onData((chunk) => {
    for (const l of listeners) l.push(chunk);
  });
  return {
    path,
    port,
    listen(onClip) {
      const listener = createClipListener(onClip);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: (samples) => port.modem.write(toPcm16le(samples)),
  };
}
