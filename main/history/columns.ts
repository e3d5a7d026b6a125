// How a call record is read back: one column list and one positional mapping, shared by queries, verification
// and exports so they can never disagree about what a record contains.
import type { SQLOutputValue } from 'node:sqlite';
import type { Action, CallOutcome, CallRecord, Presentation, Reason } from '../../shared/domain.ts';

/** A record as stored: the public CallRecord plus the caller's idempotency key, which the hash covers too. */
export type StoredCall = CallRecord & { callKey: string };

/** Select with `FROM history_calls c JOIN history_decisions d ON d.id = c.decision_id`; read with rowToCall. */
export const callColumns = `c.id, c.call_key, c.line_id, c.simulated, c.started_at, c.time_zone,
  c.t_first_ring, c.t_caller_id, c.t_decision, c.t_hangup_sent, c.t_hangup_confirmed, c.t_end,
  c.number, c.normalized, c.presentation, c.name, c.rings, c.one_ring,
  c.action, d.reason, d.rule_id, d.rule_label, d.text_en, d.text_zh,
  c.outcome, c.hangup_latency_ms, c.raw, c.hash`;

export const callsFrom = 'history_calls c JOIN history_decisions d ON d.id = c.decision_id';

type Row = readonly SQLOutputValue[];

const num = (v: SQLOutputValue): number | null => (v === null ? null : Number(v));
const str = (v: SQLOutputValue): string | null => (v === null ? null : String(v));

/** Maps a row selected with `callColumns` (statement in array mode) to a record. */
export function rowToCall(r: Row): StoredCall {
  return {
    id: Number(r[0]),
    callKey: String(r[1]),
    lineId: String(r[2]),
    simulated: r[3] === 1,
    startedAt: String(r[4]),
    timeZone: String(r[5]),
    timings: {
      firstRing: num(r[6]!),
      callerId: num(r[7]!),
      decision: num(r[8]!),
      hangupSent: num(r[9]!),
      hangupConfirmed: num(r[10]!),
      end: num(r[11]!),
    },
    number: str(r[12]!),
    normalized: str(r[13]!),
    presentation: String(r[14]) as Presentation,
    name: str(r[15]!),
    rings: Number(r[16]),
    oneRing: r[17] === 1,
    decision: {
      action: String(r[18]) as Action,
      reason: String(r[19]) as Reason,
      ruleId: str(r[20]!),
      ruleLabel: str(r[21]!),
      text: { en: String(r[22]), zh: String(r[23]) },
    },
    outcome: String(r[24]) as CallOutcome,
    hangupLatencyMs: num(r[25]!),
    raw: JSON.parse(String(r[26])) as string[],
    hash: Buffer.from(r[27] as Uint8Array).toString('hex'),
  };
}

/** The public shape: the idempotency key stays inside the history (exports carry it for re-hashing). */
export function publicCall(call: StoredCall): CallRecord {
  const { callKey: _key, ...record } = call;
  return record;
}

/** Calls that were hung up on: what "blocked" means in every count. `silent` calls still rang. */
export const blockedActions: readonly Action[] = ['reject', 'answer-hangup'];
export const blockedSql = `action IN ('reject', 'answer-hangup')`;
