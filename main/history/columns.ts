// How a call record is read back: one column list and one positional mapping, shared by queries, verification
// and exports so they can never disagree about what a record contains. The decision's words live in their own
// table (thousands of calls share them) and are looked up through a small cache instead of a join: reading a
// million records for verification or export is a third faster without it.
import type { DatabaseSync, SQLOutputValue } from 'node:sqlite';
import type { Action, CallOutcome, CallRecord, Presentation, Reason } from '../../shared/domain.ts';
import { callFields, type CallFieldKey } from './fields.ts';
import { query } from '../store/index.ts';

/** A record as stored: the public CallRecord plus the caller's idempotency key, which the hash covers too. */
export type StoredCall = CallRecord & { callKey: string; chainVersion: number; startedMs: number; localDay: number };

/** Select `FROM history_calls c`, in array mode, and read with rowToCall: every declared field, then the hash. */
export const callColumns = `${callFields.map((f) => `c.${f.column}`).join(', ')}, c.hash`;

/**
 * The stored hash as lowercase hex, made by SQLite (Buffer's hex encoding costs a microsecond a row, a
 * second per million), or null when the column is not a 32-byte hash. Select it after callColumns.
 */
export const hashHexColumn = `CASE WHEN typeof(c.hash) = 'blob' AND length(c.hash) = 32 THEN lower(hex(c.hash)) END`;

/** Positions in a row selected with callColumns (and hashHexColumn after them). */
export const col = {
  ...(Object.fromEntries(callFields.map((f, i) => [f.key, i])) as Record<CallFieldKey, number>),
  hash: callFields.length,
  hashHex: callFields.length + 1,
} as const;

export type Row = readonly SQLOutputValue[];

/** The words of a decision, as stored once for many calls. */
export type DecisionWords = { reason: Reason; ruleId: string | null; ruleLabel: string | null; text: { en: string; zh: string } };

/** Looks decision words up by id, remembering them; null when the row is gone (only tampering does that). */
export type Decisions = (id: number) => DecisionWords | null;

export function decisionsOf(db: DatabaseSync): Decisions {
  const byId = query<{ reason: Reason; ruleId: string | null; ruleLabel: string | null; en: string; zh: string }>(
    db,
    'SELECT reason, rule_id AS ruleId, rule_label AS ruleLabel, text_en AS en, text_zh AS zh FROM history_decisions WHERE id = ?',
  );
  const cache = new Map<number, DecisionWords>();
  return (id) => {
    const hit = cache.get(id);
    if (hit) return hit;
    const r = byId.get(id);
    if (!r) return null;
    const words = { reason: r.reason, ruleId: r.ruleId, ruleLabel: r.ruleLabel, text: { en: r.en, zh: r.zh } };
    if (cache.size >= 10_000) cache.clear();
    cache.set(id, words);
    return words;
  };
}

const num = (v: SQLOutputValue | undefined): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: SQLOutputValue | undefined): string | null => (v === null || v === undefined ? null : String(v));

export class UnreadableRecord extends Error {}

/** Maps a row selected with `callColumns` (statement in array mode) to a record. */
export function rowToCall(r: Row, decisions: Decisions): StoredCall {
  const words = decisions(Number(r[col.decisionId]));
  if (!words) throw new UnreadableRecord(`the decision of record ${String(r[col.id])} is missing`);
  const call: StoredCall = {
    id: Number(r[col.id]),
    callKey: String(r[col.callKey]),
    chainVersion: Number(r[col.chainVersion]),
    startedMs: Number(r[col.startedMs]),
    localDay: Number(r[col.localDay]),
    lineId: String(r[col.lineId]),
    simulated: r[col.simulated] === 1,
    startedAt: String(r[col.startedAt]),
    timeZone: String(r[col.timeZone]),
    timings: {
      firstRing: num(r[col.firstRing]),
      callerId: num(r[col.callerId]),
      decision: num(r[col.decision]),
      hangupSent: num(r[col.hangupSent]),
      hangupConfirmed: num(r[col.hangupConfirmed]),
      end: num(r[col.end]),
    },
    number: str(r[col.number]),
    normalized: str(r[col.normalized]),
    presentation: String(r[col.presentation]) as Presentation,
    name: str(r[col.name]),
    rings: Number(r[col.rings]),
    oneRing: r[col.oneRing] === 1,
    decision: { action: String(r[col.action]) as Action, ...words },
    outcome: String(r[col.outcome]) as CallOutcome,
    hangupLatencyMs: num(r[col.hangupLatencyMs]),
    raw: JSON.parse(String(r[col.raw])) as string[],
    hash: Buffer.from(r[col.hash] as Uint8Array).toString('hex'),
  };
  // Only when the line presented more than a clean number (CallRecord keeps both optional).
  const presented = str(r[col.presentedNumber]);
  if (presented !== null) call.presentedNumber = presented;
  const replaced = Number(r[col.controlsReplaced] ?? 0);
  if (replaced > 0) call.controlsReplaced = replaced;
  return call;
}

/** The public shape: the idempotency key stays inside the history (exports carry it for re-hashing). */
export function publicCall(call: StoredCall): CallRecord {
  const { callKey: _key, chainVersion: _version, startedMs: _ms, localDay: _day, ...record } = call;
  return record;
}
