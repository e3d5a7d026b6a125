// Where an export's text goes: a write stream with backpressure (memory stays flat however long the export),
// into a temporary ".<name>.<random>.part" beside it, moved into place only when complete, so a half-written
// file never looks finished. The target is checked first (store/safe-write.ts): an existing file is replaced
// only with `force`, a database file of the data folder never.
import { createWriteStream, existsSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';
import { checkTarget, placeFile, tempBeside, type SafeWriteOptions } from '../../store/index.ts';
import { HistoryError } from '../errors.ts';
import { exportTexts } from './texts.ts';

// Large chunks: each write costs a UTF-8 conversion and a system call, so fewer, bigger ones are cheaper.
const flushAt = 1024 * 1024;

export class ExportSink {
  readonly path: string;
  #target: string;
  #force: boolean;
  #part: string;
  #stream: WriteStream;
  #buffer: string[] = [];
  #buffered = 0;
  #failed: Error | null = null;

  constructor(path: string, options: SafeWriteOptions = {}) {
    const dir = dirname(path);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new HistoryError('invalid-query', exportTexts.folderMissing(path, dir));
    }
    this.path = path;
    this.#target = checkTarget(path, options);
    this.#force = options.force ?? false;
    this.#part = tempBeside(this.#target);
    this.#stream = createWriteStream(this.#part, { encoding: 'utf8' });
    this.#stream.on('error', (error) => {
      this.#failed = error;
    });
  }

  /** Queues text; returns a promise only when the disk needs a moment (await it), else undefined. */
  write(text: string): Promise<void> | undefined {
    this.#buffer.push(text);
    this.#buffered += text.length;
    return this.#buffered >= flushAt ? this.#flush() : undefined;
  }

  #flush(): Promise<void> | undefined {
    if (this.#failed) return Promise.reject(this.#failed);
    if (this.#buffer.length === 0) return undefined;
    const chunk = this.#buffer.join('');
    this.#buffer = [];
    this.#buffered = 0;
    if (this.#stream.write(chunk)) return undefined;
    return new Promise((resolve, reject) => {
      const onDrain = () => {
        this.#stream.off('error', onError);
        resolve();
      };
      const onError = (error: Error) => {
        this.#stream.off('drain', onDrain);
        reject(error);
      };
      this.#stream.once('drain', onDrain);
      this.#stream.once('error', onError);
    });
  }

  async finish(): Promise<void> {
    await this.#flush();
    await new Promise<void>((resolve, reject) => {
      this.#stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
    });
    if (this.#failed) throw this.#failed;
    await placeFile(this.#part, this.#target, this.path, this.#force);
  }

  abort(): void {
    this.#stream.destroy();
    try {
      rmSync(this.#part, { force: true });
    } catch {
      // Not a file we made (the name was taken by a folder): leave it as it is.
    }
  }
}

/** Calls onProgress at the start, every `every` rows or quarter second, and at the end: enough for a progress bar. */
export function progress(total: number, onProgress?: (done: number, total: number) => void, every = 2_000) {
  let last = 0;
  let lastAt = 0;
  onProgress?.(0, total);
  return {
    tick(done: number) {
      if (!onProgress) return;
      if (done - last >= every || (done !== last && Date.now() - lastAt > 250)) {
        last = done;
        lastAt = Date.now();
        onProgress(done, total);
      }
    },
    end(done: number) {
      onProgress?.(done, total);
    },
  };
}
