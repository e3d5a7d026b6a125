// The tamper-evident form of a call record. Anyone holding the database (or a full JSON export) can recompute
// the chain with any SHA-256 tool:
//
//   content_n = JSON array, in exactly this order:
//     ["ringfence-call/1", id, callKey, lineId, simulated, startedAt, timeZone,
//      timings.firstRing, timings.callerId, timings.decision, timings.hangupSent, timings.hangupConfirmed, timings.end,
//      number, normalized, presentation, name, rings, oneRing,
//      decision.action, decision.reason, decision.ruleId, decision.ruleLabel, decision.text.en, decision.text.zh,
//      outcome, hangupLatencyMs, raw]
//     serialised by JSON.stringify (no spaces; numbers in JavaScript's shortest round-trip form; null for missing)
//   hash_n = hex(SHA-256(hash_{n-1} + "\n" + content_n)), with hash_0 = 64 zeros
//
// The id is part of the content, so a record moved to another place in the chain no longer matches.
import { hash } from 'node:crypto';
import type { CallRecord } from '../../shared/domain.ts';

export const canonicalVersion = 'ringfence-call/1';
export const genesisHash = '0'.repeat(64);

export type HashedContent = Omit<CallRecord, 'hash'> & { callKey: string };

export function canonicalContent(c: HashedContent): string {
  const t = c.timings;
  const d = c.decision;
  return JSON.stringify([
    canonicalVersion, c.id, c.callKey, c.lineId, c.simulated, c.startedAt, c.timeZone,
    t.firstRing, t.callerId, t.decision, t.hangupSent, t.hangupConfirmed, t.end,
    c.number, c.normalized, c.presentation, c.name, c.rings, c.oneRing,
    d.action, d.reason, d.ruleId, d.ruleLabel, d.text.en, d.text.zh,
    c.outcome, c.hangupLatencyMs, c.raw,
  ]);
}

/** The record's hash: SHA-256 over the previous record's hash and this record's canonical content. */
export function chainHash(previousHash: string, content: string): string {
  // crypto.hash is the one-shot form: about twice as fast as createHash for inputs this small, which is
  // what keeps verifying a million records within seconds.
  return hash('sha256', `${previousHash}\n${content}`, 'hex');
}
