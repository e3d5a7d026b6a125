import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Action, CallRecord, Incident } from '../../../shared/domain.ts';
import type { History } from '../../../main/history/index.ts';
import { buckets, offsetMinutes, startOfLocalDay, localDayOf } from '../../../main/history/time-zone.ts';
import { day, hour, isoAt, makeCall } from './support.ts';
import { openTestHistory } from './support.ts';

// Two months of calls recorded in London, across the spring DST change (30 March 2025): enough calls
// (over 20,000) that statistics take their fast paths, and an exact answer to compare with.
const zone = 'Europe/London';
const start = Date.parse('2025-03-01T00:00:00Z');
const span = 60 * day;
let history: History;
let all: CallRecord[];

beforeAll(() => {
  ({ history } = openTestHistory({ timeZone: zone }));
  let seed = 11;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const actions: Action[] = ['reject', 'reject', 'reject', 'allow', 'silent', 'answer-hangup'];
  const calls = [];
  for (let i = 0; i < 24_000; i++) {
    const at = start + Math.floor(rnd() * span);
    const r = rnd();
    // A few numbers call thousands of times (the campaign), most numbers once or twice.
    const number = r < 0.06 ? null : r < 0.4 ? `1700000000${Math.floor(rnd() * 8)}` : `139${String(Math.floor(rnd() * 4000)).padStart(8, '0')}`;
    calls.push(
      makeCall(at, {
        offsetMinutes: offsetMinutes(zone, at),
        timeZone: zone,
        presentation: number === null ? (rnd() < 0.7 ? 'withheld' : 'none') : 'allowed',
        number: number ?? undefined,
        action: actions[Math.floor(rnd() * actions.length)]!,
        // Some answered-and-hung-up calls were the pass gate's, with its verdicts.
        ...(rnd() < 0.1
          ? { action: 'answer-hangup' as const, outcome: (['gate-passed', 'gate-failed', 'gate-withheld'] as const)[Math.floor(rnd() * 3)]! }
          : {}),
      }),
    );
  }
  calls.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  for (let i = 0; i < calls.length; i += 5000) history.recordBatch(calls.slice(i, i + 5000));
  all = [];
  let cursor: string | null = null;
  do {
    const page: { calls: CallRecord[]; nextCursor: string | null } = history.query({ limit: 1000, order: 'oldest', cursor });
    all.push(...page.calls);
    cursor = page.nextCursor;
  } while (cursor);
  starts = all.map((c) => Date.parse(c.startedAt));
}, 60_000);

const blocked = (a: Action) => a === 'reject' || a === 'answer-hangup';
const callerOf = (c: CallRecord) => c.normalized ?? c.number;

let starts: number[] = [];

