// The generated week is the drill's ground truth: it must be the week the issue describes, the same for
// the same seed, and shaped so that each pass criterion measures the product rather than the generator.
import { describe, expect, it } from 'vitest';
import { densestWindow, generateWeek, minQuietMs, ordinaryClearanceMs, peakGapMs, type DrillCall } from './scenario.ts';

const week = generateWeek({ seed: 1 });
const of = (kind: DrillCall['kind']) => week.calls.filter((c) => c.kind === kind);
const MINUTE = 60_000;

describe('the generated week', () => {
  it('holds 3,000 flood calls from at least 1,500 rotating numbers plus withheld ones, 60 trusted calls from 10 numbers and 30 ordinary ones', () => {
    const flood = of('flood');
    expect(flood).toHaveLength(3000);
    expect(new Set(flood.flatMap((c) => (c.number ? [c.number] : []))).size).toBeGreaterThanOrEqual(1500);
    expect(flood.filter((c) => c.presentation === 'withheld' && c.number === null).length).toBeGreaterThan(100);
    expect(of('trusted')).toHaveLength(60);
    expect(new Set(of('trusted').map((c) => c.number))).toEqual(new Set(week.trusted.map((t) => t.number)));
    expect(week.trusted).toHaveLength(10);
    expect(of('ordinary')).toHaveLength(30);
    expect(week.calls.every((c, i) => c.index === i && c.at >= 0 && c.at < week.durationMs)).toBe(true);
  });

  it('rings in bursts of up to 40 calls in five minutes, a call every 2 s at the peak, never faster', () => {
    const flood = of('flood').map((c) => c.at);
    expect(densestWindow(flood, 5 * MINUTE)).toBeLessThanOrEqual(40);
    expect(densestWindow(flood, 5 * MINUTE)).toBeGreaterThanOrEqual(35);
    const gaps = week.calls.slice(1).map((c, i) => c.at - week.calls[i]!.at);
    expect(Math.min(...gaps)).toBe(peakGapMs);
    expect(gaps.filter((g) => g === peakGapMs).length).toBeGreaterThan(500);
  });

  it('leaves quiet stretches of at least two hours between episodes', () => {
    expect(week.episodes.length).toBeGreaterThanOrEqual(20);
    for (let i = 1; i < week.episodes.length; i++) expect(week.episodes[i]!.from - week.episodes[i - 1]!.to).toBeGreaterThanOrEqual(minQuietMs);
    // Inside an episode no pause reaches the shield's 60 quiet minutes, so one episode is one incident.
    for (const e of week.episodes) {
      const times = of('flood')
        .filter((c) => c.episode === e.index)
        .map((c) => c.at);
      const longest = Math.max(...times.slice(1).map((t, i) => t - times[i]!));
      expect(longest).toBeLessThan(60 * MINUTE);
    }
  });

  it('puts some trusted calls in the middle of a burst, after the shield has had five calls to engage', () => {
    const inside = of('trusted').filter((c) => c.episode !== null);
    expect(inside.length).toBeGreaterThanOrEqual(10);
    for (const t of inside) {
      const before = of('flood').filter((c) => c.episode === t.episode && c.at < t.at);
      expect(before.length).toBeGreaterThanOrEqual(6);
      expect(of('flood').some((c) => c.episode === t.episode && c.at > t.at)).toBe(true);
    }
  });

  it('keeps ordinary callers clear of the bursts, so the shield is off and their call counts alone', () => {
    for (const c of of('ordinary')) {
      for (const e of week.episodes) {
        const clear = c.at >= e.to + ordinaryClearanceMs.afterEpisode || c.at <= e.from - ordinaryClearanceMs.beforeEpisode;
        expect(clear, `ordinary call ${c.index} near episode ${e.index}`).toBe(true);
      }
    }
  });

  it('never brings a flood number back within the same episode', () => {
    const seen = new Map<string, number>();
    for (const c of of('flood')) {
      if (!c.number) continue;
      expect(seen.get(c.number)).not.toBe(c.episode);
      seen.set(c.number, c.episode!);
    }
  });

  it('is the same week for the same seed and another week for another seed', () => {
    expect(generateWeek({ seed: 1 })).toEqual(week);
    expect(generateWeek({ seed: 2 }).calls.slice(0, 50)).not.toEqual(week.calls.slice(0, 50));
  });

  it('refuses a week the days cannot hold, saying what did not fit', () => {
    expect(() => generateWeek({ seed: 1, days: 1, floodCalls: 20_000 })).toThrow(/do not fit in 1 day/);
  });

  it('at flood speed, rings the peak of each burst back to back and puts two waiting calls on each picked-up trusted call', () => {
    const fast = generateWeek({ seed: 3, days: 1, floodCalls: 200, trustedCalls: 9, ordinaryCalls: 3, backToBack: true, callWaiting: true });
    const b2b = fast.calls.filter((c) => c.afterReleaseMs !== undefined);
    expect(b2b.length).toBeGreaterThan(40);
    expect(b2b.every((c) => c.kind === 'flood' && c.afterReleaseMs! >= 50 && c.afterReleaseMs! <= 200 && c.rings >= 1 && c.rings <= 3)).toBe(true);
    const picked = fast.calls.filter((c) => c.answered);
    expect(picked.length).toBeGreaterThan(0);
    for (const t of picked) {
      expect(t.kind).toBe('trusted');
      expect(fast.calls.slice(t.index + 1, t.index + 3).map((c) => [c.kind, c.waiting])).toEqual([
        ['flood', true],
        ['flood', true],
      ]);
    }
    expect(fast.calls.filter((c) => c.waiting)).toHaveLength(picked.length * 2);
  });
});
