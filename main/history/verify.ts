// Checks the whole hash chain from its start (or from the last retention cut) to the head, and names the
// first record that does not hold: changed, moved, inserted or missing. A long chain is checked in stretches
// at once, one per core, all but the first in worker threads: each record's link needs only the stored hash
// before it, so the stretches are independent, and a million records take half the time on two cores.
import { existsSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { VerifyResult } from '../../shared/api.ts';
import { genesisHash } from './canonical.ts';
import { verifyRange, type RangeVerdict } from './verify-range.ts';

const hex = (b: Uint8Array | null | undefined): string | null => (b ? Buffer.from(b).toString('hex') : null);

/** Below this many records a worker costs more to start than it saves. */
const defaultParallelFrom = 100_000;
// From source the worker is the .ts beside this file; in a bundle it is verify-worker.js when the build lists it
// as an entry (electron.vite.config.ts main inputs), beside the chunk or one folder up. Without it the whole
// chain is checked on this thread.
const workerCandidates = [
  new URL('./verify-worker.ts', import.meta.url),
  new URL('./verify-worker.js', import.meta.url),
  new URL('../verify-worker.js', import.meta.url),
];
const workerUrl = workerCandidates.find((u) => u.protocol === 'file:' && existsSync(fileURLToPath(u))) ?? null;

type Helper = { collect(): RangeVerdict | null; stop(): void };

/** Starts the worker on [fromId, toId]; null where workers cannot run (in-memory database, a bundle without the file). */
function startHelper(path: string, fromId: number, toId: number, previous: string | null, endsChain: boolean): Helper | null {
  if (!workerUrl) return null;
  const shared = new SharedArrayBuffer(8 + 4096);
  const state = new Int32Array(shared, 0, 2);
  let worker: Worker;
  try {
    worker = new Worker(workerUrl, { workerData: { path, fromId, toId, previous, endsChain, shared } });
  } catch {
    return null;
  }
  worker.unref();
  return {
    // Blocks until the worker is done: verify() is synchronous. A worker that never started (it could not
    // load) is given up on at once, and the caller checks that half itself.
    collect() {
      if (Atomics.load(state, 0) === 0) Atomics.wait(state, 0, 0, 2_000);
      if (Atomics.load(state, 0) === 0) return null;
      while (Atomics.load(state, 0) !== 2) Atomics.wait(state, 0, 1, 1_000);
      const length = Atomics.load(state, 1);
      const text = new TextDecoder().decode(new Uint8Array(shared, 8, length).slice());
      const verdict = JSON.parse(text) as RangeVerdict | { error: string };
      return 'error' in verdict ? null : verdict;
    },
    stop() {
      void worker.terminate();
    },
  };
}

/**
 * `parallelFrom`: how long a chain must be before it is split; `threads`: into how many stretches (default:
 * the cores, at most four). Tests lower both.
 */
export function verifyChain(db: DatabaseSync, options: { parallelFrom?: number; threads?: number } = {}): VerifyResult {
  const parallelFrom = options.parallelFrom ?? defaultParallelFrom;
  const chain = db.prepare('SELECT last_id AS lastId, head FROM history_chain WHERE singleton = 1').get() as { lastId: number; head: Uint8Array | null };
  const cut = db.prepare('SELECT last_id AS lastId, last_hash AS lastHash FROM history_cuts ORDER BY last_id DESC LIMIT 1').get() as
    | { lastId: number; lastHash: Uint8Array }
    | undefined;
  const head = hex(chain.head);
  const start = cut ? cut.lastId + 1 : 1;
  const startHash = cut ? hex(cut.lastHash)! : genesisHash;
  const bounds = db.prepare('SELECT MIN(id) AS lo, MAX(id) AS hi FROM history_calls').get() as { lo: number | null; hi: number | null };
  if (bounds.lo !== null && bounds.lo < start) {
    return { ok: false, records: 0, head, firstBad: { id: bounds.lo, reason: `record ${bounds.lo} is older than the retention cut (which removed records up to ${start - 1}): it was added afterwards` } };
  }

  const count = chain.lastId - start + 1;
  const path = db.location();
  const parts = Math.min(options.threads ?? Math.min(availableParallelism(), 4), Math.max(1, Math.floor(count / Math.max(1, parallelFrom / 2))));
  let verdict: RangeVerdict;
  if (parts > 1 && path) {
    // Stretch i covers [bounds[i], bounds[i + 1]); each chains from the stored hash of the record before it.
    const edges = Array.from({ length: parts + 1 }, (_, i) => start + Math.floor((count * i) / parts));
    const hashOf = db.prepare('SELECT hash FROM history_calls WHERE id = ?');
    const helpers = edges.slice(1, -1).map((from, i) => {
      const before = hashOf.get(from - 1) as { hash: Uint8Array } | undefined;
      return { from, to: edges[i + 2]! - 1, helper: startHelper(path, from, edges[i + 2]! - 1, hex(before?.hash), i === parts - 2) };
    });
    verdict = verifyRange(db, start, edges[1]! - 1, startHash, parts === 1);
    for (const { from, to, helper } of helpers) {
      const result = helper?.collect() ?? null;
      if (verdict.bad) continue; // the earliest bad record wins; later stretches only need stopping
      const rest = result ?? verifyRange(db, from, to, verdict.lastHash, to === chain.lastId);
      verdict = { records: verdict.records + rest.records, bad: rest.bad, lastHash: rest.lastHash };
    }
    for (const { helper } of helpers) helper?.stop();
  } else {
    verdict = verifyRange(db, start, chain.lastId, startHash, true);
  }

  if (verdict.bad) return { ok: false, records: verdict.records, head, firstBad: verdict.bad };
  if (bounds.hi !== null && bounds.hi > chain.lastId) {
    const id = chain.lastId + 1;
    return { ok: false, records: verdict.records, head, firstBad: { id, reason: `record ${id} is not part of the chain: the chain ends at record ${chain.lastId}, so it was added afterwards` } };
  }
  if (chain.lastId >= start && verdict.lastHash !== head) {
    return { ok: false, records: verdict.records, head, firstBad: { id: chain.lastId, reason: `the chain head does not match record ${chain.lastId}: the head or the record was changed` } };
  }
  return { ok: true, records: verdict.records, head, firstBad: null };
}

/** The record with this hash, if the chain holds one: lets an export's head be matched against the database later. */
export function findByHash(db: DatabaseSync, hash: string): number | null {
  if (!/^[0-9a-f]{64}$/i.test(hash)) return null;
  const row = db.prepare('SELECT id FROM history_calls WHERE hash = ?').get(Buffer.from(hash, 'hex')) as { id: number } | undefined;
  return row?.id ?? null;
}
