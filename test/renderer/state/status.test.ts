import { describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/api.ts';
import { applyStatusEvent, isBlocking, sameLocalDay } from '../../../renderer/state/status.ts';
import { callRecord, decision, demoLine, gsmLine } from '../support/fake-data.ts';

const base: Status = {
  version: '1',
  host: 'headless',
  dataDir: '/data',
  lines: [gsmLine],
  shield: {
    active: false,
    since: null,
    trigger: null,
    cause: null,
    until: null,
    quietMinutes: 60,
    incidentId: null,
    callsBlocked: 0,
    distinctNumbers: 0,
    text: null,
  },
  today: { calls: 3, blocked: 1 },
  pausedUntil: null,
  demo: false,
  notices: [],
};
const always = () => true;

describe('overview status model', () => {
  it('counts a call that ended today, as blocked only when the phone did not ring', () => {
    const rejected = callRecord({ id: 1, startedAtMs: Date.now(), number: '+8617000000000', decision: decision('reject', 'shield') });
    const silenced = callRecord({ id: 2, startedAtMs: Date.now(), number: '+8617000000001', decision: decision('silent', 'schedule') });
    let s = applyStatusEvent(base, { type: 'call-ended', key: 'a', record: rejected }, always);
    expect(s.today).toEqual({ calls: 4, blocked: 2 });
    s = applyStatusEvent(s, { type: 'call-ended', key: 'b', record: silenced }, always);
    expect(s.today).toEqual({ calls: 5, blocked: 2 });
  });

  it('does not count a call from another day', () => {
    const old = callRecord({ id: 1, startedAtMs: Date.now() - 3 * 86_400_000, number: '+8617000000000', decision: decision('reject', 'shield') });
    expect(applyStatusEvent(base, { type: 'call-ended', key: 'a', record: old }, sameLocalDay(new Date())).today).toEqual(base.today);
  });

  it('replaces, adds and removes lines from line events', () => {
    const degraded = { ...gsmLine, state: 'degraded' as const };
    expect(applyStatusEvent(base, { type: 'line-status', line: degraded }, always).lines).toEqual([degraded]);
    expect(applyStatusEvent(base, { type: 'line-status', line: demoLine }, always).lines).toEqual([gsmLine, demoLine]);
    expect(applyStatusEvent(base, { type: 'line-removed', lineId: gsmLine.id }, always).lines).toEqual([]);
  });

  it('takes the shield from shield-changed and replaces a notice with the same code', () => {
    const shield = { ...base.shield, active: true, since: '2025-03-01T14:02:00+08:00', callsBlocked: 37, distinctNumbers: 35 };
    expect(applyStatusEvent(base, { type: 'shield-changed', shield }, always).shield).toEqual(shield);
    const text = { en: 'a', zh: '甲' };
    let s = applyStatusEvent(base, { type: 'notice', code: 'x', level: 'info', text }, always);
    s = applyStatusEvent(s, { type: 'notice', code: 'x', level: 'warning', text }, always);
    expect(s.notices).toEqual([{ code: 'x', level: 'warning', text }]);
  });

  it('treats reject and answer-hangup as blocking, silent and allow as not', () => {
    expect(['reject', 'answer-hangup', 'silent', 'allow'].map(isBlocking)).toEqual([true, true, false, false]);
  });
});
