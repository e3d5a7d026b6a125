// Checks everything the history keeps against the chain: every entry from its start (or the last retention
// cut, itself a chained entry) to the head, the table's columns against the declared fields, the statistics
// against the records they add up to, the incidents against the chained shield events, and the head against
// every checkpoint kept outside the database. Names the first record that does not hold and lists every other
// problem in a sentence; never throws on a damaged file.
//
// A long chain is checked in stretches at once, one per core, all but the first in worker threads: each
// entry's link needs only the stored hash before it, so the stretches are independent, and a million
// records take half the time on two cores.
import { existsSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { VerifyResult } from '../../shared/api.ts';
import type { Incident } from '../../shared/domain.ts';
import { checkAggregates } from './aggregates.ts';
import { genesisHash } from './canonical.ts';
import { entrySql, lastStoredEntry } from './chain-state.ts';
import { checkCheckpoints, type Checkpoint } from './checkpoints.ts';
import { callFields, eventFields, smsFields, unhashedCallColumns, unhashedEventColumns, unhashedSmsColumns } from './fields.ts';
import { checkIncidents } from './incidents.ts';
import { verifyRange, type RangeVerdict } from './verify-range.ts';
import { query } from '../store/index.ts';

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

export type VerifyOptions = {
  /** How long a chain must be before it is split, and into how many stretches (default: the cores, at most four). Tests lower both. */
  parallelFrom?: number;
  threads?: number;
  /** The shield's incidents as the screening engine keeps them: each must agree with its chained events. */
  incidents?: readonly Incident[];
  /** Checkpoints found outside the database (checkpoints.ts findCheckpoints). */
  checkpoints?: readonly Checkpoint[];
};

/** Columns of a table that the chain does not cover: a column added without being declared in fields.ts. */
function uncovered(db: DatabaseSync, table: string, fields: readonly { column: string }[], unhashed: readonly string[]): string[] {
  const known = new Set([...fields.map((f) => f.column), ...unhashed]);
  return query<{ name: string }>(db, `SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((c) => c.name)
    .filter((c) => !known.has(c));
}

type Cut = { id: number; lastId: number; lastHash: Uint8Array; deleted: number; eventId: number | null };

/** Whether a retention cut is vouched for by a chained entry: its own `retention-cut` event, or the re-chain that took it over. */
function cutProblem(db: DatabaseSync, cut: Cut): string | null {
  const lastHash = hex(cut.lastHash);
  const event =
    cut.eventId === null ? undefined : query<{ kind: string; body: string }>(db, 'SELECT kind, body FROM history_events WHERE id = ?').get(cut.eventId);
  let body: Record<string, unknown> = {};
  try {
    body = event ? (JSON.parse(event.body) as Record<string, unknown>) : {};
  } catch {
    // an unreadable body vouches for nothing
  }
  const vouched =
    (event?.kind === 'retention-cut' && body.lastId === cut.lastId && body.lastHash === lastHash) || (event?.kind === 'rechain' && body.startHash === lastHash);
  return vouched
    ? null
    : `the retention cut that says records up to ${cut.lastId} were deleted is not in the chain (no chained entry records it): it was added or changed afterwards`;
}

export function verifyChain(db: DatabaseSync, options: VerifyOptions = {}): VerifyResult {
  const parallelFrom = options.parallelFrom ?? defaultParallelFrom;
  const problems: string[] = [];
  const row = query<{ lastId: number; head: Uint8Array | null }>(db, 'SELECT last_id AS lastId, head FROM history_chain WHERE singleton = 1').get();
  const chain = row ? { lastId: row.lastId, head: hex(row.head) } : lastStoredEntry(db);
  if (!row) {
    problems.push(
      `the chain's head (the history_chain row) is missing: it was deleted; the records end at ${chain.lastId}, and only a checkpoint can tell whether any after it were removed`,
    );
  }
  const head = chain.head;
  for (const c of uncovered(db, 'history_calls', callFields, unhashedCallColumns)) problems.push(`history_calls has a column the chain does not cover: ${c}`);
  for (const c of uncovered(db, 'history_events', eventFields, unhashedEventColumns))
    problems.push(`history_events has a column the chain does not cover: ${c}`);
  for (const c of uncovered(db, 'history_sms', smsFields, unhashedSmsColumns)) problems.push(`history_sms has a column the chain does not cover: ${c}`);

  const cuts = query<Cut>(
    db,
    'SELECT id, last_id AS lastId, last_hash AS lastHash, deleted, event_id AS eventId FROM history_cuts ORDER BY last_id DESC',
  ).all();
  const cut = cuts[0];
  const start = cut ? cut.lastId + 1 : 1;
  const startHash = cut ? hex(cut.lastHash)! : genesisHash;
  const result = (verdict: Omit<VerifyResult, 'head' | 'problems' | 'lastId' | 'checkpoints'>): VerifyResult => {
    const checkpoints = checkCheckpoints(db, options.checkpoints ?? [], { lastId: chain.lastId, head, start, bad: verdict.firstBad?.id ?? null });
    for (const c of checkpoints) if (!c.matches && c.problem) problems.push(c.problem);
    const ok = verdict.ok && problems.length === 0;
    return { ...verdict, ok, head, lastId: chain.lastId, problems, checkpoints };
  };

  if (cut) {
    const forged = cutProblem(db, cut);
    if (forged) return result({ ok: false, records: 0, events: 0, firstBad: { id: start, reason: `record ${start} cannot be checked: ${forged}` } });
  }
  const bounds = query<{ lo: number | null; hi: number | null }>(
    db,
    'SELECT MIN(id) AS lo, MAX(id) AS hi FROM (SELECT id FROM history_calls UNION ALL SELECT id FROM history_events UNION ALL SELECT id FROM history_sms)',
  ).one();
  if (bounds.lo !== null && bounds.lo < start) {
    return result({
      ok: false,
      records: 0,
      events: 0,
      firstBad: {
        id: bounds.lo,
        reason: `record ${bounds.lo} is older than the retention cut (which removed records up to ${start - 1}): it was added afterwards`,
      },
    });
  }

  const count = chain.lastId - start + 1;
  const path = db.location();
  const parts = Math.min(options.threads ?? Math.min(availableParallelism(), 4), Math.max(1, Math.floor(count / Math.max(1, parallelFrom / 2))));
  let verdict: RangeVerdict;
  if (parts > 1 && path) {
    // Stretch i covers [bounds[i], bounds[i + 1]); each chains from the stored hash of the entry before it.
    const edges = Array.from({ length: parts + 1 }, (_, i) => start + Math.floor((count * i) / parts));
    const hashOf = query<{ hash: Uint8Array }>(db, entrySql('hash'));
    const helpers = edges.slice(1, -1).map((from, i) => {
      const before = hashOf.get(from - 1);
      return { from, to: edges[i + 2]! - 1, helper: startHelper(path, from, edges[i + 2]! - 1, hex(before?.hash), i === parts - 2) };
    });
    verdict = verifyRange(db, start, edges[1]! - 1, startHash, parts === 1);
    for (const { from, to, helper } of helpers) {
      const found = helper?.collect() ?? null;
      if (verdict.bad) continue; // the earliest bad record wins; later stretches only need stopping
      const rest = found ?? verifyRange(db, from, to, verdict.lastHash, to === chain.lastId);
      verdict = {
        records: verdict.records + rest.records,
        events: verdict.events + rest.events,
        messages: (verdict.messages ?? 0) + (rest.messages ?? 0),
        bad: rest.bad,
        lastHash: rest.lastHash,
      };
    }
    for (const { helper } of helpers) helper?.stop();
  } else {
    verdict = verifyRange(db, start, chain.lastId, startHash, true);
  }

  const base = { records: verdict.records, events: verdict.events, messages: verdict.messages ?? 0 };
  if (verdict.bad) return result({ ok: false, ...base, firstBad: verdict.bad });
  if (bounds.hi !== null && bounds.hi > chain.lastId) {
    const id = chain.lastId + 1;
    return result({
      ok: false,
      ...base,
      firstBad: { id, reason: `record ${id} is not part of the chain: the chain ends at record ${chain.lastId}, so it was added afterwards` },
    });
  }
  if (chain.lastId >= start && verdict.lastHash !== head) {
    return result({
      ok: false,
      ...base,
      firstBad: { id: chain.lastId, reason: `the chain head does not match record ${chain.lastId}: the head or the record was changed` },
    });
  }
  const stats = checkAggregates(db);
  if (stats) problems.push(stats);
  if (options.incidents) problems.push(...checkIncidents(db, options.incidents, start));
  return result({ ok: true, ...base, firstBad: null });
}

