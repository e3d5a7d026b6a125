// The chain exactly as README and canonical.ts describe it, written out by hand from a call as a JSON export
// carries it: if the code drifts from its documentation, the tests that use this fail.
import { createHash } from 'node:crypto';
import type { CallRecord } from '../../../shared/domain.ts';

export type ExportedCall = CallRecord & { callKey: string; chainVersion: number; startedMs: number; localDay: number };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function documentedContent(c: ExportedCall): string {
  const t = c.timings;
  const d = c.decision;
  // Version 3 appends what the line presented (issue 13); version 2 ends at raw.
  const presented = c.chainVersion >= 3 ? [c.presentedNumber ?? null, c.controlsReplaced ?? 0] : [];
  return JSON.stringify([
    `ringfence-call/${c.chainVersion}`,
    c.id,
    c.chainVersion,
    c.callKey,
    c.lineId,
    c.simulated ? 1 : 0,
    c.startedAt,
    c.startedMs,
    c.localDay,
    c.timeZone,
    t.firstRing,
    t.callerId,
    t.decision,
    t.hangupSent,
    t.hangupConfirmed,
    t.end,
    c.number,
    c.normalized,
    c.presentation,
    c.name,
    c.rings,
    c.oneRing ? 1 : 0,
    d.action,
    d.reason,
    d.ruleId,
    d.ruleLabel,
    d.text.en,
    d.text.zh,
    c.outcome,
    c.hangupLatencyMs,
    JSON.stringify(c.raw),
    ...presented,
  ]);
}

/** hash_n = SHA-256(hash_{n-1} + "\n" + SHA-256(content_n)) */
export const documentedHash = (previous: string, content: string) => sha256(`${previous}\n${sha256(content)}`);
