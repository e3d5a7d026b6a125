// Calendar arithmetic in a named IANA time zone, for buckets and "today". Pure: the zone and instants come in
// as arguments. Intl is the source of offsets (no hand-written tz database); the formatters are cached
// because statistics ask for hundreds of offsets.
import { dayMs } from './aggregates.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

export const systemTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

function exactOffset(zone: string, ms: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

// Offsets at each UTC midnight, remembered per zone. No zone changes its offset twice within a day, so when
// two consecutive midnights agree the whole day between them has that offset: a year of statistics costs
// about 366 Intl calls once, instead of thousands each time (each is tens of microseconds).
const midnights = new Map<string, Map<number, number>>();

function midnightOffset(zone: string, day: number): number {
  let perZone = midnights.get(zone);
  if (!perZone) midnights.set(zone, (perZone = new Map()));
  let offset = perZone.get(day);
  if (offset === undefined) {
    offset = exactOffset(zone, day * dayMs);
    if (perZone.size > 100_000) perZone.clear();
    perZone.set(day, offset);
  }
  return offset;
}

/** Minutes east of UTC in `zone` at instant `ms`. */
export function offsetMinutes(zone: string, ms: number): number {
  const day = Math.floor(ms / dayMs);
  const atStart = midnightOffset(zone, day);
  return atStart === midnightOffset(zone, day + 1) ? atStart : exactOffset(zone, ms);
}

/** Days since 1970-01-01 of the calendar date at `ms` in `zone`. */
export function localDayOf(zone: string, ms: number): number {
  return Math.floor((ms + offsetMinutes(zone, ms) * 60_000) / dayMs);
}

/** Days since 1970-01-01 of an ISO timestamp's own calendar date ("2025-03-04T23:10:00+08:00" → 4 March). */
export function localDayOfIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / dayMs;
}

/** The instant local day `day` begins in `zone`. */
export function startOfLocalDay(zone: string, day: number): number {
  const midnightUtc = day * dayMs;
  const guess = midnightUtc - offsetMinutes(zone, midnightUtc) * 60_000;
  return midnightUtc - offsetMinutes(zone, guess) * 60_000;
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** "2025-03-04T14:02:00+08:00" (with ".123" when asked): the local wall-clock time at `ms` in `zone`, with its offset. */
export function isoInZone(zone: string, ms: number, withMs = false): string {
  const off = offsetMinutes(zone, ms);
  const local = new Date(ms + off * 60_000);
  const sign = off >= 0 ? '+' : '-';
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${withMs ? `.${pad(local.getUTCMilliseconds(), 3)}` : ''}${sign}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`
  );
}

/** "2025-03-04" for a local day number. */
export function dayString(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

export type Bucket = { start: number; end: number };
export type BucketSize = 'hour' | 'day' | 'week';

export const maxBuckets = 20_000;

/**
 * Consecutive buckets covering [fromMs, toMs): local hours, local days, or weeks starting on Monday (the
 * Chinese and ISO convention). The first bucket may start before fromMs; callers clip.
 */
export function buckets(zone: string, fromMs: number, toMs: number, size: BucketSize): Bucket[] {
  const out: Bucket[] = [];
  if (toMs <= fromMs) return out;
  const push = (start: number, end: number) => {
    if (out.length >= maxBuckets) {
      throw new RangeError(`more than ${maxBuckets} ${size} buckets: choose a shorter range or a larger bucket`);
    }
    out.push({ start, end });
  };
  if (size === 'hour') {
    // Local hours: floor in local time, then step an hour of real time (true for every zone whose DST shift is
    // a whole hour, i.e. all but Lord Howe Island).
    const off = offsetMinutes(zone, fromMs) * 60_000;
    let start = Math.floor((fromMs + off) / 3_600_000) * 3_600_000 - off;
    while (start < toMs) {
      push(start, start + 3_600_000);
      start += 3_600_000;
    }
    return out;
  }
  const step = size === 'day' ? 1 : 7;
  let day = localDayOf(zone, fromMs);
  // Day 0 (1 January 1970) was a Thursday, so (day + 3) % 7 is 0 on Mondays.
  if (size === 'week') day -= (((day + 3) % 7) + 7) % 7;
  let start = startOfLocalDay(zone, day);
  while (start < toMs) {
    const end = startOfLocalDay(zone, day + step);
    push(start, end);
    day += step;
    start = end;
  }
  return out;
}

/**
 * A time the user gave, as an ISO time: "2026-12-01" (a date) means the start of that local day in `zone`
 * for `from`, and the end of it (the start of the next day, since `to` is exclusive) for `to`; anything else
 * is returned as it is, for the caller's own check.
 */
export function resolveTime(value: string, edge: 'from' | 'to', zone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return value;
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / dayMs;
  if (!Number.isFinite(day) || dayString(day) !== value.trim()) return value;
  return isoInZone(zone, startOfLocalDay(zone, edge === 'from' ? day : day + 1));
}

/** The from/to of a question, dates resolved (see resolveTime). */
export function resolveRange<T extends { from?: string | undefined; to?: string | undefined }>(q: T, zone: string): T {
  return {
    ...q,
    ...(q.from !== undefined ? { from: resolveTime(q.from, 'from', zone) } : {}),
    ...(q.to !== undefined ? { to: resolveTime(q.to, 'to', zone) } : {}),
  };
}
