// Statistics for a time range: calls per hour/day/week split by decision, totals, top callers, distinct numbers
// per day and the incidents in the range. Exact, and read from the running totals (aggregates.ts) wherever
// they answer the question, so a year of a call-bombing campaign costs milliseconds, not a million-row scan.
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import type { Statistics } from '../../shared/api.ts';
import type { Incident } from '../../shared/domain.ts';
import { numberRange } from '../../shared/phone.ts';
import { slotMs } from './aggregates.ts';
import { query } from '../store/index.ts';
import { invalid } from './errors.ts';
import { texts } from './texts.ts';
import { buckets, dayString, isTimeZone, isoInZone, localDayOf, startOfLocalDay, type BucketSize } from './time-zone.ts';

export type StatsQuery = { from: string; to: string; bucket: BucketSize; top?: number; timeZone?: string };

const StatsInput = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  bucket: z.enum(['hour', 'day', 'week']),
  top: z.number().int().min(1).max(100).default(10),
  timeZone: z.string().refine(isTimeZone, 'use an IANA time zone name, e.g. Asia/Shanghai').optional(),
});

type Counts = { allow: number; reject: number; silent: number; answerHangup: number; withheld: number };
const zero = (): Counts => ({ allow: 0, reject: 0, silent: 0, answerHangup: 0, withheld: 0 });

const caller = 'coalesce(normalized, number)';
const blocked = `(action IN ('reject', 'answer-hangup'))`;

/** Calls per bucket: whole quarter hours from the slot totals, the ragged ends of the range from the calls. */
function bucketCounts(db: DatabaseSync, ranges: { start: number; end: number }[]): Counts[] {
  const out = ranges.map(zero);
  const slotRanges: [number, number][] = [];
  const slotRangeBucket: number[] = [];
  const raw: { lo: number; hi: number; i: number }[] = [];
  ranges.forEach((r, i) => {
    const lo = Math.ceil(r.start / slotMs);
    const hi = Math.floor(r.end / slotMs);
    if (lo >= hi) {
      raw.push({ lo: r.start, hi: r.end, i });
      return;
    }
    slotRanges.push([lo, hi]);
    slotRangeBucket.push(i);
    if (r.start < lo * slotMs) raw.push({ lo: r.start, hi: lo * slotMs, i });
    if (hi * slotMs < r.end) raw.push({ lo: hi * slotMs, hi: r.end, i });
  });
  const rows = query<Counts & { i: number }>(
    db,
    `WITH b (i, lo, hi) AS (SELECT key, value ->> 0, value ->> 1 FROM json_each(?))
     SELECT b.i AS i, SUM(s.allow) AS allow, SUM(s.reject) AS reject, SUM(s.silent) AS silent,
       SUM(s.answer_hangup) AS answerHangup, SUM(s.withheld) AS withheld
     FROM b JOIN history_slots s ON s.slot >= b.lo AND s.slot < b.hi GROUP BY b.i`,
  ).all(JSON.stringify(slotRanges));
  for (const r of rows) add(out[slotRangeBucket[r.i]!]!, r);
  const edge = query<Counts>(
    db,
    `SELECT SUM(action = 'allow') AS allow, SUM(action = 'reject') AS reject, SUM(action = 'silent') AS silent,
       SUM(action = 'answer-hangup') AS answerHangup, SUM(presentation = 'withheld') AS withheld
     FROM history_calls WHERE started_ms >= ? AND started_ms < ?`,
  );
  for (const piece of raw) add(out[piece.i]!, edge.one(piece.lo, piece.hi));
  return out;
}

function add(into: Counts, c: Partial<Counts>) {
  into.allow += Number(c.allow ?? 0);
  into.reject += Number(c.reject ?? 0);
  into.silent += Number(c.silent ?? 0);
  into.answerHangup += Number(c.answerHangup ?? 0);
  into.withheld += Number(c.withheld ?? 0);
}

type CallerStats = { id: number; caller: string; calls: number; blocked: number; firstMs: number; lastMs: number };

