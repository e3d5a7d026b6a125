// Each damage the issue lists, done the way someone with the file would do it: a separate SQLite connection to
// the real database file (what the sqlite3 shell is), then `verify` as the user runs it. Every case must fail
// and name the record or the fact that was damaged, in a sentence, never with a stack trace.
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCheckpoints, type History } from '../../../main/history/index.ts';
import { linkHash, callContent, canonicalVersion, genesisHash } from '../../../main/history/canonical.ts';
import { callColumns, decisionsOf, type Row } from '../../../main/history/columns.ts';
import { rebuildAggregates } from '../../../main/history/aggregates.ts';
import type { Incident } from '../../../shared/domain.ts';
import { day, hour, makeCall, makeIncident, openTestHistory, t0, tempDir } from './support.ts';

function setUp(calls = 20) {
  const { db, history, dir } = openTestHistory({ dir: tempDir('rf-tamper-'), now: () => new Date(t0 + 40 * day) });
  history.recordBatch(Array.from({ length: calls }, (_, i) => makeCall(t0 + i * hour, { number: `1701234${String(i).padStart(4, '0')}` })));
  const file = join(dir, 'ringfence.db');
  /** The sqlite3 shell: its own connection, triggers dropped as anyone can. */
  const shell = (sql: string) => {
    const other = new DatabaseSync(file);
    other.exec('DROP TRIGGER IF EXISTS history_calls_append_only; DROP TRIGGER IF EXISTS history_events_append_only');
    other.exec(sql);
    other.close();
  };
  return { dir, db, history, shell };
}

/** What an attacker does after editing: recompute every hash after `from` with the published rules, and the head. */
function rechainFrom(db: DatabaseSync) {
  db.exec('DROP TRIGGER IF EXISTS history_calls_append_only');
  const select = db.prepare(`SELECT ${callColumns} FROM history_calls c ORDER BY c.id`);
  select.setReturnArrays(true);
  const words = decisionsOf(db);
  let previous = genesisHash;
  for (const r of select.all() as unknown as Row[]) {
    const w = words(Number(r[22]))!;
    previous = linkHash(previous, callContent(canonicalVersion, r, w));
    db.prepare('UPDATE history_calls SET hash = ? WHERE id = ?').run(Buffer.from(previous, 'hex'), Number(r[0]));
  }
  db.prepare('UPDATE history_chain SET head = ?').run(Buffer.from(previous, 'hex'));
}

const verifyWith = (history: History, dir: string, incidents?: Incident[]) =>
  history.verify({ checkpoints: findCheckpoints([join(dir, 'exports')]), ...(incidents ? { incidents } : {}) });

