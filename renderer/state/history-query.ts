// The History filters as the user sets them, and the CallQuery they become. Pure, so the mapping from
// "what the form says" to "what the server filters on" is tested without a browser.
import type { CallQuery } from '../../shared/api.ts';
import type { Action, Presentation } from '../../shared/domain.ts';
import { dayEndIso, dayStartIso, isoDay, toOffsetIso } from '../format/time.ts';

export type HistoryFilters = {
  /** YYYY-MM-DD local days, '' for open-ended. */
  fromDay: string;
  toDay: string;
  /** An instant that overrides fromDay: "this incident" starts when the shield did, not at midnight. */
  since: string;
  /** One box for both: a number (digits and phone punctuation) or part of a caller's name. */
  search: string;
  action: Action | '';
  lineId: string;
  presentation: Presentation | '';
  oneRing: boolean;
};

export const noFilters: HistoryFilters = { fromDay: '', toDay: '', since: '', search: '', action: '', lineId: '', presentation: '', oneRing: false };

export const HISTORY_PAGE = 100;

/** A search is a number when it is digits with the punctuation people paste numbers with. */
export function isNumberSearch(text: string): boolean {
  return /\d/.test(text) && /^[\d\s+\-().]+$/.test(text);
}

export function toCallQuery(filters: HistoryFilters): CallQuery {
  const query: CallQuery = { limit: HISTORY_PAGE, order: 'newest' };
  if (filters.since) query.from = filters.since;
  else if (filters.fromDay) query.from = dayStartIso(filters.fromDay);
  if (filters.toDay) query.to = dayEndIso(filters.toDay);
  const search = filters.search.trim();
  // People paste numbers with spaces and dashes ("+86 170-1234-5678"); the server matches digits.
  if (search) {
    if (isNumberSearch(search)) query.number = search.replace(/[\s\-().]/g, '');
    else query.name = search;
  }
  if (filters.action) query.action = filters.action;
  if (filters.lineId) query.lineId = filters.lineId;
  if (filters.presentation) query.presentation = filters.presentation;
  if (filters.oneRing) query.oneRing = true;
  return query;
}

export function isUnfiltered(filters: HistoryFilters): boolean {
  return JSON.stringify(filters) === JSON.stringify(noFilters);
}

/** Whether a date range is backwards — said before asking the server, next to the field. */
export function rangeProblem(filters: Pick<HistoryFilters, 'fromDay' | 'toDay'>): 'to-before-from' | null {
  return filters.fromDay && filters.toDay && filters.toDay < filters.fromDay ? 'to-before-from' : null;
}

export type Preset = 'today' | 'week' | 'month' | 'incident';

/** The date presets: today, the last 7 and 30 days (today included), and the shield's current incident. */
export function applyPreset(filters: HistoryFilters, preset: Preset, now: Date, shieldSince: string | null): HistoryFilters {
  const daysBack = (n: number) => isoDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - n));
  switch (preset) {
    case 'today':
      return { ...filters, fromDay: daysBack(0), toDay: '', since: '' };
    case 'week':
      return { ...filters, fromDay: daysBack(6), toDay: '', since: '' };
    case 'month':
      return { ...filters, fromDay: daysBack(29), toDay: '', since: '' };
    case 'incident':
      return shieldSince ? { ...filters, fromDay: isoDay(new Date(shieldSince)), toDay: '', since: toOffsetIso(new Date(shieldSince)) } : filters;
  }
}

/** Which preset the filters are (so its button shows as pressed), if any. */
export function activePreset(filters: HistoryFilters, now: Date, shieldSince: string | null): Preset | null {
  if (filters.toDay) return null;
  for (const p of ['today', 'week', 'month', 'incident'] as const) {
    if (p === 'incident' && !shieldSince) continue;
    const applied = applyPreset(filters, p, now, shieldSince);
    if (applied.fromDay === filters.fromDay && applied.since === filters.since) return p;
  }
  return null;
}
