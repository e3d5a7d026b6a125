import { describe, expect, it } from 'vitest';
import { demoScenario, demoTrustedCallers } from '../../../main/sim/demo.ts';
import { backToBackFlood, expandScenario, maxScenarioCalls } from '../../../main/sim/scenario.ts';
import { Scenario, describeIssues } from '../../../main/sim/schemas.ts';

const expand = (s: unknown, seed = 1) => expandScenario(Scenario.parse(s), seed);
const issues = (s: unknown) => {
  const r = Scenario.safeParse(s);
  return r.success ? null : describeIssues(r.error);
};

describe('scenarios', () => {
  it('plays "a call every 2 s from rotating numbers for 10 minutes, with a trusted caller at minute 4"', () => {
    const timeline = expand({
      steps: [
        { every: 2000, for: 600_000, call: { numbers: 'rotating', rings: 2 } },
        { at: 240_000, call: { number: '13800138000', presentation: 'allowed', name: 'Mum' } },
      ],
    });
    const calls = timeline.filter((i) => 'call' in i);
    expect(calls).toHaveLength(301);
    const numbers = calls.map((c) => ('call' in c ? c.call.number : null));
    expect(new Set(numbers).size).toBe(301);
    expect(numbers.filter((n) => n !== '13800138000').every((n) => /^1(70|71|62|65|67)\d{8}$/.test(n!))).toBe(true);
    // In time order; at minute 4 the rotating call written first comes first, then the trusted one.
    expect(timeline.every((item, i) => i === 0 || timeline[i - 1]!.at <= item.at)).toBe(true);
    const atFour = timeline.filter((i) => i.at === 240_000);
    expect(atFour.map((i) => ('call' in i ? (i.call.name ?? null) : null))).toEqual([null, 'Mum']);
  });

  it('queues a back-to-back flood: each call rings 50–200 ms after the previous one was released', () => {
    const calls = expand(backToBackFlood({ calls: 200, repeated: ['13800138000'] }), 3).flatMap((i) => ('call' in i ? [i.call] : []));
    expect(calls).toHaveLength(200);
    expect(calls.every((c) => c.afterReleaseMs! >= 50 && c.afterReleaseMs! <= 200)).toBe(true);
    expect(calls.every((c) => c.rings! >= 1 && c.rings! <= 3)).toBe(true);
    // Withheld, fresh and repeated callers, and the same identity twice in a row somewhere.
    expect(calls.some((c) => c.presentation === 'withheld')).toBe(true);
    expect(calls.filter((c) => c.number === '13800138000').length).toBeGreaterThan(10);
    expect(calls.some((c, i) => i > 0 && calls[i - 1]!.number === c.number)).toBe(true);
    expect(issues({ steps: [{ backToBack: { calls: 3, gapMs: [200, 50] } }] })).toMatch(/gapMs/);
  });

  it('gives the same numbers for the same seed and different ones for another', () => {
    const s = { steps: [{ every: 1000, for: 10_000, call: { numbers: 'rotating' } }] };
    expect(expand(s, 7)).toEqual(expand(s, 7));
    expect(expand(s, 7)).not.toEqual(expand(s, 8));
  });

  it('cycles through a given list of numbers and places withheld callers without a number', () => {
    const t = expand({
      steps: [
        { every: 1000, for: 3000, call: { numbers: ['111', '222'] } },
        { every: 1000, from: 5000, for: 2000, call: { numbers: 'rotating', presentation: 'withheld' } },
      ],
    });
    expect(t.map((i) => ('call' in i ? [i.at, i.call.number, i.call.presentation] : null))).toEqual([
      [0, '111', 'allowed'],
      [1000, '222', 'allowed'],
      [2000, '111', 'allowed'],
      [5000, null, 'withheld'],
      [6000, null, 'withheld'],
    ]);
  });

  it('keeps faults at their time among the calls', () => {
    const t = expand({
      steps: [
        { at: 3000, fault: 'unplug' },
        { at: 1000, call: { number: '1', presentation: 'allowed' } },
        { at: 4000, fault: 'replug' },
      ],
    });
    expect(t.map((i) => ('fault' in i ? i.fault : 'call'))).toEqual(['call', 'unplug', 'replug']);
  });

  it('says exactly which step is wrong and why', () => {
    expect(issues({ steps: [{ at: 0, call: { number: '13800138000', presentation: 'withheld' } }] })).toBe(
      'steps.0.call.number: a caller with presentation "withheld" delivers no number: set number to null',
    );
    expect(issues({ steps: [{ at: 0, call: { number: '138-0013', presentation: 'allowed' } }] })).toMatch(/^steps\.0\.call\.number: use the digits/);
    expect(issues({ steps: [{ at: 0, call: { number: '1', presentation: 'allowed', name: 'say "hi"' } }] })).toMatch(/quotes or control characters/);
    expect(issues({ calls: [] })).toMatch(/steps/);
  });

  it('refuses a scenario that would expand into an absurd number of calls', () => {
    expect(() => expand({ steps: [{ every: 1, for: maxScenarioCalls + 1, call: { numbers: 'rotating' } }] })).toThrow(/more than 100000 calls/);
  });
});

describe('the demo line pattern', () => {
  it('mixes trusted callers, strangers, withheld callers and one flood, differently per cycle', () => {
    const s = Scenario.parse(demoScenario(1));
    const calls = s.steps.flatMap((st) => ('call' in st && 'at' in st ? [{ at: st.at, ...st.call }] : []));
    const trusted = new Set(demoTrustedCallers.map((c) => c.number));
    expect(calls.some((c) => c.number && trusted.has(c.number))).toBe(true);
    expect(calls.some((c) => c.presentation === 'withheld')).toBe(true);
    const flood = calls.filter((c) => c.at >= 120_000 && c.at < 240_000);
    expect(flood.length).toBeGreaterThanOrEqual(20);
    expect(new Set(flood.map((c) => c.number ?? 'withheld')).size).toBeGreaterThan(flood.length / 2);
    expect(demoScenario(1)).toEqual(demoScenario(1));
    expect(demoScenario(2)).not.toEqual(demoScenario(1));
  });
});

describe('gate callers in scenarios', () => {
  it('marks repeated callers as bots or people, and a single call can say what it presses', () => {
    const calls = expand({
      steps: [
        { every: 1000, for: 2000, call: { numbers: 'rotating', caller: 'bot' } },
        { at: 5000, call: { number: '13912345678', presentation: 'allowed', caller: 'person', press: 'wrong' } },
      ],
    });
    expect(calls.map((c) => ('call' in c ? [c.call.caller, c.call.press ?? null] : null))).toEqual([
      ['bot', null],
      ['bot', null],
      ['person', 'wrong'],
    ]);
    expect(() => Scenario.parse({ steps: [{ at: 0, call: { number: '1', presentation: 'allowed', press: 'x' } }] })).toThrow();
  });
});
