import { describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api.ts';
import { applyCallEvent, LIVE_CALLS_KEPT, liveNumber, type LiveCall } from '../../../renderer/state/live-calls.ts';
import { callRecord, decision } from '../support/fake-data.ts';

const started = (key: string): ApiEvent => ({ type: 'call-started', call: { key, lineId: 'l1', simulated: true, startedAt: '2025-03-01T14:02:00.000+08:00' } });
const callerId = { number: '+8617012345678', presentation: 'allowed' as const, name: null, raw: ['+CLIP: "+8617012345678",145'] };
const fold = (events: ApiEvent[], from: readonly LiveCall[] = []) => events.reduce(applyCallEvent, from);

describe('live call card model', () => {
  it('follows one call from ringing to ended', () => {
    const d = decision('reject', 'blocked-prefix', 'Virtual operators');
    const record = callRecord({ id: 7, startedAtMs: Date.parse('2025-03-01T06:02:00Z'), number: callerId.number, decision: d, lineId: 'l1', simulated: true });
    let calls = fold([started('a')]);
    expect(calls[0]).toMatchObject({ key: 'a', phase: 'ringing', simulated: true, decision: null });
    calls = fold([{ type: 'caller-identified', key: 'a', lineId: 'l1', callerId }], calls);
    expect(calls[0]).toMatchObject({ phase: 'identified', callerId });
    expect(liveNumber(calls[0]!).number).toBe('+8617012345678');
    calls = fold([{ type: 'call-decided', key: 'a', lineId: 'l1', callerId, decision: d }], calls);
    expect(calls[0]).toMatchObject({ phase: 'decided', decision: d });
    calls = fold([{ type: 'call-ended', key: 'a', record }], calls);
    expect(calls[0]).toMatchObject({ phase: 'ended', record });
    expect(calls).toHaveLength(1);
  });

  it('never moves a call back to an earlier phase when events arrive out of order', () => {
    const d = decision('allow', 'trusted', 'Mum');
    const calls = fold([
      started('a'),
      { type: 'call-decided', key: 'a', lineId: 'l1', callerId, decision: d },
      { type: 'caller-identified', key: 'a', lineId: 'l1', callerId },
    ]);
    expect(calls[0]!.phase).toBe('decided');
  });

  it('shows a card for a call whose start it missed (the page opened mid-call)', () => {
    const calls = fold([{ type: 'call-decided', key: 'late', lineId: 'l1', callerId, decision: decision('reject', 'shield') }]);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ key: 'late', phase: 'decided' });
  });

  it('keeps the newest calls first and only the last few', () => {
    const keys = Array.from({ length: LIVE_CALLS_KEPT + 3 }, (_, i) => `k${i}`);
    const calls = fold(keys.map(started));
    expect(calls).toHaveLength(LIVE_CALLS_KEPT);
    expect(calls[0]!.key).toBe(keys.at(-1));
  });

  it('ignores events that are not about calls and a repeated call-started', () => {
    const calls = fold([started('a')]);
    expect(applyCallEvent(calls, { type: 'rules-changed', list: 'blocked' })).toBe(calls);
    expect(applyCallEvent(calls, started('a'))).toBe(calls);
  });
});
