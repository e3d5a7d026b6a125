import { describe, expect, it } from 'vitest';
import { makeCall, openTestHistory, t0 } from './support.ts';

describe('notes on calls', () => {
  it('adds notes as separate rows, oldest first, and leaves the call and its chain untouched', () => {
    const now = new Date('2025-03-05T09:00:00Z');
    const { history } = openTestHistory({ now: () => now });
    const call = history.record(makeCall(t0));
    const a = history.addNote(call.id, '  debt collector again  ');
    const b = history.addNote(call.id, '第三次了');
    expect(a).toEqual({ id: a.id, callId: call.id, createdAt: '2025-03-05T09:00:00.000Z', text: 'debt collector again' });
    expect(history.notes(call.id)).toEqual([a, b]);
    expect(history.get(call.id)).toEqual(call);
    expect(history.verify()).toMatchObject({ ok: true, records: 1 });
  });

  it('never rewrites a note or a call, even through SQL', () => {
    const { db, history } = openTestHistory();
    const call = history.record(makeCall(t0));
    history.addNote(call.id, 'first');
    expect(() => db.exec("UPDATE history_notes SET text = 'changed'")).toThrow(/append-only/);
    expect(() => db.exec("UPDATE history_calls SET name = 'changed'")).toThrow(/append-only/);
  });

  it('refuses a note on a call that does not exist, or an empty one', () => {
    const { history } = openTestHistory();
    const call = history.record(makeCall(t0));
    expect(() => history.addNote(999, 'x')).toThrow(expect.objectContaining({ code: 'no-such-call' }));
    expect(() => history.addNote(call.id, '   ')).toThrow(/1 to 5000 characters/);
    expect(history.notes(call.id)).toEqual([]);
  });
});
