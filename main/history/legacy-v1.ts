// The chain as schema 1–3 wrote it ("ringfence-call/1"), frozen: migration 4 checks an old database's chain
// with it before re-chaining, and says in the re-chain event whether it held. Never used for new records.
import { hash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { query, type Columns } from '../store/index.ts';

type Words = { reason: string; ruleId: string | null; ruleLabel: string | null; en: string; zh: string };

/** v1 content, from a row of the v1 columns (see the select below): started_ms and local_day were left out. */
function contentV1(r: Columns, w: Words): string {
  return `${JSON.stringify([
    'ringfence-call/1',
    r.id,
    r.call_key,
    r.line_id,
    r.simulated === 1,
    r.started_at,
    r.time_zone,
    r.t_first_ring,
    r.t_caller_id,
    r.t_decision,
    r.t_hangup_sent,
    r.t_hangup_confirmed,
    r.t_end,
    r.number,
    r.normalized,
    r.presentation,
    r.name,
    r.rings,
    r.one_ring === 1,
    r.action,
    w.reason,
    w.ruleId,
    w.ruleLabel,
    w.en,
    w.zh,
    r.outcome,
    r.hangup_latency_ms,
  ]).slice(0, -1)},${r.raw as string}]`;
}

export const chainHashV1 = (previous: string, content: string) => hash('sha256', `${previous}\n${content}`, 'hex');

/** Checks the v1 chain from `start` (after a cut: its id and hash); null when it holds, else what is wrong. */
export function checkV1(db: DatabaseSync, start: { id: number; hash: string }, lastId: number, head: string | null): string | null {
  const words = query<Words>(db, 'SELECT reason, rule_id AS ruleId, rule_label AS ruleLabel, text_en AS en, text_zh AS zh FROM history_decisions WHERE id = ?');
  const rows = query(db, `SELECT *, lower(hex(hash)) AS hex FROM history_calls WHERE id > ? ORDER BY id`).iterate(start.id);
  let previous = start.hash;
  let expected = start.id + 1;
  for (const r of rows) {
    if (r.id !== expected) return `record ${expected} was missing`;
    const w = words.get(r.decision_id as number);
    if (!w || typeof r.raw !== 'string' || chainHashV1(previous, contentV1(r, w)) !== r.hex) return `record ${expected} did not match its hash`;
    previous = r.hex as string;
    expected++;
  }
  if (expected - 1 !== lastId) return `the records ended at ${expected - 1}, the head said ${lastId}`;
  if (lastId > start.id && previous !== head) return 'the head did not match the last record';
  return null;
}
