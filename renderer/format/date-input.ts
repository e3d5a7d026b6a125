// Dates typed by people, in the UI's language rather than the browser's: <input type=date> shows the
// browser's own format (mm/dd/yyyy in a Chinese UI on an English browser) and cannot be told otherwise.
// English (en-GB, as every other date in the UI) writes day/month/year, Chinese year/month/day. Pure: the
// value everywhere else stays an ISO day (YYYY-MM-DD).
import { isoDayOf } from '../../shared/datetime.ts';
import type { Language } from '../i18n/language.ts';

/** The ISO day as the user's language writes it in a date field: 01/12/2026, 2026/12/01. */
export function showDay(iso: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  return lang === 'zh' ? `${m[1]}/${m[2]}/${m[3]}` : `${m[3]}/${m[2]}/${m[1]}`;
}

/** What a date field accepts, as its placeholder: dd/mm/yyyy, 年/月/日. */
export function dayPattern(lang: Language): string {
  return lang === 'zh' ? '年/月/日' : 'dd/mm/yyyy';
}

function valid(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null; // 31/02 and the like
  return isoDayOf(y, m, d);
}

/**
 * Reads what the user typed: the language's own order with /, -, . or spaces between, the ISO form
 * (2026-12-01) and the Chinese form (2026年12月1日) in either language. '' is no date; null is not a date.
 */
export function parseDay(text: string, lang: Language): string | '' | null {
  const s = text.trim();
  if (s === '') return '';
  const zh = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/.exec(s);
  if (zh) return valid(Number(zh[1]), Number(zh[2]), Number(zh[3]));
  const parts = s.split(/\s*[/.\-\s]\s*/);
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const [a, b, c] = parts.map(Number) as [number, number, number];
  // A four-digit first part is a year whatever the language (ISO and Chinese order).
  if (parts[0]!.length === 4) return valid(a, b, c);
  if (lang === 'zh') return null;
  return parts[2]!.length === 4 ? valid(c, b, a) : null;
}

// Calendar arithmetic on ISO days, in UTC so no zone's daylight-saving change can skip or repeat a day.
const partsOf = (iso: string) => iso.split('-').map(Number) as [number, number, number];
const fromUtc = (t: Date) => isoDayOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());

/** The ISO day `n` days after `iso` (before, for a negative n). */
export function addDays(iso: string, n: number): string {
  const [y, m, d] = partsOf(iso);
  return fromUtc(new Date(Date.UTC(y, m - 1, d + n)));
}

/** The same day `n` months on, kept inside that month (31 January + 1 month = the last day of February). */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = partsOf(iso);
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))));
}

/** The weeks of the month holding `iso`, Monday first (as in Britain and China): six rows of seven ISO days. */
export function monthWeeks(iso: string): string[][] {
  const [y, m] = partsOf(iso);
  const first = new Date(Date.UTC(y, m - 1, 1));
  const start = addDays(fromUtc(first), -((first.getUTCDay() + 6) % 7));
  return Array.from({ length: 6 }, (_, w) => Array.from({ length: 7 }, (_, d) => addDays(start, w * 7 + d)));
}
