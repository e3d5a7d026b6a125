import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { rebuildAggregates } from '../../../main/history/aggregates.ts';
import { day, hour, makeCall, openTestHistory, t0 } from './support.ts';

const tables = ['history_slots', 'history_callers', 'history_caller_days', 'history_days'];

/** The running totals as they stand, then as a full recount from the calls says they should be. */
function totalsAndRecount(db: DatabaseSync) {
  const read = () =>
    Object.fromEntries(
      tables.map((t) => [
        t,
        t === 'history_callers'
          ? // Ids differ between a running count and a recount; the numbers and their counts must not.
            db.prepare('SELECT caller, calls, blocked, first_ms, last_ms FROM history_callers ORDER BY caller').all()
          : db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all(),
      ]),
    );
  const search = () => db.prepare('SELECT caller FROM history_caller_search ORDER BY caller').all();
  const before = { ...read(), search: search() };
  db.exec('BEGIN');
  rebuildAggregates(db);
  const after = { ...read(), search: search() };
  db.exec('ROLLBACK');
  return { before, after };
}

describe('retention', () => {
  it('removes exactly the calls before the cut, keeps the rest, and records the cut', () => {
    const now = new Date(t0 + 30 * day);
    const { db, history } = openTestHistory({ now: () => now });
    history.recordBatch(Array.from({ length: 360 }, (_, i) => makeCall(t0 + i * 2 * hour, { number: `1390000000${i % 7}` })));
    const cutoff = now.getTime() - 10 * day;
    const keep = history.query({ from: new Date(cutoff).toISOString(), limit: 1000 }).calls.length;
    expect(history.applyRetention(10)).toEqual({ deleted: 360 - keep });
    expect(history.query({ limit: 1000 }).calls).toHaveLength(keep);
    expect(history.query({ to: new Date(cutoff).toISOString() }).calls).toEqual([]);
    expect(history.verify()).toMatchObject({ ok: true, records: keep });
    expect(db.prepare('SELECT last_id AS lastId, deleted FROM history_cuts').all()).toEqual([{ lastId: 360 - keep, deleted: 360 - keep }]);
    // Nothing more to cut today; a shorter retention cuts further, and the chain still holds.
    expect(history.applyRetention(10)).toEqual({ deleted: 0 });
    expect(history.applyRetention(5).deleted).toBe(60);
    expect(history.verify()).toMatchObject({ ok: true, records: keep - 60 });
    // New calls chain on from the head as before, after the two cuts' own chained entries.
    expect(history.record(makeCall(now.getTime())).id).toBe(363);
    expect(history.verify()).toMatchObject({ ok: true, records: keep - 59 });
  });

  it('keeps the running totals equal to a full recount as calls are recorded', () => {
    const { db, history } = openTestHistory();
    for (let i = 0; i < 120; i++) {
      history.record(
        makeCall(t0 + ((i * 7919) % 240) * hour, {
          number: `1390000${i % 13}`,
          action: i % 5 ? 'reject' : 'silent',
          presentation: i % 11 ? 'allowed' : 'withheld',
        }),
      );
    }
    const { before, after } = totalsAndRecount(db);
    expect(before).toEqual(after);
  });

  it('keeps the running totals equal to a full recount after a cut', () => {
    const now = new Date(t0 + 30 * day);
    const { db, history } = openTestHistory({ now: () => now });
    // Numbers that only called before the cut must disappear from the totals and the number search.
    history.recordBatch([makeCall(t0 - 2 * hour, { number: '18600000000' }), makeCall(t0 - hour, { number: '18600000001' })]);
    history.recordBatch(
      Array.from({ length: 360 }, (_, i) =>
        makeCall(t0 + i * 2 * hour, { number: `1390000000${i % 7}`, action: i % 4 ? 'reject' : 'allow', presentation: i % 9 ? 'allowed' : 'withheld' }),
      ),
    );
    history.applyRetention(20);
    const { before, after } = totalsAndRecount(db);
    expect(before).toEqual(after);
    expect(history.query({ number: '186000' }).calls).toEqual([]);
    const stats = history.statistics({ from: '2025-03-01T00:00:00+08:00', to: '2025-04-10T00:00:00+08:00', bucket: 'day' }, []);
    expect(stats.totals.calls).toBe(history.query({ limit: 1000 }).calls.length);
  });

  it('only ever removes a prefix of the chain: an old call recorded after a newer one waits for a later cut', () => {
    const now = new Date(t0 + 30 * day);
    const { history } = openTestHistory({ now: () => now });
    history.record(makeCall(t0));
    history.record(makeCall(t0 + 25 * day));
    history.record(makeCall(t0 + day)); // recorded late (another line's clock)
    expect(history.applyRetention(10)).toEqual({ deleted: 1 });
    expect(history.query({ order: 'oldest' }).calls.map((c) => c.id)).toEqual([3, 2]);
    expect(history.verify()).toMatchObject({ ok: true, records: 2 });
  });

  it('deletes the notes of removed calls with them and keeps the others', () => {
    const now = new Date(t0 + 30 * day);
    const { history } = openTestHistory({ now: () => now });
    const old = history.record(makeCall(t0));
    const kept = history.record(makeCall(t0 + 25 * day));
    history.addNote(old.id, 'first of many');
    history.addNote(kept.id, 'still calling');
    history.applyRetention(10);
    expect(history.notes(old.id)).toEqual([]);
    expect(history.notes(kept.id).map((n) => n.text)).toEqual(['still calling']);
  });

  it('still catches tampering after a cut, and a record slipped in below it', () => {
    const now = new Date(t0 + 30 * day);
    const { db, history } = openTestHistory({ now: () => now });
    history.recordBatch(Array.from({ length: 30 }, (_, i) => makeCall(t0 + i * day)));
    history.applyRetention(10);
    const first = history.query({ order: 'oldest', limit: 1 }).calls[0]!;
    db.exec('DROP TRIGGER history_calls_append_only');
    db.prepare("UPDATE history_calls SET name = 'forged' WHERE id = ?").run(first.id + 2);
    expect(history.verify().firstBad?.id).toBe(first.id + 2);
    db.prepare('UPDATE history_calls SET id = 1 WHERE id = ?').run(first.id + 2);
    expect(history.verify().firstBad).toEqual({ id: 1, reason: expect.stringMatching(/older than the retention cut/) });
  });

  it('chains each cut, so a cut row forged to hide deleted records is named', () => {
    const now = new Date(t0 + 30 * day);
    const { db, history } = openTestHistory({ now: () => now });
    history.recordBatch(Array.from({ length: 30 }, (_, i) => makeCall(t0 + i * day)));
    expect(history.applyRetention(10).deleted).toBe(20);
    expect(history.verify()).toMatchObject({ ok: true, records: 10, events: 1 });
    // Delete five more records and write a cut row claiming retention removed them.
    const hash = db.prepare('SELECT hash FROM history_calls WHERE id = 25').get() as { hash: Uint8Array };
    db.exec('DELETE FROM history_calls WHERE id <= 25');
    db.prepare(
      "INSERT INTO history_cuts (applied_at, older_than, last_id, last_hash, deleted) VALUES ('2025-04-01T00:00:00Z', '2025-03-27T00:00:00Z', 25, ?, 5)",
    ).run(hash.hash);
    expect(history.verify()).toMatchObject({
      ok: false,
      firstBad: { id: 26, reason: expect.stringMatching(/retention cut .* records up to 25 .* is not in the chain/) },
    });
  });

  it('refuses a retention that is not a whole number of days', () => {
    const { history } = openTestHistory();
    expect(() => history.applyRetention(0)).toThrow(/at least 1/);
    expect(() => history.applyRetention(1.5)).toThrow(expect.objectContaining({ code: 'invalid-query' }));
  });
});