/** One number's calls in [from, to): counted directly, or as its all-time totals minus the calls outside. */
function callerInRange(db: DatabaseSync, fromMs: number, toMs: number) {
  type Counted = { calls: number; blocked: number; firstMs: number | null; lastMs: number | null };
  const count = query<Counted>(
    db,
    `SELECT COUNT(*) AS calls, coalesce(SUM(${blocked}), 0) AS blocked, MIN(started_ms) AS firstMs, MAX(started_ms) AS lastMs
     FROM history_calls INDEXED BY history_calls_caller WHERE ${caller} = ? AND started_ms >= ? AND started_ms < ?`,
  );
  const firstFrom = query<{ ms: number | null }>(
    db,
    `SELECT MIN(started_ms) AS ms FROM history_calls INDEXED BY history_calls_caller WHERE ${caller} = ? AND started_ms >= ?`,
  );
  const lastBefore = query<{ ms: number | null }>(
    db,
    `SELECT MAX(started_ms) AS ms FROM history_calls INDEXED BY history_calls_caller WHERE ${caller} = ? AND started_ms < ?`,
  );
  return (k: CallerStats): CallerStats => {
    if (k.firstMs >= fromMs && k.lastMs < toMs) return k;
    const overlap = Math.min(k.lastMs + 1, toMs) - Math.max(k.firstMs, fromMs);
    // Mostly inside the range (a year's top caller): count the few calls outside it instead.
    if (overlap > (k.lastMs + 1 - k.firstMs) / 2) {
      const before = k.firstMs < fromMs ? count.one(k.caller, k.firstMs, fromMs) : null;
      const after = k.lastMs >= toMs ? count.one(k.caller, toMs, k.lastMs + 1) : null;
      const calls = k.calls - (before?.calls ?? 0) - (after?.calls ?? 0);
      const firstMs = before?.calls ? firstFrom.one(k.caller, fromMs).ms : k.firstMs;
      const lastMs = after?.calls ? lastBefore.one(k.caller, toMs).ms : k.lastMs;
      return { ...k, calls, blocked: k.blocked - (before?.blocked ?? 0) - (after?.blocked ?? 0), firstMs: firstMs ?? 0, lastMs: lastMs ?? 0 };
    }
    const inside = count.one(k.caller, fromMs, toMs);
    return { ...k, calls: inside.calls, blocked: inside.blocked, firstMs: inside.firstMs ?? 0, lastMs: inside.lastMs ?? 0 };
  };
}

/**
 * The busiest numbers in [from, to). Numbers are visited busiest-ever first; a number's count in the range
 * can only be lower than its count ever, so once the next number's all-time count cannot beat the current
 * top list the answer is final. Small ranges, and ranges where that bound does not settle quickly, are
 * grouped straight from the calls instead.
 */
function topCallers(db: DatabaseSync, fromMs: number, toMs: number, top: number, callsInRange: number): CallerStats[] {
  const direct = (): CallerStats[] =>
    query<CallerStats>(
      db,
      `SELECT k.id AS id, g.caller AS caller, g.calls AS calls, g.blocked AS blocked, g.firstMs AS firstMs, g.lastMs AS lastMs FROM (
         SELECT ${caller} AS caller, COUNT(*) AS calls, SUM(${blocked}) AS blocked, MIN(started_ms) AS firstMs, MAX(started_ms) AS lastMs
         FROM history_calls WHERE started_ms >= ? AND started_ms < ? AND ${caller} IS NOT NULL GROUP BY 1) g
       JOIN history_callers k ON k.caller = g.caller ORDER BY g.calls DESC, k.id DESC LIMIT ?`,
    ).all(fromMs, toMs, top);
  if (callsInRange <= 20_000) return direct();
  const inRange = callerInRange(db, fromMs, toMs);
  const best: CallerStats[] = [];
  let visited = 0;
  const candidates = query<CallerStats>(
    db,
    'SELECT id, caller, calls, blocked, first_ms AS firstMs, last_ms AS lastMs FROM history_callers ORDER BY calls DESC, id DESC',
  );
  for (const row of candidates.iterate()) {
    if (best.length === top && row.calls < best[top - 1]!.calls) break;
    if (++visited > 5_000) return direct();
    const s = inRange(row);
    if (s.calls === 0) continue;
    best.push(s);
    best.sort((a, b) => b.calls - a.calls || b.id - a.id);
    if (best.length > top) best.pop();
  }
  return best;
}

type RangeStats = { prefix: string; region: string | null; count: number; numbers: number; blocked: number };

// Above this many calls in the range the grouping reads the per-number totals instead of the calls (see below).
const rangeScanLimit = 200_000;

/**
 * The busiest number ranges in [from, to): numbers grouped by a short head first (cheap in SQL), the heads
 * then folded into ranges by libphonenumber's country codes. Exact up to 200,000 calls in the range; above
 * that, from the numbers whose every call lies inside the range (a rotating flood's one-off numbers all
 * do), so a year of history costs what its distinct numbers cost, not its calls.
 */
