import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { genesisHash, openHistory, type CallToRecord } from '../../../main/history/index.ts';
import { rechainToV2 } from '../../../main/history/rechain.ts';
import { component, migrations } from '../../../main/history/schema.ts';
import { rebuildAggregates } from '../../../main/history/aggregates.ts';
import { applyMigrations, openDatabase, schemaVersion } from '../../../main/store/database.ts';
import { day, hour, makeCall, openTestHistory, t0, tempDir } from './support.ts';
import { join } from 'node:path';

/** Canonical version 1, as schema 1–3 documented it (started_ms and local_day left out). */
function contentV1(c: CallToRecord & { id: number }): string {
  const t = c.timings;
  const d = c.decision;
  return JSON.stringify([
    'ringfence-call/1',
    c.id,
    c.callKey,
    c.lineId,
    c.simulated,
    c.startedAt,
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
    c.oneRing,
    d.action,
    d.reason,
    d.ruleId,
    d.ruleLabel,
    d.text.en,
    d.text.zh,
    c.outcome,
    c.hangupLatencyMs,
    c.raw,
  ]);
}
const chainHashV1 = (previous: string, content: string) => createHash('sha256').update(`${previous}\n${content}`).digest('hex');

/** What releases with schema 1 and 2 wrote for a call: the row, its decision and the chain head, no totals. */
function writeAsOlderRelease(db: DatabaseSync, calls: CallToRecord[]) {
  let previous = genesisHash;
  calls.forEach((call, i) => {
    const id = i + 1;
    const hash = chainHashV1(previous, contentV1({ ...call, id }));
    const d = call.decision;
    const decisionId = Number(
      db
        .prepare('INSERT INTO history_decisions (reason, rule_id, rule_label, text_en, text_zh) VALUES (?, ?, ?, ?, ?)')
        .run(d.reason, d.ruleId, d.ruleLabel, d.text.en, d.text.zh).lastInsertRowid,
    );
    const t = call.timings;
    db.prepare(
      `INSERT INTO history_calls (id, call_key, line_id, simulated, started_at, started_ms, local_day, time_zone, t_first_ring, t_caller_id, t_decision,
         t_hangup_sent, t_hangup_confirmed, t_end, number, normalized, presentation, name, rings, one_ring, action, decision_id, outcome, hangup_latency_ms, raw, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      call.callKey,
      call.lineId,
      call.simulated ? 1 : 0,
      call.startedAt,
      Date.parse(call.startedAt),
      Math.floor(Date.parse(call.startedAt.slice(0, 10)) / day),
      call.timeZone,
      t.firstRing,
      t.callerId,
      t.decision,
      t.hangupSent,
      t.hangupConfirmed,
      t.end,
      call.number,
      call.normalized,
      call.presentation,
      call.name,
      call.rings,
      call.oneRing ? 1 : 0,
      d.action,
      decisionId,
      call.outcome,
      call.hangupLatencyMs,
      JSON.stringify(call.raw),
      Buffer.from(hash, 'hex'),
    );
    db.prepare('UPDATE history_chain SET last_id = ?, head = ?').run(id, Buffer.from(hash, 'hex'));
    previous = hash;
  });
}

const calls = () =>
  Array.from({ length: 60 }, (_, i) =>
    makeCall(t0 + i * 5 * hour, { number: `1700000000${i % 4}`, action: i % 3 ? 'reject' : 'allow', presentation: i % 7 ? 'allowed' : 'withheld' }),
  );

const range = { from: '2025-03-01T00:00:00+08:00', to: '2025-03-20T00:00:00+08:00', bucket: 'day' as const };

describe('history migrations', () => {
  it('are numbered 1, 2, 3 … in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  for (let from = 0; from < migrations.length; from++) {
    it(`upgrade a database left at schema ${from} to the newest, keeping every call, note and the chain`, () => {
      const batch = calls();
      const reference = openTestHistory().history;
      reference.recordBatch(batch);

      const path = join(tempDir(), 'ringfence.db');
      const db = openDatabase(path);
      applyMigrations(db, component, migrations.slice(0, from));
      if (from >= 1) writeAsOlderRelease(db, batch);
      // A release at schema 4 had re-chained its records with version 2 (migration 4 does it once).
      if (from >= 4) rechainToV2(db, new Date());
      // Schema 3 kept the running totals with every call.
      if (from >= 3) rebuildAggregates(db);
      if (from >= 2) db.prepare("INSERT INTO history_notes (call_id, created_at, text) VALUES (3, '2025-03-05T10:00:00.000Z', 'called again')").run();

      const history = openHistory(db, { timeZone: 'Asia/Shanghai' });
      expect(schemaVersion(db, component)).toBe(migrations.length);
      if (from === 0) history.recordBatch(batch);
      // Re-chained with version 2 (older records keep their version; fresh ones are written with the newest,
      // which from version 3 also hashes what the line presented): every stored fact is as a fresh record's,
      // the hashes are those of the records' own version; the re-chain is the next entry.
      const facts = (q: ReturnType<typeof history.query>) => q.calls.map(({ hash: _hash, ...c }) => c);
      expect(facts(history.query({ limit: 1000 }))).toEqual(facts(reference.query({ limit: 1000 })));
      if (from === 0) expect(history.query({ limit: 1000 })).toEqual(reference.query({ limit: 1000 }));
      const rechained = from >= 1 ? 1 : 0;
      expect(history.verify()).toMatchObject({ ok: true, records: 60, events: rechained, firstBad: null, problems: [] });
      if (from >= 1) {
        const [event] = db.prepare('SELECT kind, body FROM history_events').all() as { kind: string; body: string }[];
        expect(event?.kind).toBe('rechain');
        expect(JSON.parse(event!.body)).toMatchObject({ from: 'ringfence-call/1', to: 'ringfence-call/2', entries: 60, previousLastId: 60 });
        expect(JSON.parse(event!.body)).not.toHaveProperty('previousChainBroken');
      }
      // The totals the newest schema added were filled from the calls already there.
      expect(history.statistics(range, [])).toEqual(reference.statistics(range, []));
      if (from >= 2) expect(history.notes(3).map((n) => n.text)).toEqual(['called again']);
      // And the upgraded database keeps working.
      const next = history.record(makeCall(t0 + 400 * hour));
      expect(next.id).toBe(61 + rechained);
      expect(history.verify()).toMatchObject({ ok: true, records: 61 });
    });
  }

  it('leave an up-to-date database alone on the next start', () => {
    const { db, history } = openTestHistory();
    history.record(makeCall(t0));
    const applied = db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get();
    openHistory(db);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual(applied);
  });
});
