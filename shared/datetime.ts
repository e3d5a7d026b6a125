// Dates and times for people — THE date/time formatter, used by the UI, the exports and the evidence report
// alike, so a call reads "1 Dec 2026, 14:02:11" (English, en-GB day-month order) or "2026年12月1日 14:02:11"
// (Chinese) wherever it appears. Two clocks:
//   - the viewer's clock (formatDateTime, formatCallTime, …): the UI, which shows what happened around now;
//   - the clock the record was written with (formatRecordedTime): evidence. A call recorded at 14:02 in
//     Beijing stays 14:02 UTC+08:00 in a report opened in London, and says which zone that is.
// Intl.DateTimeFormat knows both languages' calendars and words; we only choose the options.
import type { Language } from './domain.ts';

export function locale(lang: Language): string {
  return lang === 'zh' ? 'zh-CN' : 'en-GB';
}

// Building an Intl.DateTimeFormat costs far more than using one, and History formats every visible row on every
// scroll frame (an export, every row): keep one per language, options and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale(lang), options)));
  return f;
}

const dateAndTime: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'medium' };

/** Hours and minutes ("14:02"), on the viewer's clock. */
export function formatTime(iso: string, lang: Language): string {
  return formatter(lang, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** A moment in full, to the second ("1 Dec 2026, 14:02:11" / "2026年12月1日 14:02:11"), on the viewer's clock. */
export function formatDateTime(iso: string, lang: Language): string {
  return formatter(lang, dateAndTime).format(new Date(iso));
}

/** A call's start in a table: day, month and time to the second (the year only when it is not this one). */
export function formatCallTime(iso: string, lang: Language, now = new Date()): string {
  const d = new Date(iso);
  const sameYear = d.getFullYear() === now.getFullYear();
  return formatter(lang, {
    ...(sameYear ? {} : { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(d);
}

/** A day on a chart axis ("1 Dec" / "12月1日"). */
export function formatDay(iso: string, lang: Language): string {
  return formatter(lang, { month: 'short', day: 'numeric' }).format(new Date(iso));
}

/** An hour on a chart axis ("1 Dec, 14" / "12月1日 14时"). */
export function formatHour(iso: string, lang: Language): string {
  return formatter(lang, { month: 'short', day: 'numeric', hour: '2-digit' }).format(new Date(iso));
}

/**
 * A calendar day (YYYY-MM-DD) in full ("5 Mar 2025" / "2025年3月5日"), or without its year where the year is
 * plain (`short`: "5 Mar" / "3月5日", a chart's axis): the same day in every zone.
 */
export function formatCalendarDay(day: string, lang: Language, options: { short?: boolean } = {}): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const style: Intl.DateTimeFormatOptions = options.short ? { month: 'short', day: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' };
  return formatter(lang, style).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)));
}

/** A month and its year, as a calendar's title ("December 2026" / "2026年12月"), from any of its ISO days. */
export function formatMonth(day: string, lang: Language): string {
  const m = /^(\d{4})-(\d{2})/.exec(day);
  if (!m) return day;
  return formatter(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 15)));
}

/** A weekday's short name, Sunday = 0 ("Sun" / "周日"). */
export function formatWeekday(day: number, lang: Language): string {
  // 7 January 2024 was a Sunday; noon UTC is the same date in every zone.
  return formatter(lang, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 7 + day, 12)));
}

const counts = new Map<Language, Intl.NumberFormat>();

/** A count with the language's digit grouping ("12,345"). */
export function formatCount(n: number, lang: Language): string {
  let f = counts.get(lang);
  if (!f) counts.set(lang, (f = new Intl.NumberFormat(locale(lang))));
  return f.format(n);
}

/** The UTC offset an ISO time was written with ("+08:00"), "+00:00" for Z, null when it has none. */
export function offsetOf(iso: string): string | null {
  const m = /([+-]\d{2}:\d{2}|Z)$/.exec(iso);
  return m ? (m[1] === 'Z' ? '+00:00' : m[1]!) : null;
}

