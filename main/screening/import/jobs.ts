// The import previews waiting for a commit, and the worker threads that make them. The screening thread only
// starts workers and keeps a token per preview; parsing, checking and writing happen elsewhere.
//  - one pending preview per client (a window, the CLI): a new preview replaces the client's older one, and
//    stops it if it is still being made;
//  - a preview expires after ten minutes, eagerly (a timer removes its staging file, not the next request);
//  - at most two previews are made at once (the machine's cores are screening's too);
//  - a worker is capped in memory: a list that needs more fails with a sentence, never takes the process down.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportPreview } from '../../../shared/api.ts';
import type { RuleList } from '../../../shared/domain.ts';
import { RuleError } from '../errors.ts';
import type { WorkerJob, WorkerReply } from './import-worker.ts';
import { defaultLimits, runCommit, runPreview } from './preview.ts';
import type { ImportLimits, ImportSource, PreviewOutcome } from './preview.ts';
import { eachInvalid } from './staging.ts';
import { importTexts } from './texts.ts';
import type { FileFormat, InvalidLine } from './types.ts';

// From source the worker is the .ts beside this file; in a bundle it is import-worker.js (an entry of its own
// in electron.vite.config.ts), beside the chunk or one folder up. Without it the steps run on this thread.
const workerUrl =
  [new URL('./import-worker.ts', import.meta.url), new URL('./import-worker.js', import.meta.url), new URL('../import-worker.js', import.meta.url)].find(
    (u) => u.protocol === 'file:' && existsSync(fileURLToPath(u)),
  ) ?? null;

export type ImportJobsOptions = {
  db: DatabaseSync;
  homeCountry: () => string;
  now: () => Date;
  ttlMs?: number;
  maxRunning?: number;
  /** Heap a worker may use; the whole preview is designed to need far less (staging is on disk). */
  workerHeapMb?: number;
  limits?: Partial<ImportLimits>;
};

type Pending = { token: string; client: string; list: RuleList; stagingPath: string; timer: NodeJS.Timeout };
type Running = { client: string; step: WorkerJob['step']; cancel: () => void };

export type PreviewRequest = { source: ImportSource; list?: RuleList; fileName?: string; format?: 'auto' | FileFormat; client?: string };

/**
 * Removes a file on the thread pool. Deleting a staging database or an upload of tens of megabytes takes the
 * file system milliseconds (its blocks are freed), and a preview replaced by the next one is discarded on
 * the thread that hangs up callers. What cannot be removed now is swept at the next start.
 */
const remove = (path: string): Promise<void> => rm(path, { force: true }).catch(() => {});

export class ImportJobs {
  readonly #db: DatabaseSync;
  readonly #livePath: string | null;
  readonly #dir: string;
  readonly #options: Required<Pick<ImportJobsOptions, 'ttlMs' | 'maxRunning' | 'workerHeapMb'>> & ImportJobsOptions;
  readonly #limits: ImportLimits;
  readonly #pending = new Map<string, Pending>();
  readonly #running = new Set<Running>();
  /** Each client's latest preview request, numbered: "one pending preview per client" is the latest one. */
  readonly #latest = new Map<string, number>();

  constructor(options: ImportJobsOptions) {
    this.#options = { ttlMs: 10 * 60_000, maxRunning: 2, workerHeapMb: 256, ...options };
    this.#db = options.db;
    const location = options.db.location();
    this.#livePath = location && location !== ':memory:' ? location : null;
    this.#dir = this.#livePath ? join(dirname(this.#livePath), 'imports') : join(tmpdir(), 'ringfence-imports');
    this.#limits = { ...defaultLimits, ...options.limits };
    this.#sweep();
  }

