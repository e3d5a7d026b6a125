import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { History } from '../../../main/history/index.ts';
import { verifyChain } from '../../../main/history/verify.ts';
import { hour, makeCall, openTestHistory, t0 } from './support.ts';

/** What someone editing the file with the sqlite3 shell can do: the append-only trigger is no obstacle. */
function tamper(db: DatabaseSync, sql: string, ...params: (string | number)[]) {
  db.exec('DROP TRIGGER IF EXISTS history_calls_append_only');
  db.prepare(sql).run(...params);
}

function tenCalls(): { db: DatabaseSync; history: History } {
  const t = openTestHistory();
  t.history.recordBatch(Array.from({ length: 10 }, (_, i) => makeCall(t0 + i * hour, { number: `1701234560${i}` })));
  return t;
}

describe('verifying the hash chain', () => {
  it('holds for an untouched history and reports the head', () => {
    const { history } = tenCalls();
    expect(history.verify()).toEqual({
      ok: true,
      records: 10,
      events: 0,
      messages: 0,
      lastId: 10,
      head: history.head(),
      firstBad: null,
      problems: [],
      checkpoints: [],
    });
  });

  it('holds for an empty history', () => {
    const { history } = openTestHistory();
    expect(history.verify()).toEqual({ ok: true, records: 0, events: 0, messages: 0, lastId: 0, head: null, firstBad: null, problems: [], checkpoints: [] });
  });

  it('names a record whose content was changed', () => {
    const { db, history } = tenCalls();
    tamper(db, "UPDATE history_calls SET number = '13900000000' WHERE id = 4");
    expect(history.verify()).toMatchObject({
      ok: false,
      records: 3,
      firstBad: { id: 4, reason: expect.stringMatching(/record 4: its content was changed after it was written/) },
    });
  });

  it('covers what the line presented: the presented number and the count of replaced control characters', () => {
    const { db, history } = openTestHistory();
    history.recordBatch([
      { ...makeCall(t0), number: null, normalized: null, presentedNumber: '+8*', controlsReplaced: 2, name: '\u241b[2JBob' },
      makeCall(t0 + hour),
      makeCall(t0 + 2 * hour, { presentedNumber: '170-1234-5678' }),
    ]);
    const [first] = history.query({ order: 'oldest', limit: 1 }).calls;
    expect(first).toMatchObject({ number: null, presentedNumber: '+8*', controlsReplaced: 2 });
    expect(history.verify()).toMatchObject({ ok: true, records: 3 });
    tamper(db, "UPDATE history_calls SET presented_number = '+86170*' WHERE id = 1");
    expect(history.verify()).toMatchObject({ ok: false, firstBad: { id: 1 } });
    tamper(db, "UPDATE history_calls SET presented_number = '+8*', controls_replaced = 0 WHERE id = 1");
    expect(history.verify()).toMatchObject({ ok: false, firstBad: { id: 1 } });
    tamper(db, 'UPDATE history_calls SET controls_replaced = 2 WHERE id = 1');
    tamper(db, 'UPDATE history_calls SET presented_number = NULL WHERE id = 3');
    expect(history.verify()).toMatchObject({ ok: false, firstBad: { id: 3 } });
  });

  it('names a record whose decision was rewritten from "blocked" to "allowed"', () => {
    const { db, history } = tenCalls();
    tamper(db, "UPDATE history_calls SET action = 'allow' WHERE id = 7");
    expect(history.verify().firstBad?.id).toBe(7);
  });

  it('names every record sharing decision words that were edited in place', () => {
    const { db, history } = tenCalls();
    tamper(db, "UPDATE history_decisions SET text_en = 'Allowed'");
    expect(history.verify().firstBad?.id).toBe(1);
  });

  it('names the gap left by a deleted record', () => {
    const { db, history } = tenCalls();
    tamper(db, 'DELETE FROM history_calls WHERE id = 5');
    expect(history.verify()).toMatchObject({ ok: false, records: 4, firstBad: { id: 5, reason: 'record 5 is missing: the records jump from 4 to 6' } });
  });

  it('notices the newest record deleted, which leaves no gap', () => {
    const { db, history } = tenCalls();
    tamper(db, 'DELETE FROM history_calls WHERE id = 10');
    expect(history.verify()).toMatchObject({
      ok: false,
      firstBad: { id: 10, reason: expect.stringMatching(/record 10 is missing: the chain head says the history ends at record 10/) },
    });
  });

  it('names the first of two records swapped in order', () => {
    const { db, history } = tenCalls();
    tamper(db, 'UPDATE history_calls SET id = -1 WHERE id = 3');
    tamper(db, 'UPDATE history_calls SET id = 3 WHERE id = 6');
    tamper(db, 'UPDATE history_calls SET id = 6 WHERE id = -1');
    expect(history.verify()).toMatchObject({ ok: false, records: 2, firstBad: { id: 3 } });
  });

  it('names a record moved with its hash to another place', () => {
    const { db, history } = tenCalls();
    // Delete record 8 and renumber 9 and 10 down: no gap, every stored hash intact.
    tamper(db, 'DELETE FROM history_calls WHERE id = 8');
    tamper(db, 'UPDATE history_calls SET id = id - 1 WHERE id > 8');
    tamper(db, 'UPDATE history_chain SET last_id = 9');
    expect(history.verify().firstBad?.id).toBe(8);
  });

  it('names a record that was forged with a correct-looking hash but a changed predecessor', () => {
    const { db, history } = tenCalls();
    tamper(db, 'UPDATE history_calls SET hash = zeroblob(32) WHERE id = 2');
    expect(history.verify().firstBad?.id).toBe(2);
  });

  describe('in stretches at once (worker threads check all but the first)', () => {
    const twoHalves = (history: History, db: DatabaseSync) => {
      void history;
      // Three stretches: records 1–3 here, 4–6 and 7–10 in workers.
      return verifyChain(db, { parallelFrom: 2, threads: 3 });
    };

    it('holds and counts every record', () => {
      const { db, history } = tenCalls();
      expect(twoHalves(history, db)).toEqual(history.verify());
      expect(twoHalves(history, db)).toMatchObject({ ok: true, records: 10 });
    });

    it('names a changed record in any stretch, the earliest first', () => {
      const { db, history } = tenCalls();
      tamper(db, "UPDATE history_calls SET name = 'x' WHERE id = 9");
      expect(twoHalves(history, db)).toMatchObject({ ok: false, records: 8, firstBad: { id: 9 } });
      tamper(db, "UPDATE history_calls SET name = 'x' WHERE id = 5");
      expect(twoHalves(history, db)).toMatchObject({ ok: false, records: 4, firstBad: { id: 5 } });
      tamper(db, "UPDATE history_calls SET name = 'x' WHERE id = 2");
      expect(twoHalves(history, db)).toMatchObject({ ok: false, records: 1, firstBad: { id: 2 } });
    });

    it('names a record missing where two stretches meet, and a deleted tail', () => {
      const { db, history } = tenCalls();
      tamper(db, 'DELETE FROM history_calls WHERE id = 10');
      expect(twoHalves(history, db).firstBad).toEqual({ id: 10, reason: expect.stringMatching(/chain head says the history ends at record 10/) });
      tamper(db, 'DELETE FROM history_calls WHERE id = 6');
      expect(twoHalves(history, db).firstBad).toEqual({ id: 6, reason: expect.stringMatching(/record 6 is missing/) });
      tamper(db, 'DELETE FROM history_calls WHERE id = 3');
      expect(twoHalves(history, db).firstBad).toEqual({ id: 3, reason: expect.stringMatching(/record 3 is missing/) });
    });
  });

  it('finds the record an exported head belongs to, even after more calls', () => {
    const { history } = tenCalls();
    const exported = history.head()!;
    history.record(makeCall(t0 + 20 * hour));
    expect(history.findByHash(exported)).toBe(10);
    expect(history.findByHash('00'.repeat(32))).toBeNull();
    expect(history.findByHash('not a hash')).toBeNull();
  });
});
