import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buckets, isoInZone, localDayOf, offsetMinutes, startOfLocalDay } from '../../../main/history/time-zone.ts';

/** The offset straight from Intl, the slow way, to check the remembered one against. */
function intlOffset(zone: string, ms: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')!.value;
  const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name)!;
  return m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

const zones = ['Asia/Shanghai', 'Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'Africa/Casablanca'];

describe('time zones', () => {
  it('gives the same offset as Intl at any instant, across daylight-saving changes', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }), (zone, ms) => {
        expect(offsetMinutes(zone, ms)).toBe(intlOffset(zone, ms));
      }),
      { numRuns: 2000 },
    );
    // Either side of London's spring change, to the minute.
    const change = Date.parse('2025-03-30T01:00:00Z');
    expect(offsetMinutes('Europe/London', change - 60_000)).toBe(0);
    expect(offsetMinutes('Europe/London', change)).toBe(60);
  });

  it('starts local days at local midnight, 23 or 25 hours apart on change days', () => {
    const ny = 'America/New_York';
    const day = localDayOf(ny, Date.parse('2025-11-02T12:00:00-05:00'));
    expect(isoInZone(ny, startOfLocalDay(ny, day))).toBe('2025-11-02T00:00:00-04:00');
    expect(startOfLocalDay(ny, day + 1) - startOfLocalDay(ny, day)).toBe(25 * 3_600_000);
  });

  it('covers a range with consecutive buckets that start on the hour, at midnight or on Monday', () => {
    const from = Date.parse('2025-03-05T10:30:00+05:30');
    const to = Date.parse('2025-03-20T00:00:00+05:30');
    for (const size of ['hour', 'day', 'week'] as const) {
      const list = buckets('Asia/Kolkata', from, to, size);
      expect(list[0]!.start).toBeLessThanOrEqual(from);
      expect(list.at(-1)!.end).toBeGreaterThanOrEqual(to);
      list.slice(1).forEach((b, i) => expect(b.start).toBe(list[i]!.end));
    }
    expect(buckets('Asia/Kolkata', from, to, 'week').map((b) => isoInZone('Asia/Kolkata', b.start))).toEqual([
      '2025-03-03T00:00:00+05:30',
      '2025-03-10T00:00:00+05:30',
      '2025-03-17T00:00:00+05:30',
    ]);
    expect(isoInZone('Asia/Kolkata', buckets('Asia/Kolkata', from, to, 'hour')[0]!.start)).toBe('2025-03-05T10:00:00+05:30');
  });
});
