// Small formatting rules shared by the report and the complaint texts.
import type { Language } from '../../../shared/domain.ts';
import { isolateBidi } from '../../../shared/line-text.ts';
import { formatIsoWallClock, locale } from '../../../shared/datetime.ts';

/**
 * "2025-03-04T14:02:11.123+08:00" → "2025-03-04 14:02:11" (+ " UTC+08:00" when asked): the time the person saw,
 * in ISO order, for the ready-to-file texts (complaint.ts, filing.ts). The one date/time formatter is
 * shared/datetime.ts; the report's own times use its formatRecordedTime (the person's language).
 */
export const localTime = formatIsoWallClock;

/** The instant `iso` as ISO 8601 in the UTC offset another time was written with: incidents shown in the calls' own offset. */
export function inOffsetOf(iso: string, like: string): string {
  const offset = offsetOf(like);
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const minutes = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(ms + minutes * 60_000).toISOString().slice(0, 23)}${offset === 'Z' ? 'Z' : offset}`;
}

/** The UTC offset an ISO time was written with ("+08:00"), or "Z". */
export function offsetOf(iso: string): string {
  return /([+-]\d{2}:\d{2}|Z)$/.exec(iso)?.[1] ?? 'Z';
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Everything that reaches the report from a call (names, modem lines) came from the caller: always escape. */
/**
 * Every dynamic string of the report goes through here. Caller names and presented numbers are the caller's
 * text: one holding bidi controls (U+202E…) is wrapped in an isolate first, so it cannot reverse the text
 * around it in the report or its PDF. Our own sentences hold none and come out unchanged.
 */
export function escapeHtml(value: unknown): string {
  return isolateBidi(String(value ?? '')).replace(/[&<>"']/g, (ch) => entities[ch]!);
}

export function percent(share: number, language: Language): string {
  return `${(share * 100).toLocaleString(locale(language), { maximumFractionDigits: 1 })}%`;
}