describe('verify names every damage done to the database file', () => {
  it("a call's time in started_ms (what searches and statistics use) changed", () => {
    const { history, shell } = setUp();
    shell('UPDATE history_calls SET started_ms = started_ms + 86400000 WHERE id = 14');
    expect(history.verify()).toMatchObject({ ok: false, firstBad: { id: 14, reason: expect.stringMatching(/^record 14: started_ms changed/) } });
  });

  it("a call's written time (started_at) changed", () => {
    const { history, shell } = setUp();
    shell("UPDATE history_calls SET started_at = '2025-03-03T09:00:00.000+08:00' WHERE id = 5");
    expect(history.verify().firstBad).toMatchObject({ id: 5, reason: expect.stringMatching(/^record 5: started_at changed/) });
  });

  it('a rejected call rewritten as rung through', () => {
    const { history, shell } = setUp();
    shell("UPDATE history_calls SET action = 'allow' WHERE id = 7");
    expect(history.verify().firstBad).toMatchObject({ id: 7, reason: 'record 7: action changed (it says "allow"; the record was written with "reject")' });
  });

  it('the statistics edited: the totals no longer add up to the records', () => {
    const { history, shell } = setUp();
    shell('UPDATE history_slots SET reject = reject + 5 WHERE slot = (SELECT MIN(slot) FROM history_slots)');
    expect(history.verify()).toMatchObject({
      ok: false,
      firstBad: null,
      problems: [expect.stringMatching(/^statistics changed: the calls counted for the quarter hour from/)],
    });
    shell(
      "UPDATE history_slots SET reject = reject - 5 WHERE slot = (SELECT MIN(slot) FROM history_slots); UPDATE history_callers SET calls = 7 WHERE caller = '+8617012340003'",
    );
    expect(history.verify().problems).toEqual([expect.stringMatching(/the totals for the number \+8617012340003/)]);
  });

  it('an incident edited or invented in the incidents table', () => {
    const { history } = setUp();
    const incident = makeIncident(t0 + 2 * hour, t0 + 5 * hour, { callsRejected: 9, distinctNumbers: 9 });
    expect(history.recordIncidents([incident])).toBe(2);
    expect(history.verify({ incidents: [incident] })).toMatchObject({ ok: true, events: 2 });
    expect(history.verify({ incidents: [{ ...incident, endedAt: new Date(t0 + 3 * hour).toISOString() }] }).problems).toEqual([
      expect.stringMatching(/^incident 1: its end changed/),
    ]);
    expect(history.verify({ incidents: [incident, { ...incident, id: 2 }] }).problems).toEqual([expect.stringMatching(/^incident 2 .* is not in the chain/)]);
    expect(history.verify({ incidents: [] }).problems).toEqual([expect.stringMatching(/^incident 1 .* missing from the incidents table/)]);
  });

  it('a chained incident event edited', () => {
    const { history, shell } = setUp();
    history.recordIncidents([makeIncident(t0 + 2 * hour, null, { callsRejected: 9, distinctNumbers: 9 })]);
    shell(`UPDATE history_events SET at = '${new Date(t0 + 4 * hour).toISOString()}' WHERE kind = 'shield-engaged'`);
    expect(history.verify().firstBad).toMatchObject({ id: 21, reason: expect.stringMatching(/^record 21 \(the shield engaging\) was changed/) });
  });

  it('the tail deleted and the head row moved back: named by the checkpoint an export left', async () => {
    const { dir, history, shell } = setUp(3090);
    history.checkpoint(join(dir, 'exports', 'checkpoints'), 'test');
    shell('DELETE FROM history_calls WHERE id > 3088; UPDATE history_chain SET last_id = 3088, head = (SELECT hash FROM history_calls WHERE id = 3088)');
    const r = verifyWith(history, dir);
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.stringMatching(/^tail cut after record 3,088: the checkpoint of .* says the chain reached record 3,090/));
  }, 30_000);

  it('a record edited and the whole chain recomputed: the checkpoints outside say which stretch changed', () => {
    const { dir, db, history, shell } = setUp();
    const exports = join(dir, 'exports', 'checkpoints');
    history.checkpoint(exports, 'first');
    history.recordBatch(Array.from({ length: 10 }, (_, i) => makeCall(t0 + (30 + i) * hour)));
    history.checkpoint(exports, 'second');
    shell("UPDATE history_calls SET number = '13900000000', normalized = '+8613900000000' WHERE id = 25");
    rechainFrom(db);
    rebuildAggregates(db); // a thorough forger recounts the statistics too
    const r = verifyWith(history, dir);
    expect(r.firstBad).toBeNull(); // the chain itself is consistent again: only the checkpoints can tell
    expect(r.ok).toBe(false);
    expect(r.checkpoints?.map((c) => c.matches)).toEqual([true, false]);
    expect(r.problems).toContainEqual(expect.stringMatching(/^a record between 21 and 30 was changed after the checkpoint of .* and the chain recomputed/));
  });

  it('the history_chain row deleted: a sentence, no TypeError, and the writer records that it restored it', () => {
    const { history, shell } = setUp();
    shell('DELETE FROM history_chain');
    const r = history.verify();
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual([expect.stringMatching(/^the chain's head \(the history_chain row\) is missing/)]);
    const next = history.record(makeCall(t0 + 50 * hour));
    expect(next.id).toBe(22); // 21 is the chained note that the head was restored
    expect(history.verify()).toMatchObject({ ok: true, records: 21, events: 1 });
  });

  it('a column added to the table without being chained', () => {
    const { history, shell } = setUp();
    shell("ALTER TABLE history_calls ADD COLUMN note TEXT DEFAULT 'x'");
    expect(history.verify().problems).toEqual(['history_calls has a column the chain does not cover: note']);
  });
});