function topRanges(db: DatabaseSync, fromMs: number, toMs: number, top: number, callsInRange: number): RangeStats[] {
  const heads = query<{ head: string; count: number; numbers: number; blocked: number }>(
    db,
    callsInRange <= rangeScanLimit
      ? `SELECT substr(${caller}, 1, 8) AS head, COUNT(*) AS count, COUNT(DISTINCT ${caller}) AS numbers, SUM(${blocked}) AS blocked
         FROM history_calls WHERE started_ms >= ? AND started_ms < ? AND ${caller} IS NOT NULL GROUP BY 1`
      : `SELECT substr(caller, 1, 8) AS head, SUM(calls) AS count, COUNT(*) AS numbers, SUM(blocked) AS blocked
         FROM history_callers WHERE first_ms >= ? AND last_ms < ? GROUP BY 1`,
  ).all(fromMs, toMs);
  const ranges = new Map<string, RangeStats>();
  for (const h of heads) {
    const { prefix, region } = numberRange(h.head);
    const r = ranges.get(prefix) ?? { prefix, region, count: 0, numbers: 0, blocked: 0 };
    r.count += Number(h.count);
    r.numbers += Number(h.numbers);
    r.blocked += Number(h.blocked);
    ranges.set(prefix, r);
  }
  return [...ranges.values()].sort((a, b) => b.count - a.count || b.numbers - a.numbers || a.prefix.localeCompare(b.prefix)).slice(0, top);
}

/**
 * Distinct numbers in [from, to): every number ever seen, less those entirely before or after the range,
 * less those straddling an edge without a call inside. Cheap when few numbers straddle (a year of a
 * year-long history); when many do, the calls in the range are counted directly instead.
 */
function distinctCallers(db: DatabaseSync, fromMs: number, toMs: number, callsInRange: number): number {
  const n = (sql: string, params: number | Record<string, number>) => {
    const statement = query<{ n: number }>(db, sql);
    return Number((typeof params === 'number' ? statement.one(params) : statement.one(params)).n);
  };
  const startedBefore = n('SELECT COUNT(*) AS n FROM history_callers WHERE first_ms < ?', fromMs);
  const activeAfter = n('SELECT COUNT(*) AS n FROM history_callers WHERE last_ms >= ?', toMs);
  if (startedBefore + activeAfter > callsInRange) {
    return n(`SELECT COUNT(DISTINCT ${caller}) AS n FROM history_calls WHERE started_ms >= :from AND started_ms < :to`, { from: fromMs, to: toMs });
  }
  const all = n('SELECT COUNT(*) AS n FROM history_callers', {});
  const before = n('SELECT COUNT(*) AS n FROM history_callers WHERE last_ms < ?', fromMs);
  const after = n('SELECT COUNT(*) AS n FROM history_callers WHERE first_ms >= ?', toMs);
  const silentStraddlers = n(
    `SELECT COUNT(*) AS n FROM history_callers k WHERE k.id IN (
       SELECT id FROM history_callers WHERE first_ms < :from AND last_ms >= :from
       UNION SELECT id FROM history_callers WHERE last_ms >= :to AND first_ms < :to)
     AND NOT EXISTS (SELECT 1 FROM history_calls c INDEXED BY history_calls_caller
       WHERE coalesce(c.normalized, c.number) = +k.caller AND c.started_ms >= :from AND c.started_ms < :to)`,
    { from: fromMs, to: toMs },
  );
  return all - before - after - silentStraddlers;
}

function distinctPerDay(
  db: DatabaseSync,
  zone: string,
  fromMs: number,
  toMs: number,
  days: { start: number; end: number }[],
): { day: string; count: number }[] {
  // history_days counts each call on its own clock's date. That is this zone's date for every call near these
  // days (any call within 14 hours, the widest offset gap) when all of them were recorded in this zone.
  const margin = 14 * 3_600_000;
  const zones = query<{ z: string }>(db, 'SELECT time_zone AS z FROM history_zones WHERE first_ms < ? AND last_ms >= ?').all(toMs + margin, fromMs - margin);
  const sameZone = zones.every((r) => r.z === zone);
  const perDay = query<{ day: number; n: number }>(
    db,
    'SELECT local_day AS day, distinct_callers AS n FROM history_days WHERE local_day >= ? AND local_day <= ?',
  );
  const exact = query<{ n: number }>(db, `SELECT COUNT(DISTINCT ${caller}) AS n FROM history_calls WHERE started_ms >= ? AND started_ms < ?`);
  const firstDay = localDayOf(zone, days[0]?.start ?? fromMs);
  const known = new Map<number, number>();
  if (sameZone && days.length > 0) {
    for (const r of perDay.all(firstDay, firstDay + days.length)) known.set(r.day, r.n);
  }
  return days.map((d, i) => {
    const day = firstDay + i;
    const whole = d.start >= fromMs && d.end <= toMs;
    const count = sameZone && whole ? (known.get(day) ?? 0) : Number(exact.one(Math.max(d.start, fromMs), Math.min(d.end, toMs)).n);
    return { day: dayString(day), count };
  });
}

