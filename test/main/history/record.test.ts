import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genesisHash, HistoryError, openHistory } from '../../../main/history/index.ts';
import { documentedContent, documentedHash } from './documented.ts';
import { openDataStore } from '../../../main/store/open.ts';
import { hour, makeCall, openTestHistory, t0 } from './support.ts';

const count = (db: DatabaseSync, table: string) => Number((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);

describe('recording calls', () => {
  it('keeps a recorded call across a reopen, chained to the record before it', () => {
    const { db, history, dir } = openTestHistory();
    const call1 = makeCall(t0);
    const call2 = makeCall(t0 + hour, { number: '13800138000', name: '张三', oneRing: true });
    const first = history.record(call1);
    const second = history.record(call2);
    db.close();

    const again = openHistory(openDataStore(dir).db);
    expect(again.get(second.id)).toEqual(second);
    expect(second.id).toBe(first.id + 1);
    // The documented chain: SHA-256 over the previous hash and the digest of the canonical content, which
    // holds every column, times included.
    const h1 = first.hash;
    const h2 = second.hash;
    const stored = (c: typeof first, key: string) => ({
      ...c,
      callKey: key,
      chainVersion: 3,
      startedMs: Date.parse(c.startedAt),
      localDay: Math.floor(Date.parse(c.startedAt.slice(0, 10)) / 86_400_000),
    });
    expect(h1).toBe(documentedHash(genesisHash, documentedContent(stored(first, call1.callKey))));
    expect(h2).toBe(documentedHash(h1, documentedContent(stored(second, call2.callKey))));
    expect(again.head()).toBe(h2);
    expect(again.verify()).toMatchObject({ ok: true, records: 2, head: h2, firstBad: null });
  });

  it('returns exactly the record a later read gives back, fractional timings and Chinese text included', () => {
    const { history } = openTestHistory();
    const stored = history.record(makeCall(t0, { name: '推销 "ACME" <script>', raw: ['RING', 'NMBR = 13800138000', 'NAME = 推销'] }));
    expect(history.get(stored.id)).toEqual(stored);
    expect(stored.timings.callerId).toBe(410.5);
    expect(stored.decision.text.zh).toContain('虚拟运营商');
  });

  it('makes no duplicate when the same call is written again after a retry', () => {
    const { db, history } = openTestHistory();
    const call = makeCall(t0);
    const a = history.record(call);
    const b = history.record(call);
    expect(b).toEqual(a);
    expect(count(db, 'history_calls')).toBe(1);
    // The same key on another line, or at another time, is another call.
    history.record({ ...call, lineId: 'line-2' });
    expect(count(db, 'history_calls')).toBe(2);
  });

  it('rejects an invalid call with a message naming the field, and changes nothing', () => {
    const { db, history } = openTestHistory();
    history.record(makeCall(t0));
    const head = history.head();
    const bad = { ...makeCall(t0 + hour), startedAt: '04/03/2025 14:02' };
    expect(() => history.record(bad)).toThrow(/startedAt: use an ISO 8601 time/);
    expect(() => history.record({ ...makeCall(t0 + hour), timeZone: 'Mars/Olympus' })).toThrow(/timeZone: use an IANA time zone/);
    expect(() => history.record({ ...makeCall(t0 + hour), callKey: '' })).toThrow(HistoryError);
    expect(count(db, 'history_calls')).toBe(1);
    expect(history.head()).toBe(head);
  });

  it('stores the words of a decision once, however many calls share them', () => {
    const { db, history } = openTestHistory();
    history.recordBatch(Array.from({ length: 200 }, (_, i) => makeCall(t0 + i * 60_000, { action: i % 2 ? 'reject' : 'allow' })));
    expect(count(db, 'history_calls')).toBe(200);
    expect(count(db, 'history_decisions')).toBe(2);
  });

  it('fails a write on a full disk with a disk-full error, changes nothing, and saves the kept record on retry', () => {
    const { db, history } = openTestHistory();
    history.record(makeCall(t0));
    const head = history.head();
    // SQLite's own page limit: past it every write fails with SQLITE_FULL, exactly as on a full disk.
    const pages = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    db.exec(`PRAGMA max_page_count = ${pages}`);
    const kept = makeCall(t0 + hour, { number: '+8613912345678', name: 'x'.repeat(20_000) });
    let failure: unknown;
    try {
      history.record(kept);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(HistoryError);
    expect((failure as HistoryError).code).toBe('disk-full');
    expect((failure as HistoryError).text.zh).toContain('磁盘已满');
    expect(count(db, 'history_calls')).toBe(1);
    expect(history.head()).toBe(head);
    expect(history.verify().ok).toBe(true);

    db.exec(`PRAGMA max_page_count = ${pages * 100}`);
    const saved = history.record(kept);
    expect(saved.id).toBe(2);
    expect(history.record(kept).id).toBe(2);
    expect(history.verify()).toMatchObject({ ok: true, records: 2 });
    // Statistics count it once: the failed attempt left nothing behind in the running totals either.
    expect(history.todayCounts(new Date(t0 + 2 * hour))).toEqual({ calls: 2, blocked: 2 });
  });

  it('fails a write to a read-only database with a read-only error while searching still works', () => {
    const { db, history, dir } = openTestHistory();
    history.record(makeCall(t0));
    db.close();
    const readOnly = new DatabaseSync(join(dir, 'ringfence.db'), { readOnly: true });
    const ro = openHistory(readOnly);
    expect(() => ro.record(makeCall(t0 + hour))).toThrow(expect.objectContaining({ code: 'read-only' }));
    expect(ro.query({}).calls).toHaveLength(1);
    expect(ro.verify().ok).toBe(true);
  });
});

describe('text that SQLite cannot store as given', () => {
  it('stores a caller name with a broken UTF-16 character so that its hash still verifies', () => {
    const { history } = openTestHistory();
    const stored = history.record(makeCall(t0, { name: 'bad \ud800 name', raw: ['RING', 'NAME = \udfff'] }));
    expect(stored.name).toBe('bad \ufffd name');
    expect(history.get(stored.id)).toEqual(stored);
    expect(history.verify()).toMatchObject({ ok: true, records: 1 });
  });
});
