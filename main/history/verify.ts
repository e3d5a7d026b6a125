// Checks the whole hash chain from its start (or from the last retention cut) to the head, and names the
// first record that does not hold: changed, moved, inserted or missing.
import type { DatabaseSync } from 'node:sqlite';
import type { VerifyResult } from '../../shared/api.ts';
import { canonicalContent, chainHash, genesisHash } from './canonical.ts';
import { callColumns, rowToCall } from './columns.ts';

const hex = (b: Uint8Array | null): string | null => (b ? Buffer.from(b).toString('hex') : null);

// Read in pages by id: much faster than one long iterate() in node:sqlite, and the memory stays constant.
const pageSize = 5_000;

export function verifyChain(db: DatabaseSync): VerifyResult {
  const chain = db.prepare('SELECT last_id AS lastId, head FROM history_chain WHERE singleton = 1').get() as { lastId: number; head: Uint8Array | null };
  const cut = db.prepare('SELECT last_id AS lastId, last_hash AS lastHash FROM history_cuts ORDER BY last_id DESC LIMIT 1').get() as
    | { lastId: number; lastHash: Uint8Array }
    | undefined;
  const head = hex(chain.head);
  let previous = cut ? hex(cut.lastHash)! : genesisHash;
  let expected = cut ? cut.lastId + 1 : 1;
  let records = 0;
  const bad = (id: number, reason: string): VerifyResult => ({ ok: false, records, head, firstBad: { id, reason } });

  // LEFT JOIN: a record whose decision words were deleted must show up as damaged, not silently vanish.
  const page = db.prepare(
    `SELECT ${callColumns} FROM history_calls c LEFT JOIN history_decisions d ON d.id = c.decision_id WHERE c.id >= ? ORDER BY c.id LIMIT ${pageSize}`,
  );
  page.setReturnArrays(true);
  const first = db.prepare('SELECT MIN(id) AS id FROM history_calls').get() as { id: number | null };
  if (first.id !== null && first.id < expected) {
    return bad(first.id, `record ${first.id} is older than the retention cut (which removed records up to ${expected - 1}): it was added afterwards`);
  }
  for (;;) {
    const rows = page.all(expected) as unknown as Parameters<typeof rowToCall>[0][];
    if (rows.length === 0) break;
    for (const row of rows) {
      const id = Number(row[0]);
      if (id !== expected) return bad(expected, `record ${expected} is missing: the records jump from ${expected - 1} to ${id}`);
      if (id > chain.lastId) return bad(id, `record ${id} is not part of the chain: the chain ends at record ${chain.lastId}, so it was added afterwards`);
      let call;
      try {
        call = rowToCall(row);
      } catch {
        return bad(id, `record ${id} is unreadable (a stored field is not in the form Ringfence writes): it was changed after it was written`);
      }
      if (chainHash(previous, canonicalContent(call)) !== call.hash) {
        return bad(id, `record ${id} does not match its hash: its content, its place in the chain or the record before it was changed after it was written`);
      }
      previous = call.hash;
      expected++;
      records++;
    }
  }
  if (expected - 1 < chain.lastId) {
    return bad(expected, `record ${expected} is missing: the chain head says the history ends at record ${chain.lastId}, but the records end at ${expected - 1}`);
  }
  if (chain.lastId > 0 && previous !== head) {
    return bad(chain.lastId, `the chain head does not match record ${chain.lastId}: the head or the record was changed`);
  }
  return { ok: true, records, head, firstBad: null };
}

/** The record with this hash, if the chain holds one: lets an export's head be matched against the database later. */
export function findByHash(db: DatabaseSync, hash: string): number | null {
  if (!/^[0-9a-f]{64}$/i.test(hash)) return null;
  const row = db.prepare('SELECT id FROM history_calls WHERE hash = ?').get(Buffer.from(hash, 'hex')) as { id: number } | undefined;
  return row?.id ?? null;
}
