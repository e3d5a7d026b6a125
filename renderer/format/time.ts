// Dates and times in the user's language. The clock is always passed in so these stay testable.
import type { Language } from '../i18n/language.ts';

export function locale(lang: Language): string {
  return lang === 'zh' ? 'zh-CN' : 'en-GB';
}

// Building an Intl.DateTimeFormat costs far more than using one, and History formats every visible row
// on every scroll frame: keep one per language and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale(lang), options)));
  return f;
}

export function formatTime(iso: string, lang: Language): string {
  return formatter(lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function formatDateTime(iso: string, lang: Language): string {
  return formatter(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/** A call's start in a table: day, month and time to the second (the year only when it is not this one). */
export function formatCallTime(iso: string, lang: Language, now = new Date()): string {
  const d = new Date(iso);
  const sameYear = d.getFullYear() === now.getFullYear();
  return formatter(lang, { ...(sameYear ? {} : { year: 'numeric' }), month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
}

export function formatDay(iso: string, lang: Language): string {
  return formatter(lang, { month: 'short', day: 'numeric' }).format(new Date(iso));
}

export function formatHour(iso: string, lang: Language): string {
  return formatter(lang, { month: 'short', day: 'numeric', hour: '2-digit' }).format(new Date(iso));
}

const enNumbers = new Intl.NumberFormat(locale('en'));
const zhNumbers = new Intl.NumberFormat(locale('zh'));

export function formatCount(n: number, lang: Language): string {
  return (lang === 'zh' ? zhNumbers : enNumbers).format(n);
}

/** A local calendar day (from an <input type=date>) as an ISO instant with the local UTC offset. */
export function dayStartIso(day: string): string {
  return toOffsetIso(new Date(`${day}T00:00:00`));
}

export function dayEndIso(day: string): string {
  return toOffsetIso(new Date(`${day}T23:59:59.999`));
}

/** ISO 8601 with the local offset ("2025-03-01T14:02:00.000+08:00"), which the API's schemas accept. */
export function toOffsetIso(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** YYYY-MM-DD of a local day, for <input type=date> values. */
export function isoDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