/** The record with this hash, if the chain holds one: lets an export's head be matched against the database later. */
export function findByHash(db: DatabaseSync, hash: string): number | null {
  if (!/^[0-9a-f]{64}$/i.test(hash)) return null;
  const row = query<{ id: number }>(
    db,
    'SELECT id FROM history_calls WHERE hash = ?1 UNION ALL SELECT id FROM history_events WHERE hash = ?1 UNION ALL SELECT id FROM history_sms WHERE hash = ?1',
  ).get(Buffer.from(hash, 'hex'));
  return row?.id ?? null;
}

/**
 * The entries whose hash starts with these hex digits (the shortened fingerprint the UI shows), at most
 * `limit`: one means the prefix names a record, several that it is too short to.
 */
export function findByHashPrefix(db: DatabaseSync, prefix: string, limit = 2): { id: number; hash: string }[] {
  const p = prefix.toLowerCase();
  if (!/^[0-9a-f]{1,64}$/.test(p)) return [];
  // A blob range on the primary-key-less hash needs a scan; it is a one-off question over a few million rows.
  const even = p.length % 2 === 0 ? p : p.slice(0, -1);
  const lo = Buffer.from(even, 'hex');
  return query<{ id: number; hash: string }>(
    db,
    `SELECT id, lower(hex(hash)) AS hash FROM (SELECT id, hash FROM history_calls UNION ALL SELECT id, hash FROM history_events UNION ALL SELECT id, hash FROM history_sms)
     WHERE substr(hash, 1, ?1) = ?2 AND lower(hex(hash)) LIKE ?3 ORDER BY id LIMIT ?4`,
  ).all(lo.length, lo, `${p}%`, limit);
}