function offsetMinutes(offset: string): number {
  return (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}

// Intl's format() costs about 9 µs a call in Node 24, and the evidence report writes a time for every call
// (85,000 in a busy month). A recorded time already holds its clock's digits ("2025-03-04T14:02:11…+08:00"):
// the date part goes through Intl once per day and language, the time of day is those digits, joined as Intl
// joins the two — learnt from Intl's own output once per language (and checked: if Intl writes the time any
// other way, every call goes through Intl).
const joiners = new Map<string, string | null>();
function joinerOf(lang: Language, seconds: boolean): string | null {
  const key = `${lang}|${seconds}`;
  let joiner = joiners.get(key);
  if (joiner === undefined) {
    const sample = new Date(Date.UTC(2025, 2, 4, 14, 2, 11));
    const full = formatter(lang, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short', timeZone: 'UTC' }).format(sample);
    const date = formatter(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(sample);
    const time = seconds ? '14:02:11' : '14:02';
    joiner = full.startsWith(date) && full.endsWith(time) ? full.slice(date.length, full.length - time.length) : null;
    joiners.set(key, joiner);
  }
  return joiner;
}
const recordedDays = new Map<string, string>();
const REMEMBERED_DAYS = 5000;
const recordedIso = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}):(\d{2})/;

/**
 * Evidence: the moment as the clock that recorded it showed it, in the person's language, with that clock's
 * zone named — "4 Mar 2025, 14:02:11 UTC+08:00" / "2025年3月4日 14:02:11 UTC+08:00" — whatever zone the
 * reader is in. `zone: false` leaves the zone out where the page states it once (one zone for every call).
 * A time without an offset is shown as written.
 */
export function formatRecordedTime(iso: string, lang: Language, options: { zone?: boolean; seconds?: boolean } = {}): string {
  const offset = offsetOf(iso);
  if (offset === null || Number.isNaN(Date.parse(iso))) return iso;
  const seconds = options.seconds !== false;
  const zone = options.zone === false ? '' : ` UTC${offset}`;
  const m = recordedIso.exec(iso);
  const joiner = joinerOf(lang, seconds);
  if (m && joiner !== null) {
    const dayKey = `${lang}|${m[1]}-${m[2]}-${m[3]}`;
    let day = recordedDays.get(dayKey);
    if (day === undefined) {
      day = formatter(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)));
      if (recordedDays.size >= REMEMBERED_DAYS) recordedDays.delete(recordedDays.keys().next().value!);
      recordedDays.set(dayKey, day);
    }
    return `${day}${joiner}${m[4]}${seconds ? `:${m[5]}` : ''}${zone}`;
  }
  // The wall clock at that offset, formatted as if it were UTC: the same digits the recording clock showed.
  const wall = new Date(Date.parse(iso) + offsetMinutes(offset) * 60_000);
  return `${formatter(lang, { dateStyle: 'medium', timeStyle: seconds ? 'medium' : 'short', timeZone: 'UTC' }).format(wall)}${zone}`;
}

/**
 * Evidence, language-neutral: "2025-03-04 14:02:11" (+ " UTC+08:00" when asked) — the recorded wall clock in
 * ISO order, for texts pasted into forms and SMS (12321, the operator, the police), where it cannot be misread.
 */
export function formatIsoWallClock(iso: string, withOffset = false): string {
  const base = iso.slice(0, 19).replace('T', ' ');
  if (!withOffset) return base;
  const offset = offsetOf(iso);
  return offset ? `${base} UTC${offset}` : base;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ISO 8601 with the local offset ("2025-03-01T14:02:00.000+08:00"), which the API's schemas accept. */
export function toOffsetIso(d: Date): string {
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** YYYY-MM-DD of a local day. */
export function isoDay(d: Date): string {
  return isoDayOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** YYYY-MM-DD from its parts (month 1–12). */
export function isoDayOf(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** A local calendar day (YYYY-MM-DD) as an ISO instant with the local UTC offset: its first moment … */
export function dayStartIso(day: string): string {
  return toOffsetIso(new Date(`${day}T00:00:00`));
}

/** … and its last. */
export function dayEndIso(day: string): string {
  return toOffsetIso(new Date(`${day}T23:59:59.999`));
}
