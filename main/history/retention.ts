// "Delete calls older than N days", without breaking the evidence: only a prefix of the chain is removed
// (every record up to some id), and the cut is recorded with the hash the first kept record chains from, so
// `verify` still checks everything that remains.
import type { DatabaseSync } from 'node:sqlite';
import { dayMs, forgetCalls } from './aggregates.ts';
import { chainState, entrySql } from './chain-state.ts';
import { invalid, writeFailure } from './errors.ts';
import { texts } from './texts.ts';
import { appendEvent } from './events.ts';
import { query } from '../store/index.ts';

export function applyRetention(db: DatabaseSync, days: number, now: Date): { deleted: number } {
  if (!Number.isInteger(days) || days < 1) {
    throw invalid('invalid-query', texts.retentionDays(days));
  }
  const olderThan = now.getTime() - days * dayMs;
  try {
    db.exec('BEGIN IMMEDIATE');
    // The prefix ends just before the first call that must be kept. A call older than the cut but recorded
    // after a newer one (two lines, clocks) stays until a later cut reaches past it.
    const keep = query<{ id: number | null }>(db, 'SELECT MIN(id) AS id FROM history_calls WHERE started_ms >= ?').one(olderThan);
    const state = chainState(db);
    const chain = state.read();
    const lastId = (keep.id ?? chain.lastId + 1) - 1;
    const first = query<{ id: number | null }>(db, 'SELECT MIN(id) AS id FROM history_calls').one();
    if (first.id === null || first.id > lastId) {
      db.exec('COMMIT');
      return { deleted: 0 };
    }
    // The last removed entry may be a call, an event or an SMS: the first kept one chains from its hash.
    const last = query<{ hash: Uint8Array }>(db, entrySql('hash')).get(lastId);
    if (!last) {
      throw new Error(`record ${lastId} is missing, so the cut cannot be recorded: run "ringfence verify" to see what happened`);
    }
    const recount = forgetCalls(db, lastId);
    db.prepare('DELETE FROM history_notes WHERE call_id <= ?').run(lastId);
    const deleted = Number(db.prepare('DELETE FROM history_calls WHERE id <= ?').run(lastId).changes);
    db.prepare('DELETE FROM history_events WHERE id <= ?').run(lastId);
    db.prepare('DELETE FROM history_sms WHERE id <= ?').run(lastId);
    recount();
    // The cut is itself the chain's next entry: a cut row forged with the sqlite3 shell has no such entry.
    const lastHash = Buffer.from(last.hash).toString('hex');
    const olderThanIso = new Date(olderThan).toISOString();
    const event = appendEvent(db, state, { kind: 'retention-cut', at: now.toISOString(), body: { lastId, lastHash, olderThan: olderThanIso, deleted } }, now);
    db.prepare('INSERT INTO history_cuts (applied_at, older_than, last_id, last_hash, deleted, event_id) VALUES (?, ?, ?, ?, ?, ?)').run(
      now.toISOString(),
      olderThanIso,
      lastId,
      last.hash,
      deleted,
      event.id,
    );
    db.exec('COMMIT');
    return { deleted };
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw writeFailure(error);
  }
}
