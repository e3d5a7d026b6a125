// The tamper-evident form of the history. Anyone holding the database, or an evidence pack, can recompute
// the chain with any SHA-256 tool (the pack's verify.mjs does it with Node's built-ins alone).
//
// The chain is one sequence of entries, numbered 1, 2, 3 … with no gaps: call records (history_calls) and
// events (history_events: the shield engaging and ending, retention cuts, re-chains) and SMS (history_sms: each
// PDU received or sent) share the numbering.
//
//   content(call)  = JSON array: ["ringfence-call/V", then every column of history_calls in the order of
//                    callFields (fields.ts) whose `since` ≤ V, each exactly as stored (integers and reals as
//                    numbers, booleans as 0/1, text as strings — `raw` is the JSON text of the modem's lines,
//                    kept as a string — NULL as null), except decision_id, which is replaced by the five
//                    decision words it points to: reason, rule_id, rule_label, text_en, text_zh]
//                    For V = 2: ["ringfence-call/2", id, chain_version, call_key, line_id, simulated,
//                    started_at, started_ms, local_day, time_zone, t_first_ring, t_caller_id, t_decision,
//                    t_hangup_sent, t_hangup_confirmed, t_end, number, normalized, presentation, name, rings,
//                    one_ring, action, reason, rule_id, rule_label, text_en, text_zh, outcome,
//                    hangup_latency_ms, raw]
//                    For V = 3 (schema 5, issue 13): V = 2's fields, then presented_number, controls_replaced
//   content(event) = ["ringfence-event/1", id, chain_version, kind, at, recorded_at, body]  (body: JSON text)
//   content(sms)   = ["ringfence-sms/1", then every column of history_sms in the order of smsFields: id,
//                    chain_version, line_id, simulated, direction, received_at, received_ms, time_zone,
//                    network_time, party, party_kind, normalized, text, encoding, concat_reference,
//                    concat_bits, concat_total, concat_sequence, pdu, source, label, rule_id, rule_label,
//                    problems (JSON text), incident_id, reference, status]
//   serialised by JSON.stringify (no spaces; numbers in JavaScript's shortest round-trip form)
//   digest_n       = hex(SHA-256(content_n))
//   hash_n         = hex(SHA-256(hash_{n-1} + "\n" + digest_n)), hash_0 = 64 zeros (or, after a retention
//                    cut, the hash of the last removed entry, kept in the cut's event)
//
// Every stored fact of a call is in its content, times included (started_ms and local_day too, which the
// searches and statistics use). The id is part of it, so an entry moved to another place no longer matches.
// Chaining the digest rather than the content lets an evidence pack prove that the calls it carries lead to
// the chain head without carrying the other callers' calls: only their digests.
//
// Version 1 (until schema 4) hashed the content directly and left started_ms and local_day out; migration 4
// re-chained such databases once and recorded it as a `rechain` event.
import { hash } from 'node:crypto';
import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { callFields, eventFields, smsFields } from './fields.ts';

/** The canonical version new call records are written with. */
export const canonicalVersion = 3;
/** The canonical version new events are written with. */
export const eventVersion = 1;
/** The canonical version new SMS entries are written with. */
export const smsVersion = 1;
export const callTag = (version: number) => `ringfence-call/${version}`;
export const eventTag = (version: number) => `ringfence-event/${version}`;
export const smsTag = (version: number) => `ringfence-sms/${version}`;
export const genesisHash = '0'.repeat(64);

/** The words a decision_id stands for in the content. */
export type Words = { reason: string; ruleId: string | null; ruleLabel: string | null; text: { en: string; zh: string } };

type Value = SQLOutputValue | SQLInputValue | boolean | undefined;

// Which columns (by position in callFields) each version hashes.
const plans = new Map<number, number[]>();
function plan(version: number): number[] {
  let p = plans.get(version);
  if (!p) {
    p = callFields.flatMap((f, i) => (f.since <= version ? [i] : []));
    plans.set(version, p);
  }
  return p;
}

const wordsAt = callFields.findIndex((f) => 'words' in f && f.words);

/** A call's content from its stored values, in callFields order (a row selected with columns.ts callColumns). */
export function callContent(version: number, row: ArrayLike<Value>, words: Words): string {
  const out: unknown[] = [callTag(version)];
  for (const i of plan(version)) {
    if (i === wordsAt) out.push(words.reason, words.ruleId, words.ruleLabel, words.text.en, words.text.zh);
    else out.push(row[i] ?? null);
  }
  return JSON.stringify(out);
}

/** An event's content from its stored values, in eventFields order. */
export function eventContent(version: number, row: ArrayLike<Value>): string {
  const out: unknown[] = [eventTag(version)];
  for (let i = 0; i < eventFields.length; i++) out.push(row[i] ?? null);
  return JSON.stringify(out);
}

/** An SMS entry's content from its stored values, in smsFields order. */
export function smsContent(version: number, row: ArrayLike<Value>): string {
  const out: unknown[] = [smsTag(version)];
  for (let i = 0; i < smsFields.length; i++) out.push(row[i] ?? null);
  return JSON.stringify(out);
}

export function digestOf(content: string): string {
  // crypto.hash is the one-shot form: about twice as fast as createHash for inputs this small, which is
  // what keeps verifying a million records within seconds.
  return hash('sha256', content, 'hex');
}

/** The entry's hash: SHA-256 over the previous entry's hash and this entry's digest. */
export function chainHash(previousHash: string, digest: string): string {
  return hash('sha256', `${previousHash}\n${digest}`, 'hex');
}

export const linkHash = (previousHash: string, content: string): string => chainHash(previousHash, digestOf(content));
