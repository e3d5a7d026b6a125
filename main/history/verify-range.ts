// Checks one stretch of the chain, records fromId..toId: each must be there, in order, and hash to its stored
// hash from the one before. Runs on the calling thread or in a worker (verify-worker.ts) on its own connection.
import type { DatabaseSync } from 'node:sqlite';
import { canonicalVersion, chainHash } from './canonical.ts';
import { callColumns, col, decisionsOf, hashHexColumn, type DecisionWords, type Row } from './columns.ts';

export type Bad = { id: number; reason: string };
export type RangeVerdict = { records: number; bad: Bad | null; lastHash: string | null };

// Read in pages by id: much faster than one long iterate() in node:sqlite, and the memory stays flat.
const pageSize = 5_000;

const bool = (v: unknown) => v === 1;

/**
 * `previous`: the hash the first record chains from, or null when it is unknown (the record before was itself
 * found bad elsewhere): then the first record's link is not checked. `endsChain`: this stretch ends at the
 * chain head, so records missing at its end were deleted from the tail.
 */
export function verifyRange(db: DatabaseSync, fromId: number, toId: number, previous: string | null, endsChain: boolean): RangeVerdict {
  const decisions = decisionsOf(db);
  const serialised = new Map<number, string>();
  const wordsJson = (id: number, w: DecisionWords): string => {
    let json = serialised.get(id);
    if (json === undefined) {
      json = JSON.stringify([w.reason, w.ruleId, w.ruleLabel, w.text.en, w.text.zh]).slice(1, -1);
      if (serialised.size >= 10_000) serialised.clear();
      serialised.set(id, json);
    }
    return json;
  };
  const page = db.prepare(`SELECT ${callColumns}, ${hashHexColumn} FROM history_calls c WHERE c.id >= ? AND c.id <= ? ORDER BY c.id LIMIT ${pageSize}`);
  page.setReturnArrays(true);
  let expected = fromId;
  let records = 0;
  let last = previous;
  const bad = (id: number, reason: string): RangeVerdict => ({ records, bad: { id, reason }, lastHash: last });
  for (;;) {
    const rows = page.all(expected, toId) as unknown as Row[];
    if (rows.length === 0) break;
    for (const r of rows) {
      const id = Number(r[col.id]);
      if (id !== expected) return bad(expected, `record ${expected} is missing: the records jump from ${expected - 1} to ${id}`);
      const words = decisions(Number(r[col.decisionId]));
      const stored = r[col.hashHex] as string | null;
      if (!words || stored === null || typeof r[col.raw] !== 'string') {
        return bad(id, `record ${id} is unreadable (a stored field is not in the form Ringfence writes): it was changed after it was written`);
      }
      if (last !== null) {
        // canonicalContent() byte for byte, built from the row: the decision's words serialised once per
        // decision rather than once per call, and the modem lines spliced in exactly as stored (so the stored
        // text itself must be what was hashed) — less work for each of a million records.
        const content =
          `${JSON.stringify([
            canonicalVersion, id, r[col.callKey], r[col.lineId], bool(r[col.simulated]), r[col.startedAt], r[col.timeZone],
            r[col.firstRing], r[col.callerId], r[col.decision], r[col.hangupSent], r[col.hangupConfirmed], r[col.end],
            r[col.number], r[col.normalized], r[col.presentation], r[col.name], r[col.rings], bool(r[col.oneRing]), r[col.action],
          ]).slice(0, -1)},${wordsJson(Number(r[col.decisionId]), words)},` +
          `${JSON.stringify(r[col.outcome])},${JSON.stringify(r[col.hangupLatencyMs])},${r[col.raw] as string}]`;
        if (chainHash(last, content) !== stored) {
          return bad(id, `record ${id} does not match its hash: its content, its place in the chain or the record before it was changed after it was written`);
        }
      }
      last = stored;
      expected++;
      records++;
    }
  }
  if (expected <= toId) {
    return bad(
      expected,
      endsChain
        ? `record ${expected} is missing: the chain head says the history ends at record ${toId}, but the records end at ${expected - 1}`
        : `record ${expected} is missing: the records jump from ${expected - 1} past it`,
    );
  }
  return { records, bad: null, lastHash: last };
}