/** First index whose start is at or after ms (all is oldest first). */
function lowerBound(ms: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const inRange = (fromMs: number, toMs: number) => all.slice(lowerBound(fromMs), lowerBound(toMs));

describe('statistics', () => {
  it('match a count of the calls themselves for any range, bucket and time zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -2 * day, max: span }),
        fc.integer({ min: 1, max: span + 2 * day }),
        fc.constantFrom<'hour' | 'day' | 'week'>('day', 'week', 'hour'),
        fc.constantFrom(zone, 'Asia/Shanghai', 'UTC', 'Asia/Kolkata'),
        fc.integer({ min: 1, max: 12 }),
        (offset, length, bucket, tz, top) => {
          if (bucket === 'hour' && length > 10 * day) return;
          const fromMs = start + offset;
          const toMs = fromMs + length;
          const s = history.statistics({ from: isoAt(fromMs, 0), to: isoAt(toMs, 60), bucket, top, timeZone: tz }, []);
          const calls = inRange(fromMs, toMs);

          const expectedBuckets = buckets(tz, fromMs, toMs, bucket).map((b) => {
            const inside = inRange(Math.max(b.start, fromMs), Math.min(b.end, toMs));
            const n = (a: Action) => inside.filter((c) => c.decision.action === a).length;
            return { allow: n('allow'), reject: n('reject'), silent: n('silent'), answerHangup: n('answer-hangup') };
          });
          expect(s.buckets.map(({ start: _s, ...counts }) => counts)).toEqual(expectedBuckets);

          const callers = new Map<string, CallRecord[]>();
          for (const c of calls) {
            const k = callerOf(c);
            if (k === null) continue;
            const list = callers.get(k);
            if (list) list.push(c);
            else callers.set(k, [c]);
          }
          expect(s.totals).toEqual({
            calls: calls.length,
            blocked: calls.filter((c) => blocked(c.decision.action)).length,
            distinctNumbers: callers.size,
            withheldShare: calls.length ? calls.filter((c) => c.presentation === 'withheld').length / calls.length : 0,
            stoppedByGate: calls.filter((c) => c.outcome === 'gate-failed' || c.outcome === 'gate-withheld').length,
            passedGate: calls.filter((c) => c.outcome === 'gate-passed').length,
          });

          // Top callers: the right counts, and nobody left out who called more than the last one listed.
          const ranked = [...callers.values()].map((cs) => cs.length).sort((a, b) => b - a);
          expect(s.topCallers.map((t) => t.count)).toEqual(ranked.slice(0, top));
          for (const t of s.topCallers) {
            const cs = callers.get(t.number)!;
            expect(t.blocked).toBe(cs.filter((c) => blocked(c.decision.action)).length);
            expect(Date.parse(t.firstSeen)).toBe(Date.parse(cs[0]!.startedAt));
            expect(Date.parse(t.lastSeen)).toBe(Date.parse(cs.at(-1)!.startedAt));
          }

          const days = buckets(tz, fromMs, toMs, 'day');
          expect(s.distinctPerDay.map((d) => d.count)).toEqual(
            days.map((d) => {
              const lo = Math.max(d.start, fromMs);
              const hi = Math.min(d.end, toMs);
              return new Set(
                inRange(lo, hi)
                  .map(callerOf)
                  .filter((k) => k !== null),
              ).size;
            }),
          );
        },
      ),
      {
        numRuns: 60,
        // Over 20,000 calls in range: top callers come from the all-time totals, with and without edges to check.
        examples: [
          [0, span, 'week', zone, 10],
          [2 * day + 1234, 56 * day, 'day', 'Asia/Shanghai', 5],
        ],
      },
    );
  }, 60_000);

  it('starts each day at local midnight across the change to summer time', () => {
    const s = history.statistics({ from: '2025-03-29T00:00:00Z', to: '2025-04-01T00:00:00+01:00', bucket: 'day' }, []);
    expect(s.buckets.map((b) => b.start)).toEqual(['2025-03-29T00:00:00+00:00', '2025-03-30T00:00:00+00:00', '2025-03-31T00:00:00+01:00']);
    const sunday = startOfLocalDay(zone, localDayOf(zone, Date.parse('2025-03-30T12:00:00Z')));
    expect(startOfLocalDay(zone, localDayOf(zone, sunday) + 1) - sunday).toBe(23 * hour);
    expect(s.distinctPerDay.map((d) => d.day)).toEqual(['2025-03-29', '2025-03-30', '2025-03-31']);
  });

  it('starts weeks on Monday', () => {
    const s = history.statistics({ from: '2025-03-05T00:00:00Z', to: '2025-03-20T00:00:00Z', bucket: 'week' }, []);
    expect(s.buckets.map((b) => b.start)).toEqual(['2025-03-03T00:00:00+00:00', '2025-03-10T00:00:00+00:00', '2025-03-17T00:00:00+00:00']);
  });

  it('lists the incidents that overlap the range, oldest first', () => {
    const incident = (id: number, startedAt: string, endedAt: string | null): Incident => ({
      id,
      startedAt,
      endedAt,
      trigger: 'calls',
      cause: { en: '5 calls from 5 unknown numbers within 4 minutes', zh: '4 分钟内 5 个陌生号码来电 5 次' },
      callsRejected: 40,
      distinctNumbers: 35,
      withheldShare: 0.2,
    });
    const incidents = [
      incident(3, '2025-03-10T10:00:00Z', null),
      incident(1, '2025-02-01T10:00:00Z', '2025-02-01T11:00:00Z'),
      incident(2, '2025-03-02T23:30:00Z', '2025-03-03T01:00:00Z'),
    ];
    const s = history.statistics({ from: '2025-03-03T00:00:00Z', to: '2025-03-20T00:00:00Z', bucket: 'day' }, incidents);
    expect(s.incidents.map((i) => i.id)).toEqual([2, 3]);
  });

  it('counts today in the local time zone', () => {
    const noon = Date.parse('2025-04-15T12:00:00+01:00');
    const today = inRange(Date.parse('2025-04-15T00:00:00+01:00'), Date.parse('2025-04-16T00:00:00+01:00'));
    expect(history.todayCounts(new Date(noon))).toEqual({ calls: today.length, blocked: today.filter((c) => blocked(c.decision.action)).length });
  });

  it('explains a bad request', () => {
    expect(() => history.statistics({ from: '2025-03-02T00:00:00Z', to: '2025-03-01T00:00:00Z', bucket: 'day' }, [])).toThrow(/ends .* before it starts/);
    expect(() => history.statistics({ from: '2020-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z', bucket: 'hour' }, [])).toThrow(/more than 20000 hour buckets/);
    // Weeks over a century are few buckets but too many days to count callers per day: a 400, not a 500.
    expect(() => history.statistics({ from: '1990-01-01T00:00:00Z', to: '2099-12-31T00:00:00Z', bucket: 'week' }, [])).toThrow(
      expect.objectContaining({ code: 'invalid-query', status: 400, message: expect.stringMatching(/more than 20000 day buckets/) }),
    );
    expect(() => history.statistics({ from: '2025-03-01T00:00:00Z', to: '2025-03-02T00:00:00Z', bucket: 'day', timeZone: 'Nowhere/City' }, [])).toThrow(/IANA/);
  });
});
