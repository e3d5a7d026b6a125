// Streams a captured transcript (a fixture's .modem file) into the link, byte for byte, optionally torn
// into small random writes, so the real parser meets real bytes the way a USB read delivers them.
import { readFile } from 'node:fs/promises';
import { ReplayFileError } from './errors.ts';
import type { Line } from './line.ts';
import type { SimLog } from './log.ts';
import type { Random } from './random.ts';

export { ReplayFileError };

export async function readTranscript(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new ReplayFileError(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : (error as Error).message);
  }
}

/** Pieces of 1–8 bytes when split, else one piece: a parser must not care where reads end. */
export function replayChunks(bytes: Buffer, split: boolean, random: Random): Buffer[] {
  if (!split) return bytes.length ? [bytes] : [];
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length;) {
    const n = Math.min(bytes.length - i, random.int(1, 8));
    chunks.push(bytes.subarray(i, i + n));
    i += n;
  }
  return chunks;
}

/**
 * The host's open flushes anything written before it (serialport calls tcflush, as USB drivers do), so
 * the transcript starts at the host's first byte, e.g. its first AT. Until the transcript has been
 * sent the modem answers nothing and sends no noise; afterwards it plays its profile as usual.
 */
export async function playTranscript(line: Line, bytes: Buffer, options: { split: boolean; random: Random; log: SimLog }): Promise<void> {
  line.replaying = true;
  try {
    await line.nextHostByte();
    options.log.add('event', `replay: ${bytes.length} bytes${options.split ? ' in small writes' : ''}`);
    for (const chunk of replayChunks(bytes, options.split, options.random)) {
      if ((await line.write(chunk)) === null) {
        options.log.add('event', 'replay stopped: the link is gone');
        return;
      }
      // Let socat forward each piece on its own read rather than coalesce them.
      if (options.split) await new Promise((r) => setTimeout(r, 1));
    }
    options.log.add('event', 'replay finished');
  } finally {
    line.replaying = false;
  }
}
