import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialNotifierState, onCallDecided, onTick, type Note, type NotifierState } from '../../../main/app/notifications.ts';
import { caller, decision } from './fixtures.ts';

const prefs = { ringThrough: true, blockedSummary: true };
const MINUTE = 60_000;

/** Drives the planner like notifier.ts does: events in time order, the timer fired when asked. */
function simulate(arrivals: { at: number; blocked: boolean; number?: string }[], intervalMs = MINUTE, until = Infinity) {
  let state: NotifierState = initialNotifierState;
  let wakeAt: number | null = null;
  const shown: (Note & { at: number })[] = [];
  const apply = (plan: { state: NotifierState; notes: Note[]; wakeAt: number | null }, at: number) => {
    state = plan.state;
    wakeAt = plan.wakeAt;
    for (const n of plan.notes) shown.push({ ...n, at });
  };
  for (const a of arrivals) {
    while (wakeAt !== null && wakeAt <= a.at) apply(onTick(state, wakeAt, intervalMs), wakeAt);
    const d = a.blocked ? decision('reject') : decision('allow');
    apply(onCallDecided(state, { callerId: caller(a.number ?? '+8617012345678'), decision: d }, a.at, prefs, intervalMs), a.at);
  }
  while (wakeAt !== null && wakeAt <= until) apply(onTick(state, wakeAt, intervalMs), wakeAt);
  return shown;
}

const countOf = (n: Note) => (n.title.en.startsWith('Blocked a call') ? 1 : Number(/^(\d+) calls? blocked/.exec(n.title.en)?.[1]));

describe('ring-through notifications', () => {
  it('name a trusted caller by the label the user gave them', () => {
    const plan = onCallDecided(
      initialNotifierState,
      {
        callerId: caller('+8613800138000'),
        decision: decision('allow', { reason: 'trusted', ruleLabel: 'Mum', text: { en: 'Trusted: Mum.', zh: '信任：妈妈。' } }),
      },
      0,
      prefs,
    );
    expect(plan.notes).toEqual([
      {
        kind: 'ring-through',
        title: { en: 'Call from Mum', zh: 'Mum 来电' },
        body: { en: '+8613800138000 · Trusted: Mum.', zh: '+8613800138000 · 信任：妈妈。' },
      },
    ]);
  });

  it('fall back to the network name, the number, or say the number is withheld', () => {
    const title = (c: ReturnType<typeof caller>) =>
      onCallDecided(initialNotifierState, { callerId: c, decision: decision('allow') }, 0, prefs).notes[0]!.title.en;
    expect(title(caller('+8613800138000', { name: 'ZHANG WEI' }))).toBe('Call from ZHANG WEI');
    expect(title(caller('+8613800138000'))).toBe('Call from +8613800138000');
    expect(title(caller(null))).toBe('Call from Withheld number');
  });

  it('are not shown when the user turned them off, nor for silent calls', () => {
    expect(onCallDecided(initialNotifierState, { callerId: caller('1'), decision: decision('allow') }, 0, { ...prefs, ringThrough: false }).notes).toEqual([]);
    expect(onCallDecided(initialNotifierState, { callerId: caller('1'), decision: decision('silent') }, 0, prefs).notes).toEqual([]);
  });
});

describe('blocked-call notifications', () => {
  it('name the first blocked call after a quiet spell', () => {
    const shown = simulate([{ at: 0, blocked: true, number: '+8617012345678' }]);
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toEqual({ en: 'Blocked a call from +8617012345678', zh: '已拦截 +8617012345678 的来电' });
  });

  it('summarise a flood of 600 calls in 10 minutes in at most one notification a minute, counting every call', () => {
    const arrivals = Array.from({ length: 600 }, (_, i) => ({ at: i * 1000, blocked: true, number: `+86170${String(i % 350).padStart(8, '0')}` }));
    const shown = simulate(arrivals);
    expect(shown.length).toBeLessThanOrEqual(11);
    expect(shown.reduce((sum, n) => sum + countOf(n), 0)).toBe(600);
    for (let i = 1; i < shown.length; i++) expect(shown[i]!.at - shown[i - 1]!.at).toBeGreaterThanOrEqual(MINUTE);
    // The first call was named at 0 s; the next 59 (1 s … 59 s) are summarised when the minute is up.
    expect(shown[1]!.title.en).toBe('59 calls blocked in the last minute');
    expect(shown[1]!.body.en).toBe('They came from 59 different numbers. Every call is in the history.');
    expect(shown[1]!.title.zh).toBe('最近 1 分钟内拦截了 59 个来电');
  });

  it('still announce a call that rings through in the middle of a flood', () => {
    const arrivals = [...Array.from({ length: 30 }, (_, i) => ({ at: i * 1000, blocked: true })), { at: 30_500, blocked: false, number: '+8613800138000' }];
    const shown = simulate(arrivals, MINUTE, 0);
    expect(shown.map((n) => n.kind)).toEqual(['blocked', 'ring-through']);
  });

  it('are not shown when the user turned the summary off', () => {
    const plan = onCallDecided(initialNotifierState, { callerId: caller('1'), decision: decision('reject') }, 0, { ...prefs, blockedSummary: false });
    expect(plan).toEqual({ state: initialNotifierState, notes: [], wakeAt: null });
  });

  it('never show two blocked-call notifications within the interval, and never lose a call (any arrival pattern)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 300 }), fc.integer({ min: 1_000, max: 120_000 }), (gaps, interval) => {
        let t = 0;
        const arrivals = gaps.map((g) => ({ at: (t += g), blocked: true }));
        const shown = simulate(arrivals, interval);
        for (let i = 1; i < shown.length; i++) expect(shown[i]!.at - shown[i - 1]!.at).toBeGreaterThanOrEqual(interval);
        expect(shown.reduce((sum, n) => sum + countOf(n), 0)).toBe(arrivals.length);
      }),
      { numRuns: 200 },
    );
  });

  it('wait for the timer when a summary is not yet due', () => {
    let plan = onCallDecided(initialNotifierState, { callerId: caller('1'), decision: decision('reject') }, 0, prefs);
    plan = onCallDecided(plan.state, { callerId: caller('2'), decision: decision('reject') }, 10_000, prefs);
    expect(plan.notes).toEqual([]);
    expect(plan.wakeAt).toBe(MINUTE);
    expect(onTick(plan.state, 59_999).notes).toEqual([]);
    expect(onTick(plan.state, MINUTE).notes[0]!.title.en).toBe('1 call blocked in the last minute');
  });
});
