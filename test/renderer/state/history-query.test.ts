import { describe, expect, it } from 'vitest';
import { CallQuery } from '../../../shared/api.ts';
import { HISTORY_PAGE, isUnfiltered, noFilters, rangeProblem, toCallQuery } from '../../../renderer/state/history-query.ts';

describe('history filters to a server query', () => {
  it('asks for the newest page and nothing else when no filter is set', () => {
    expect(toCallQuery(noFilters)).toEqual({ limit: HISTORY_PAGE, order: 'newest' });
    expect(isUnfiltered(noFilters)).toBe(true);
  });

  it('turns every filter into a query the contract accepts', () => {
    const q = toCallQuery({ fromDay: '2025-03-01', toDay: '2025-03-02', number: ' +86 170-1234 ', action: 'reject', lineId: 'line-1', presentation: 'withheld', oneRing: true });
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
