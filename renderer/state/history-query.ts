// The History filters as the user sets them, and the CallQuery they become. Pure, so the mapping from
// "what the form says" to "what the server filters on" is tested without a browser.
import type { CallQuery } from '../../shared/api.ts';
import type { Action, Presentation } from '../../shared/domain.ts';
import { dayEndIso, dayStartIso } from '../format/time.ts';

export type HistoryFilters = {
  /** YYYY-MM-DD local days from <input type=date>, '' for open-ended. */
  fromDay: string;
  toDay: string;
  number: string;
  action: Action | '';
  lineId: string;
  presentation: Presentation | '';
  oneRing: boolean;
};

export const noFilters: HistoryFilters = { fromDay: '', toDay: '', number: '', action: '', lineId: '', presentation: '', oneRing: false };

export const HISTORY_PAGE = 100;

export function toCallQuery(filters: HistoryFilters): CallQuery {
  const query: CallQuery = { limit: HISTORY_PAGE, order: 'newest' };
  if (filters.fromDay) query.from = dayStartIso(filters.fromDay);
  if (filters.toDay) query.to = dayEndIso(filters.toDay);
  // People paste numbers with spaces and dashes ("+86 170-1234-5678"); the server matches digits.
  const number = filters.number.trim();
  if (number) query.number = number.replace(/[\s\-().]/g, '');
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
export function rangeProblem(filters: HistoryFilters): 'to-before-from' | null {
  return filters.fromDay && filters.toDay && filters.toDay < filters.fromDay ? 'to-before-from' : null;
}
