// "Delete calls older than N days", without breaking the evidence: only a prefix of the chain is removed
// (every record up to some id), and the cut is recorded with the hash the first kept record chains from, so
// `verify` still checks everything that remains.
import type { DatabaseSync } from 'node:sqlite';
import { dayMs, forgetCalls } from './aggregates.ts';
import { invalid, writeFailure } from './errors.ts';

export function applyRetention(db: DatabaseSync, days: number, now: Date): { deleted: number } {
  if (!Number.isInteger(days) || days < 1) {
    throw invalid('invalid-query', `Retention must be a whole number of days, at least 1 (got ${days}).`, `保留天数必须是至少为 1 的整数（收到 ${days}）。`);
  }
  const olderThan = now.getTime() - days * dayMs;
  try {
    db.exec('BEGIN IMMEDIATE');
    // The prefix ends just before the first call that must be kept. A call older than the cut but recorded
    // after a newer one (two lines, clocks) stays until a later cut reaches past it.
    const keep = db.prepare('SELECT MIN(id) AS id FROM history_calls WHERE started_ms >= ?').get(olderThan) as { id: number | null };
    const chain = db.prepare('SELECT last_id AS lastId FROM history_chain').get() as { lastId: number };
    const lastId = (keep.id ?? chain.lastId + 1) - 1;
    const first = db.prepare('SELECT MIN(id) AS id FROM history_calls').get() as { id: number | null };
    if (first.id === null || first.id > lastId) {
      db.exec('COMMIT');
      return { deleted: 0 };
    }
    const last = db.prepare('SELECT hash FROM history_calls WHERE id = ?').get(lastId) as { hash: Uint8Array } | undefined;
    if (!last) {
      throw new Error(`record ${lastId} is missing, so the cut cannot be recorded: run "ringfence verify" to see what happened`);
    }
    const recount = forgetCalls(db, lastId);
    db.prepare('DELETE FROM history_notes WHERE call_id <= ?').run(lastId);
    const deleted = Number(db.prepare('DELETE FROM history_calls WHERE id <= ?').run(lastId).changes);
    recount();
    db.prepare('INSERT INTO history_cuts (applied_at, older_than, last_id, last_hash, deleted) VALUES (?, ?, ?, ?, ?)').run(
      now.toISOString(),
      new Date(olderThan).toISOString(),
      lastId,
      last.hash,
      deleted,
    );
    db.exec('COMMIT');
    return { deleted };
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw writeFailure(error);
  }
}