export function statistics(db: DatabaseSync, input: StatsQuery, incidents: readonly Incident[], defaultZone: string): Statistics {
  const parsed = StatsInput.safeParse(input);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(statistics)'}: ${i.message}`).join('; ');
    throw invalid('invalid-query', texts.invalidStatistics(where));
  }
  const q = parsed.data;
  const zone = q.timeZone ?? defaultZone;
  const fromMs = Date.parse(q.from);
  const toMs = Date.parse(q.to);
  if (fromMs >= toMs) throw invalid('invalid-query', texts.statisticsReversed(q.from, q.to));
  let list;
  let days;
  try {
    list = buckets(zone, fromMs, toMs, q.bucket);
    // Distinct callers are counted per day whatever the bucket: a long range of weeks may still be too many days.
    days = buckets(zone, fromMs, toMs, 'day');
  } catch (error) {
    throw invalid('invalid-query', texts.tooManyBuckets((error as Error).message));
  }
  const counts = bucketCounts(
    db,
    list.map((b) => ({ start: Math.max(b.start, fromMs), end: Math.min(b.end, toMs) })),
  );
  const total = zero();
  for (const c of counts) add(total, c);
  const calls = total.allow + total.reject + total.silent + total.answerHangup;
  // SMS received in the range, counted per chained part (the service replaces this with whole messages
  // and their keyword flags; the history has no keyword lists).
  const sms = query<{ incidentId: number | null; n: number }>(
    db,
    "SELECT incident_id AS incidentId, COUNT(*) AS n FROM history_sms WHERE direction = 'received' AND simulated = 0 AND received_ms >= ? AND received_ms < ? GROUP BY incident_id",
  ).all(fromMs, toMs);
  const messages = {
    received: sms.reduce((a, r) => a + r.n, 0),
    flagged: 0,
    codes: 0,
    perIncident: sms.flatMap((r) => (r.incidentId === null ? [] : [{ incidentId: r.incidentId, received: r.n, flagged: 0 }])),
  };
  return {
    messages,
    from: q.from,
    to: q.to,
    bucket: q.bucket,
    buckets: list.map((b, i) => {
      const c = counts[i]!;
      return { start: isoInZone(zone, b.start), allow: c.allow, reject: c.reject, silent: c.silent, answerHangup: c.answerHangup };
    }),
    totals: {
      calls,
      blocked: total.reject + total.answerHangup,
      distinctNumbers: distinctCallers(db, fromMs, toMs, calls),
      withheldShare: calls === 0 ? 0 : total.withheld / calls,
      ...gateCounts(db, fromMs, toMs),
    },
    topCallers: topCallers(db, fromMs, toMs, q.top, calls).map((t) => ({
      number: t.caller,
      count: t.calls,
      blocked: t.blocked,
      firstSeen: isoInZone(zone, t.firstMs, true),
      lastSeen: isoInZone(zone, t.lastMs, true),
    })),
    topRanges: topRanges(db, fromMs, toMs, q.top, calls),
    distinctPerDay: distinctPerDay(db, zone, fromMs, toMs, days),
    incidents: incidents
      .filter((i) => Date.parse(i.startedAt) < toMs && (i.endedAt === null || Date.parse(i.endedAt) >= fromMs))
      .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt)),
  };
}

/** The pass gate's verdicts in [from, to), from the (outcome, started_ms) index: a range scan per outcome. */
function gateCounts(db: DatabaseSync, fromMs: number, toMs: number): { stoppedByGate: number; passedGate: number } {
  const count = query<{ n: number }>(db, 'SELECT count(*) AS n FROM history_calls WHERE outcome = ? AND started_ms >= ? AND started_ms < ?');
  const n = (outcome: string) => Number(count.one(outcome, fromMs, toMs).n);
  return { stoppedByGate: n('gate-failed') + n('gate-withheld'), passedGate: n('gate-passed') };
}

/** Today's calls and blocked calls in `zone`, for the status line: a day is whole quarter hours, so slots suffice. */
export function todayCounts(db: DatabaseSync, now: Date, zone: string): { calls: number; blocked: number } {
  const day = localDayOf(zone, now.getTime());
  const row = query<{ calls: number; blocked: number }>(
    db,
    `SELECT coalesce(SUM(allow + reject + silent + answer_hangup), 0) AS calls, coalesce(SUM(reject + answer_hangup), 0) AS blocked
     FROM history_slots WHERE slot >= ? AND slot < ?`,
  ).one(Math.floor(startOfLocalDay(zone, day) / slotMs), Math.floor(startOfLocalDay(zone, day + 1) / slotMs));
  return { calls: Number(row.calls), blocked: Number(row.blocked) };
}
