// The one date/time formatter: the UI, the exports and the evidence report write a moment the same way, in
// the person's language; evidence keeps the clock the call was recorded on and names its zone, wherever the
// reader is.
import { describe, expect, it } from 'vitest';
import { formatCalendarDay, formatDateTime, formatIsoWallClock, formatMonth, formatRecordedTime, formatWeekday } from '../../shared/datetime.ts';

describe('dates and times for people', () => {
  it('writes a recorded moment on the recording clock, in either language, with its zone', () => {
    const beijing = '2025-03-04T14:02:11.123+08:00';
    expect(formatRecordedTime(beijing, 'en')).toBe('4 Mar 2025, 14:02:11 UTC+08:00');
    expect(formatRecordedTime(beijing, 'zh')).toBe('2025年3月4日 14:02:11 UTC+08:00');
    expect(formatRecordedTime(beijing, 'en', { zone: false })).toBe('4 Mar 2025, 14:02:11');
    // The same instant recorded in London (UTC) and in New York the evening before reads as those clocks did.
    expect(formatRecordedTime('2025-03-04T06:02:11.123Z', 'en')).toBe('4 Mar 2025, 06:02:11 UTC+00:00');
    expect(formatRecordedTime('2025-03-04T01:02:11.123-05:00', 'en')).toBe('4 Mar 2025, 01:02:11 UTC-05:00');
    expect(formatRecordedTime('2025-03-03T23:30:00.000-05:00', 'zh')).toBe('2025年3月3日 23:30:00 UTC-05:00');
    // Not an ISO time with an offset: shown as written, never a wrong guess.
    expect(formatRecordedTime('yesterday', 'en')).toBe('yesterday');
  });

  it('writes every recorded moment exactly as Intl does on that clock (the per-day shortcut changes nothing)', () => {
    for (const lang of ['en', 'zh'] as const) {
      for (let i = 0; i < 200; i++) {
        const ms = Date.UTC(2020, 0, 1) + i * 7_919_993_137;
        const offset = [480, 0, -300, 330, 600][i % 5]!;
        const wall = new Date(ms + offset * 60_000);
        const sign = offset < 0 ? '-' : '+';
        const zone = `${sign}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
        const iso = `${wall.toISOString().slice(0, 23)}${zone}`;
        const intl = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' }).format(wall);
        expect(formatRecordedTime(iso, lang)).toBe(`${intl} UTC${zone}`);
        expect(formatRecordedTime(iso, lang, { zone: false, seconds: false })).toBe(
          new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(wall),
        );
      }
    }
  });

  it("writes the viewer's moments in the same form as the recorded ones", () => {
    const iso = '2025-03-04T14:02:11.123+08:00';
    expect(formatDateTime(iso, 'en')).toMatch(/^\d{1,2} Mar 2025, \d{2}:\d{2}:11$/);
    expect(formatDateTime(iso, 'zh')).toMatch(/^2025年3月\d{1,2}日 \d{2}:\d{2}:11$/);
  });

  it('keeps the ISO wall clock for texts pasted into forms', () => {
    expect(formatIsoWallClock('2025-03-04T14:02:11.123+08:00')).toBe('2025-03-04 14:02:11');
    expect(formatIsoWallClock('2025-03-04T14:02:11.123+08:00', true)).toBe('2025-03-04 14:02:11 UTC+08:00');
    expect(formatIsoWallClock('2025-03-04T06:02:11.123Z', true)).toBe('2025-03-04 06:02:11 UTC+00:00');
  });

  it('names days, months and weekdays in the language, the same day in every zone', () => {
    expect(formatCalendarDay('2026-12-01', 'en')).toBe('1 Dec 2026');
    expect(formatCalendarDay('2026-12-01', 'zh')).toBe('2026年12月1日');
    expect(formatCalendarDay('2026-12-01', 'en', { short: true })).toBe('1 Dec');
    expect(formatCalendarDay('2026-12-01', 'zh', { short: true })).toBe('12月1日');
    expect(formatMonth('2026-12-01', 'en')).toBe('December 2026');
    expect(formatMonth('2026-12-31', 'zh')).toBe('2026年12月');
    expect([0, 1, 6].map((d) => formatWeekday(d, 'en'))).toEqual(['Sun', 'Mon', 'Sat']);
    expect([0, 1, 6].map((d) => formatWeekday(d, 'zh'))).toEqual(['周日', '周一', '周六']);
  });
});
