// Re-chaining a database written with canonical version 1 (which left started_ms and local_day out of the
// hash), once, inside migration 4: check the old chain with the old rules, recompute every hash with
// version 2 from the same starting point, and append a `rechain` event that keeps the old head and says
// whether the old chain held. Checkpoints taken before this no longer match, by design: the event explains why.
import type { DatabaseSync } from 'node:sqlite';
import { callContent, genesisHash, linkHash, type Words } from './canonical.ts';
import { chainState } from './chain-state.ts';
import { appendEvent } from './events.ts';
import { callFields } from './fields.ts';
import { checkV1 } from './legacy-v1.ts';
import { query, tupleQuery } from '../store/index.ts';

const version = 2;
// Only the fields version 2 knows: columns added by later migrations do not exist yet when this runs.
const fields = callFields.filter((f) => f.since <= version);

export function rechainToV2(db: DatabaseSync, now: Date): void {
  const chain = query<{ lastId: number; head: string | null }>(
    db,
    'SELECT last_id AS lastId, lower(hex(head)) AS head FROM history_chain WHERE singleton = 1',
  ).get();
  const cut = query<{ id: number; lastId: number; lastHash: string }>(
    db,
    'SELECT id, last_id AS lastId, lower(hex(last_hash)) AS lastHash FROM history_cuts ORDER BY last_id DESC LIMIT 1',
  ).get();
  const lastId = chain?.lastId ?? 0;
  const start = cut ? { id: cut.lastId, hash: cut.lastHash } : { id: 0, hash: genesisHash };
  const count = query<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM history_calls').one().n;
  if (count === 0 && lastId === 0) {
    db.exec('UPDATE history_calls SET chain_version = 2');
    return; // nothing was ever chained: nothing to re-chain or to record
  }
  const problem = checkV1(db, start, lastId, chain?.head ?? null);

  db.exec('DROP TRIGGER IF EXISTS history_calls_append_only');
  db.exec('UPDATE history_calls SET chain_version = 2');
  const words = query<{ reason: string; ruleId: string | null; ruleLabel: string | null; en: string; zh: string }>(
    db,
    'SELECT reason, rule_id AS ruleId, rule_label AS ruleLabel, text_en AS en, text_zh AS zh FROM history_decisions WHERE id = ?',
  );
  const page = tupleQuery(db, `SELECT ${fields.map((f) => f.column).join(', ')} FROM history_calls WHERE id > ? ORDER BY id LIMIT 5000`);
  const update = db.prepare('UPDATE history_calls SET hash = ? WHERE id = ?');
  const decisionAt = fields.findIndex((f) => f.key === 'decisionId');
  let previous = start.hash;
  let after = start.id;
  let last = start.id;
  for (;;) {
    const rows = page.all(after);
    if (rows.length === 0) break;
    for (const r of rows) {
      const w = words.get(r[decisionAt] as number);
      const decision: Words = w
        ? { reason: w.reason, ruleId: w.ruleId, ruleLabel: w.ruleLabel, text: { en: w.en, zh: w.zh } }
        : { reason: '', ruleId: null, ruleLabel: null, text: { en: '', zh: '' } };
      previous = linkHash(previous, callContent(version, r, decision));
      update.run(Buffer.from(previous, 'hex'), r[0] as number);
      last = r[0] as number;
    }
    after = last;
  }
  db.exec(`CREATE TRIGGER history_calls_append_only BEFORE UPDATE ON history_calls
    BEGIN SELECT RAISE(ABORT, 'call records are append-only'); END;`);
  const state = chainState(db);
  state.advance(last, Buffer.from(previous, 'hex'));
  const event = appendEvent(
    db,
    state,
    {
      kind: 'rechain',
      at: now.toISOString(),
      body: {
        from: 'ringfence-call/1',
        to: 'ringfence-call/2',
        entries: count,
        previousLastId: lastId,
        previousHead: chain?.head ?? null,
        startHash: start.hash,
        ...(problem ? { previousChainBroken: problem } : {}),
      },
    },
    now,
  );
  // The cuts made before were chained by nothing; the re-chain event now vouches for where the chain starts.
  db.prepare('UPDATE history_cuts SET event_id = ? WHERE event_id IS NULL').run(event.id);
}