  /** Where uploads wait for a worker (the HTTP server streams a request body here). */
  get folder(): string {
    mkdirSync(this.#dir, { recursive: true });
    return this.#dir;
  }

  async preview(request: PreviewRequest): Promise<{ token: string; list: RuleList; preview: ImportPreview }> {
    const client = request.client ?? 'local';
    const turn = (this.#latest.get(client) ?? 0) + 1;
    this.#latest.set(client, turn);
    await Promise.all([...this.#pending.values()].filter((p) => p.client === client).map((p) => this.discard(p.token)));
    // A newer request from the same client came while the old staging file went: that one wins.
    if (this.#latest.get(client) !== turn) throw new RuleError('import-replaced', importTexts.replaced());
    for (const r of this.#running) if (r.client === client && r.step === 'preview') r.cancel();
    if (this.#running.size >= this.#options.maxRunning) throw new RuleError('import-busy', importTexts.busy(this.#options.maxRunning));
    const token = randomUUID();
    const stagingPath = join(this.folder, `${token}.staging.db`);
    try {
      const outcome = (await this.#run(client, {
        step: 'preview',
        source: request.source,
        ...(request.list ? { list: request.list } : {}),
        ...(request.fileName ? { fileName: request.fileName } : {}),
        ...(request.format ? { format: request.format } : {}),
        homeCountry: this.#options.homeCountry(),
        nowMs: this.#options.now().getTime(),
        stagingPath,
        limits: this.#limits,
      })) as PreviewOutcome;
      const timer = setTimeout(() => void this.discard(token), this.#options.ttlMs);
      timer.unref();
      this.#pending.set(token, { token, client, list: outcome.list, stagingPath, timer });
      return { token, list: outcome.list, preview: { token, ...outcome.preview } };
    } catch (error) {
      await remove(stagingPath);
      throw error;
    } finally {
      if (this.#latest.get(client) === turn) this.#latest.delete(client);
    }
  }

  /** A preview of text already in memory (IPC, tests): written to a file first, off this thread. */
  async previewText(q: { list: RuleList; content: string; fileName?: string; format?: 'auto' | FileFormat; client?: string }) {
    const upload = join(this.folder, `${randomUUID()}.upload`);
    await writeFile(upload, q.content);
    try {
      return await this.preview({
        source: { path: upload, shape: 'list' },
        list: q.list,
        ...(q.fileName ? { fileName: q.fileName } : {}),
        ...(q.format ? { format: q.format } : {}),
        ...(q.client ? { client: q.client } : {}),
      });
    } finally {
      await remove(upload);
    }
  }

  async commit(token: string, skipInvalid: boolean): Promise<{ list: RuleList; imported: number; skipped: number }> {
    const pending = this.#pending.get(token);
    if (!pending) throw new RuleError('import-expired', importTexts.expired());
    const result = (await this.#run(pending.client, {
      step: 'commit',
      stagingPath: pending.stagingPath,
      list: pending.list,
      skipInvalid,
      nowIso: this.#options.now().toISOString(),
    })) as {
      imported: number;
      skipped: number;
    };
    await this.discard(token);
    return { list: pending.list, ...result };
  }

  /** The invalid lines of a pending preview, in file order (to save them to a file). */
  invalidLines(token: string): Iterable<InvalidLine> {
    const pending = this.#pending.get(token);
    if (!pending) throw new RuleError('import-expired', importTexts.expired());
    return eachInvalid(pending.stagingPath);
  }

  /** Forgets a preview; its staging file is gone when the promise settles. */
  discard(token: string): Promise<void> {
    const pending = this.#forget(token);
    return pending ? remove(pending.stagingPath) : Promise.resolve();
  }

  close(): void {
    for (const r of [...this.#running]) r.cancel();
    // The process may be about to exit: these go before close returns.
    for (const token of [...this.#pending.keys()]) rmSync(this.#forget(token)!.stagingPath, { force: true });
  }

  #forget(token: string): Pending | undefined {
    const pending = this.#pending.get(token);
    if (!pending) return undefined;
    clearTimeout(pending.timer);
    this.#pending.delete(token);
    return pending;
  }

  /** Staging files left by a process that ended mid-preview (older than a preview lives) are removed. */
  #sweep(): void {
    if (!existsSync(this.#dir)) return;
    const cutoff = Date.now() - 2 * this.#options.ttlMs;
    for (const name of readdirSync(this.#dir)) {
      const path = join(this.#dir, name);
      try {
        if (statSync(path).mtimeMs < cutoff) rmSync(path, { force: true });
      } catch {
        // Gone already (another process swept it).
      }
    }
  }

  #run(client: string, job: WorkerJob): Promise<unknown> {
    if (!workerUrl || !this.#livePath) {
      // No worker possible (an in-memory database, a bundle without the file): the same steps, here.
      return Promise.resolve().then(() => (job.step === 'preview' ? runPreview(job, this.#db) : runCommit(job, this.#db)));
    }
    return new Promise((resolve, reject) => {
      let settled = false;
      const worker = new Worker(workerUrl, {
        workerData: { ...job, livePath: this.#livePath },
        resourceLimits: { maxOldGenerationSizeMb: this.#options.workerHeapMb },
      });
      const running: Running = {
        client,
        step: job.step,
        cancel: () => finish(() => reject(new RuleError('import-replaced', importTexts.replaced()))),
      };
      this.#running.add(running);
      const finish = (then: () => void) => {
        if (settled) return;
        settled = true;
        this.#running.delete(running);
        void worker.terminate();
        then();
      };
      worker.on('message', (reply: WorkerReply) =>
        finish(() => (reply.ok ? resolve(reply.result) : reject(new RuleError(reply.error.code, reply.error.text, reply.error.line)))),
      );
      worker.on('error', (error: Error & { code?: string }) =>
        finish(() =>
          reject(
            new RuleError(
              error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'import-too-large' : 'import-failed',
              importTexts.failed(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it needs more than ${this.#options.workerHeapMb} MB of memory` : error.message),
            ),
          ),
        ),
      );
      worker.on('exit', () => finish(() => reject(new RuleError('import-failed', importTexts.failed('the import worker stopped')))));
    });
  }
}
