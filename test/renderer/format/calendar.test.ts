// Calendar arithmetic for the date field's calendar: in UTC, so no daylight-saving change skips or repeats a
// day, and months laid out Monday first as in Britain and China.
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, monthWeeks } from '../../../renderer/format/date-input.ts';

describe('calendar arithmetic', () => {
  it('moves by days across months and years, and by months within the target month', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
  });

  it('lays a month out in six Monday-first weeks', () => {
    const weeks = monthWeeks('2026-12-17');
    expect(weeks).toHaveLength(6);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    // 1 December 2026 is a Tuesday: the grid opens on Monday 30 November.
    expect(weeks[0]![0]).toBe('2026-11-30');
    expect(weeks[0]![1]).toBe('2026-12-01');
    expect(weeks.flat()).toContain('2026-12-31');
    expect(new Set(weeks.flat()).size).toBe(42);
  });
});
