// One import step on a thread of its own: a preview (parse, check, stage) or a commit (staged rules into the
// database). Its own connections; the verdict or the error (code, both sentences) goes back as a message.
import { readlinkSync } from 'node:fs';
import { constants, setPriority } from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../../../shared/errors.ts';
import { openDatabase } from '../../store/index.ts';
import { RuleError } from '../errors.ts';
import { runCommit, runPreview } from './preview.ts';
import type { CommitJob, PreviewJob } from './preview.ts';
import { importTexts } from './texts.ts';

export type WorkerJob = ({ step: 'preview' } & PreviewJob) | ({ step: 'commit' } & CommitJob);
export type WorkerReply = { ok: true; result: unknown } | { ok: false; error: { code: string; text: { en: string; zh: string }; line?: number } };

// Screening shares the machine's cores with this thread: on Linux a thread has its own nice value, so this one
// (found through /proc/thread-self) yields to the thread that decides calls. Elsewhere it runs as it is.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, constants.priority.PRIORITY_LOW);
} catch {
  // No /proc (Windows, macOS) or not allowed: the import only takes longer to yield.
}

const job = workerData as WorkerJob & { livePath: string };
let reply: WorkerReply;
try {
  if (job.step === 'preview') {
    const live = new DatabaseSync(job.livePath, { readOnly: true, timeout: 5000 });
    try {
      reply = { ok: true, result: runPreview(job, live) };
    } finally {
      live.close();
    }
  } else {
    const live = openDatabase(job.livePath);
    try {
      reply = { ok: true, result: runCommit(job, live) };
    } finally {
      live.close();
    }
  }
} catch (error) {
  if (error instanceof DomainError)
    reply = { ok: false, error: { code: error.code, text: error.text, ...(error instanceof RuleError && error.line ? { line: error.line } : {}) } };
  else reply = { ok: false, error: { code: 'import-failed', text: importTexts.failed((error as Error).message) } };
}
parentPort?.postMessage(reply);
