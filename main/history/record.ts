// The write path: validate, chain, insert, count, commit — one transaction per record, durable on return
// (the database runs synchronous=FULL). The service hangs up first and calls this after, so a slow or failing
// disk never delays screening; on failure nothing is written and the caller keeps the record to retry.
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import { z } from 'zod';
import { CallRecord } from '../../shared/domain.ts';
import { aggregateWriter } from './aggregates.ts';
import { callContent, canonicalVersion, genesisHash, linkHash } from './canonical.ts';
import { callColumns, rowToCall, type Decisions, type Row, type StoredCall } from './columns.ts';
import { appendEvent, type ChainEvent } from './events.ts';
import { callFields, type CallFieldKey } from './fields.ts';
import { chainState } from './chain-state.ts';
import { invalid, writeFailure } from './errors.ts';
import { texts } from './texts.ts';
import { isTimeZone, localDayOfIso } from './time-zone.ts';
import { query, tupleQuery } from '../store/index.ts';

export type NewCall = Omit<CallRecord, 'id' | 'hash'>;
/** `callKey` identifies the call for its line (the live call's key): retrying a write never makes a duplicate. */
export type CallToRecord = NewCall & { callKey: string };

const CallInput = CallRecord.omit({ id: true, hash: true }).extend({
  callKey: z.string().min(1).max(200),
  startedAt: z.iso.datetime({ offset: true, message: 'use an ISO 8601 time with its UTC offset, e.g. 2025-03-04T14:02:00.000+08:00' }),
  timeZone: z.string().refine(isTimeZone, 'use an IANA time zone name, e.g. Asia/Shanghai'),
  rings: z.number().int().min(0),
});

/**
 * Text as SQLite will store it: UTF-8 cannot hold a lone UTF-16 surrogate, so SQLite would write U+FFFD
 * instead — and the hash, computed before storing, would no longer match what was stored. (isWellFormed is
 * native and cheap; the replacement copy is made only for the rare broken string.)
 */
const wf = <T extends string | null>(s: T): T => (s === null || s.isWellFormed() ? s : (s.toWellFormed() as T));

function wellFormed(c: CallToRecord): CallToRecord {
  const d = c.decision;
  return {
    ...c,
    callKey: wf(c.callKey),
    lineId: wf(c.lineId),
    number: wf(c.number),
    normalized: wf(c.normalized),
    name: wf(c.name),
    decision: { ...d, ruleId: wf(d.ruleId), ruleLabel: wf(d.ruleLabel), text: { en: wf(d.text.en), zh: wf(d.text.zh) } },
    raw: c.raw.map(wf),
  };
}

export function validateCall(input: unknown): CallToRecord {
  const parsed = CallInput.safeParse(input);
  if (parsed.success) return wellFormed(parsed.data);
  const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(call)'}: ${i.message}`).join('; ');
  throw invalid('invalid-call', texts.invalidCall(where));
}

type Assigned = { id: number; startedMs: number; localDay: number; decisionId: number };

// One entry per declared field (fields.ts): TypeScript refuses this object when a field has no value here.
const valueOf: { [K in CallFieldKey]: (c: CallToRecord, a: Assigned) => SQLInputValue } = {
  id: (_, a) => a.id,
  chainVersion: () => canonicalVersion,
  callKey: (c) => c.callKey,
  lineId: (c) => c.lineId,
  simulated: (c) => (c.simulated ? 1 : 0),
  startedAt: (c) => c.startedAt,
  startedMs: (_, a) => a.startedMs,
  localDay: (_, a) => a.localDay,
  timeZone: (c) => c.timeZone,
  firstRing: (c) => c.timings.firstRing,
  callerId: (c) => c.timings.callerId,
  decision: (c) => c.timings.decision,
  hangupSent: (c) => c.timings.hangupSent,
  hangupConfirmed: (c) => c.timings.hangupConfirmed,
  end: (c) => c.timings.end,
  number: (c) => c.number,
  normalized: (c) => c.normalized,
  presentation: (c) => c.presentation,
  name: (c) => c.name,
  rings: (c) => c.rings,
  oneRing: (c) => (c.oneRing ? 1 : 0),
  action: (c) => c.decision.action,
  decisionId: (_, a) => a.decisionId,
  outcome: (c) => c.outcome,
  hangupLatencyMs: (c) => c.hangupLatencyMs,
  raw: (c) => JSON.stringify(c.raw),
  presentedNumber: (c) => c.presentedNumber ?? null,
  controlsReplaced: (c) => c.controlsReplaced ?? 0,
};

/** The row as it is stored, in callFields order: what is inserted and what is hashed are the same values. */
export function storedValues(call: CallToRecord, assigned: Assigned): SQLInputValue[] {
  return callFields.map((f) => valueOf[f.key](call, assigned));
}

