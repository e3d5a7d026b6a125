// Call records written on their own thread (issue 14): durable and chained by the history's own record()
// when the promise resolves, in order, retried through an outage, and written before they are announced.
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistory } from '../../../main/history/index.ts';
import { RecordQueue } from '../../../main/service/record-queue.ts';
import { startRecordWriter, type RecordWriter } from '../../../main/service/record-writer.ts';
import { makeCall, openTestHistory } from '../history/support.ts';

const writers: RecordWriter[] = [];
afterEach(async () => {
  for (const w of writers.splice(0)) await w.close();
});

function setup() {
  const { db, history, dir } = openTestHistory();
  const writer = startRecordWriter({ path: `${dir}/ringfence.db`, history, setQueryOnly: (on) => db.exec(`PRAGMA query_only = ${on ? 1 : 0}`) });
  writers.push(writer);
  return { db, history, dir, writer };
}

describe('the record writer', () => {
  it('writes on a thread of its own, and a record is in the file and on the chain when its promise resolves', async () => {
    const { dir, writer } = setup();
    expect(writer.threaded).toBe(true);
    const t0 = Date.parse('2025-03-04T06:00:00Z');
    const stored = [];
    for (let i = 0; i < 5; i++) stored.push(await writer.record(makeCall(t0 + i * 1000, { number: `1701234567${i}` })));
    expect(stored.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    // Another connection, opened after the fact, sees exactly what was promised.
    const other = new DatabaseSync(`${dir}/ringfence.db`, { readOnly: true });
    const history = openHistory(other);
    expect(history.query({ limit: 10, order: 'oldest' }).calls.map((c) => [c.id, c.hash])).toEqual(stored.map((r) => [r.id, r.hash]));
    expect(history.verify()).toMatchObject({ ok: true, records: 5 });
    other.close();
  });

  it('returns the stored record when the same call is written again, never a duplicate', async () => {
    const { writer } = setup();
    const call = makeCall(Date.parse('2025-03-04T06:00:00Z'));
    const a = await writer.record(call);
    const b = await writer.record(call);
    expect(b.id).toBe(a.id);
  });

  it('refuses writes while the store is made read-only, and the queue writes them, in order, once it takes them again', async () => {
    const { writer, history } = setup();
    const events: string[] = [];
    const queue = new RecordQueue({
      write: (c: ReturnType<typeof makeCall>) => writer.record(c),
      written: (r) => events.push(`written ${r.id} ${r.number}`),
      failing: () => events.push('failing'),
      recovered: (n) => events.push(`recovered ${n}`),
      initialDelayMs: 5,
    });
    await writer.setQueryOnly(true);
    const t0 = Date.parse('2025-03-04T06:00:00Z');
    queue.push(makeCall(t0, { number: '17000000001' }));
    queue.push(makeCall(t0 + 1000, { number: '17000000002' }));
    await queue.flush();
    expect(events).toEqual(['failing']);
    await writer.setQueryOnly(false);
    expect(await queue.flush()).toBe(0);
    expect(events).toEqual(['failing', 'written 1 17000000001', 'written 2 17000000002', 'recovered 2']);
    expect(history.query({ limit: 10 }).calls).toHaveLength(2);
    queue.close();
  });
});
