import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dayEndIso, dayStartIso, isoDay, toOffsetIso } from '../../../renderer/format/time.ts';
import { periodStart } from '../../../shared/periods.ts';

const Iso = z.string().datetime({ offset: true });

describe('times the API accepts', () => {
  it('writes local instants with their UTC offset, as the contract requires', () => {
    const d = new Date(2025, 2, 1, 14, 2, 3, 4);
    const iso = toOffsetIso(d);
    expect(Iso.safeParse(iso).success).toBe(true);
    expect(new Date(iso).getTime()).toBe(d.getTime());
  });

  it('spans a whole local day from a date input', () => {
    expect(new Date(dayEndIso('2025-03-01')).getTime() - new Date(dayStartIso('2025-03-01')).getTime()).toBe(86_400_000 - 1);
    expect(isoDay(new Date(2025, 0, 9))).toBe('2025-01-09');
  });

  it('starts statistics periods on bucket boundaries', () => {
    const now = new Date(2025, 2, 10, 15, 42);
    expect(periodStart('day', now)).toEqual(new Date(2025, 2, 9, 16, 0));
    expect(periodStart('week', now)).toEqual(new Date(2025, 2, 4, 0, 0));
  });
});
