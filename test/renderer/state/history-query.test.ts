import { describe, expect, it } from 'vitest';
import { CallQuery } from '../../../shared/api.ts';
import { activePreset, applyPreset, HISTORY_PAGE, isUnfiltered, noFilters, rangeProblem, toCallQuery } from '../../../renderer/state/history-query.ts';

describe('history filters to a server query', () => {
  it('asks for the newest page and nothing else when no filter is set', () => {
    expect(toCallQuery(noFilters)).toEqual({ limit: HISTORY_PAGE, order: 'newest' });
    expect(isUnfiltered(noFilters)).toBe(true);
  });

  it('turns every filter into a query the contract accepts', () => {
    const q = toCallQuery({
      fromDay: '2025-03-01',
      toDay: '2025-03-02',
      since: '',
      search: ' +86 170-1234 ',
      action: 'reject',
      lineId: 'line-1',
      presentation: 'withheld',
      oneRing: true,
    });
    expect(q).toMatchObject({ number: '+861701234', action: 'reject', lineId: 'line-1', presentation: 'withheld', oneRing: true });
    // Local days become instants at the day's start and end, in the local offset.
    expect(new Date(q.from!).getHours()).toBe(0);
    expect(new Date(q.to!).getHours()).toBe(23);
    expect(new Date(q.to!).getDate()).toBe(2);
    expect(CallQuery.safeParse(q).success).toBe(true);
  });

  it('flags an end date before the start date', () => {
    expect(rangeProblem({ ...noFilters, fromDay: '2025-03-02', toDay: '2025-03-01' })).toBe('to-before-from');
    expect(rangeProblem({ ...noFilters, fromDay: '2025-03-01', toDay: '2025-03-01' })).toBeNull();
  });
});

describe('one search box for numbers and names', () => {
  it('searches numbers when the box holds digits, names otherwise', () => {
    expect(toCallQuery({ ...noFilters, search: '138 0013' })).toMatchObject({ number: '1380013' });
    expect(toCallQuery({ ...noFilters, search: 'Zhang' })).toMatchObject({ name: 'Zhang' });
    expect(toCallQuery({ ...noFilters, search: 'Zhang' }).number).toBeUndefined();
    expect(toCallQuery({ ...noFilters, search: '妈妈' })).toMatchObject({ name: '妈妈' });
  });
});

describe('date presets', () => {
  const now = new Date(2026, 11, 2, 15, 30);
  it('sets today, the last 7 and 30 days, today included, and knows which is set', () => {
    expect(applyPreset(noFilters, 'today', now, null).fromDay).toBe('2026-12-02');
    expect(applyPreset(noFilters, 'week', now, null).fromDay).toBe('2026-11-26');
    expect(applyPreset(noFilters, 'month', now, null).fromDay).toBe('2026-11-03');
    expect(activePreset(applyPreset(noFilters, 'week', now, null), now, null)).toBe('week');
    expect(activePreset(noFilters, now, null)).toBeNull();
  });

  it('starts "this incident" when the shield went on, to the minute', () => {
    const since = new Date(2026, 11, 2, 14, 2).toISOString();
    const f = applyPreset(noFilters, 'incident', now, since);
    expect(new Date(toCallQuery(f).from!).getTime()).toBe(Date.parse(since));
    expect(activePreset(f, now, since)).toBe('incident');
  });
});
