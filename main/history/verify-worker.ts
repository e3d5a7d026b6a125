// One stretch of a long verification, on another core: opens the database read-only, checks its stretch
// of the chain and hands the verdict back through shared memory (the caller waits synchronously).
import { DatabaseSync } from 'node:sqlite';
import { workerData } from 'node:worker_threads';
import { verifyRange } from './verify-range.ts';

type Job = { path: string; fromId: number; toId: number; previous: string | null; endsChain: boolean; shared: SharedArrayBuffer };

const job = workerData as Job;
const state = new Int32Array(job.shared, 0, 2);
const payload = new Uint8Array(job.shared, 8);
Atomics.store(state, 0, 1); // started
let verdict: unknown;
try {
  const db = new DatabaseSync(job.path, { readOnly: true, timeout: 5000 });
  verdict = verifyRange(db, job.fromId, job.toId, job.previous, job.endsChain);
  db.close();
} catch (error) {
  verdict = { error: (error as Error).message };
}
const bytes = new TextEncoder().encode(JSON.stringify(verdict));
payload.set(bytes.subarray(0, payload.length));
Atomics.store(state, 1, Math.min(bytes.length, payload.length));
Atomics.store(state, 0, 2); // done
Atomics.notify(state, 0);