export type CallWriter = {
  /** One call, one transaction. Returns the stored record (the existing one when this call was already saved). */
  record(call: CallToRecord): StoredCall;
  /** Many calls in one transaction (imports, benchmarks): all or none. */
  recordBatch(calls: readonly CallToRecord[]): StoredCall[];
  /** An event (events.ts) as the chain's next entry, in its own transaction. */
  recordEvent(event: ChainEvent): { id: number; hash: string };
};

export function callWriter(db: DatabaseSync, decisions: Decisions, now: () => Date = () => new Date()): CallWriter {
  const aggregates = aggregateWriter(db);
  const existing = tupleQuery<Row>(db, `SELECT ${callColumns} FROM history_calls c WHERE c.started_ms = ? AND c.line_id = ? AND c.call_key = ?`);
  const chain = chainState(db);
  const findDecision = query<{ id: number; reason: string; rule_id: string | null; rule_label: string | null; text_zh: string }>(
    db,
    'SELECT id, reason, rule_id, rule_label, text_zh FROM history_decisions WHERE text_en = ?',
  );
  const addDecision = db.prepare('INSERT INTO history_decisions (reason, rule_id, rule_label, text_en, text_zh) VALUES (?, ?, ?, ?, ?)');
  // Built from the declared fields: a column cannot be written without being hashed.
  const insert = db.prepare(
    `INSERT INTO history_calls (${callFields.map((f) => f.column).join(', ')}, hash) VALUES (${callFields.map(() => '?').join(', ')}, ?)`,
  );

  // Decision words repeat across thousands of calls; remember their row ids. Entries made inside a transaction
  // join the cache only once it commits, so a rolled-back id is never reused.
  const decisionIds = new Map<string, number>();
  let pendingDecisions: [string, number][] = [];

  function decisionId(d: NewCall['decision']): number {
    const key = JSON.stringify([d.reason, d.ruleId, d.ruleLabel, d.text.en, d.text.zh]);
    const cached = decisionIds.get(key) ?? pendingDecisions.find(([k]) => k === key)?.[1];
    if (cached !== undefined) return cached;
    const rows = findDecision.all(d.text.en);
    const found = rows.find((r) => r.reason === d.reason && r.rule_id === d.ruleId && r.rule_label === d.ruleLabel && r.text_zh === d.text.zh);
    const id = found ? found.id : Number(addDecision.run(d.reason, d.ruleId, d.ruleLabel, d.text.en, d.text.zh).lastInsertRowid);
    pendingDecisions.push([key, id]);
    return id;
  }

  function append(call: CallToRecord): StoredCall {
    const startedMs = Date.parse(call.startedAt);
    const again = existing.get(startedMs, call.lineId, call.callKey);
    if (again) return rowToCall(again, decisions);

    let head = chain.read();
    if (head.restored) {
      appendEvent(db, chain, { kind: 'head-restored', at: now().toISOString(), body: { lastId: head.lastId, head: head.head } }, now());
      head = chain.read();
    }
    const id = head.lastId + 1;
    const previous = head.head ?? genesisHash;
    const localDay = localDayOfIso(call.startedAt);
    const values = storedValues(call, { id, startedMs, localDay, decisionId: decisionId(call.decision) });
    const hash = linkHash(previous, callContent(canonicalVersion, values, call.decision));
    const hashBytes = Buffer.from(hash, 'hex');
    insert.run(...values, hashBytes);
    chain.advance(id, hashBytes);
    aggregates.add({
      startedMs,
      localDay,
      caller: call.normalized ?? call.number,
      action: call.decision.action,
      presentation: call.presentation,
      timeZone: call.timeZone,
    });
    return { ...call, id, hash, chainVersion: canonicalVersion, startedMs, localDay };
  }

  function inTransaction<T>(work: () => T): T {
    pendingDecisions = [];
    try {
      db.exec('BEGIN IMMEDIATE');
      const result = work();
      db.exec('COMMIT');
      for (const [key, id] of pendingDecisions) decisionIds.set(key, id);
      if (decisionIds.size > 10_000) decisionIds.clear();
      return result;
    } catch (error) {
      aggregates.rolledBack();
      try {
        if (db.isTransaction) db.exec('ROLLBACK');
      } catch {
        // The rollback failing too (disk gone) leaves SQLite to roll back from the journal on next open.
      }
      throw writeFailure(error);
    } finally {
      pendingDecisions = [];
    }
  }

  return {
    record(input) {
      const call = validateCall(input);
      return inTransaction(() => append(call));
    },
    recordBatch(inputs) {
      const calls = inputs.map(validateCall);
      return inTransaction(() => calls.map(append));
    },
    recordEvent(event) {
      return inTransaction(() => {
        const head = chain.read();
        if (head.restored) appendEvent(db, chain, { kind: 'head-restored', at: now().toISOString(), body: { lastId: head.lastId, head: head.head } }, now());
        return appendEvent(db, chain, event, now());
      });
    },
  };
}
