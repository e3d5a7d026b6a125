// The figures of the evidence report, gathered in one pass over the snapshot before anything is written.
// Memory stays bounded: per day (one entry a day) and per reported number (at most the top numbers or the
// numbers asked for), never per call.
import type { Action } from '../../../shared/domain.ts';
import type { NumberSummary } from '../complaint.ts';
import { dayString, localDayOfIso } from '../time-zone.ts';
import { offsetOf } from './format.ts';
import type { Snapshot } from './snapshot.ts';
import { query } from '../../store/index.ts';

export type DayCount = { day: string; calls: number; blocked: number };

export type ReportData = {
  calls: number;
  blocked: number;
  byAction: Record<Action, number>;
  withheld: number;
  noNumber: number;
  distinctNumbers: number;
  firstCall: string | null;
  lastCall: string | null;
  days: DayCount[];
  daysWithCalls: number;
  busiest: DayCount | null;
  /** The reported numbers, busiest first; the calls without a number come last, as number null. */
  numbers: NumberSummary[];
  lineIds: string[];
  /** Calls from the simulator (the demo line): counted here, marked in the list, never in incidents or complaints. */
  simulated: number;
  timeZones: string[];
  /** More than one UTC offset among the calls (DST, travel): times then show their offset. */
  mixedOffsets: boolean;
  /** The one UTC offset every call was recorded in ("+08:00"), named once in the table heads; null when mixed or none. */
  offset: string | null;
};

const noActions = (): Record<Action, number> => ({ reject: 0, 'answer-hangup': 0, silent: 0, allow: 0 });

/** A number's figures so far; per-day counts are kept per number, at most one entry per day of the period. */
type Tally = NumberSummary & { perDay: Map<number, number> };

const tally = (number: string | null, startedAt: string): Tally => ({
  number,
  firstSeen: startedAt,
  lastSeen: startedAt,
  calls: 0,
  blocked: 0,
  rings: 0,
  oneRing: 0,
  days: 0,
  maxPerDay: 0,
  byAction: noActions(),
  perDay: new Map(),
});

/**
 * Which numbers get their own row: the ones asked for; else every number with three or more calls in the
 * period or a call during a flood incident (busiest first, at most `limit`) — callers that rang before the
 * shield engaged included. Never a trusted number (any call it made was let through as trusted), never the
 * user's own or excluded numbers, never a simulated call.
 */
function chooseNumbers(snapshot: Snapshot, limit: number, incidentNumbers: ReadonlySet<string>, leaveOut: (n: string) => boolean): string[] {
  if (snapshot.matched.length > 0) return [...new Set(snapshot.matched.flatMap((m) => m.callers))].filter((n) => !leaveOut(n));
  const caller = 'coalesce(c.normalized, c.number)';
  const rows = query<{ caller: string; trusted: number }>(
    snapshot.db,
    `SELECT ${caller} AS caller, COUNT(*) AS n, SUM(d.reason = 'trusted') AS trusted FROM history_calls c JOIN history_decisions d ON d.id = c.decision_id
       ${snapshot.where.sql ? `${snapshot.where.sql} AND` : 'WHERE'} ${caller} IS NOT NULL AND c.simulated = 0
       GROUP BY 1 HAVING COUNT(*) >= 3 OR ${caller} IN (SELECT value FROM json_each(?)) ORDER BY n DESC, caller`,
  ).all(...snapshot.where.params, JSON.stringify([...incidentNumbers]));
  return rows
    .filter((r) => r.trusted === 0 && !leaveOut(r.caller))
    .slice(0, limit)
    .map((r) => r.caller);
}

export function collectReportData(
  snapshot: Snapshot,
  range: { from?: string; to?: string },
  onRow: (done: number) => void,
  options: { incidentNumbers?: ReadonlySet<string>; leaveOut?: (n: string) => boolean; numberLimit?: number } = {},
): ReportData {
  const incidentNumbers = options.incidentNumbers ?? new Set<string>();
  const leaveOut = options.leaveOut ?? (() => false);
  const chosen = new Map<string, Tally>(
    chooseNumbers(snapshot, options.numberLimit ?? 50, incidentNumbers, leaveOut).map((n) => [n, { ...tally(n, ''), inIncident: incidentNumbers.has(n) }]),
  );
  let simulated = 0;
  let withheldTally: Tally | null = null;
  const perDay = new Map<number, DayCount>();
  const byAction = noActions();
  const zones = new Set<string>();
  const offsets = new Set<string>();
  let calls = 0;
  let withheld = 0;
  let noNumber = 0;
  let firstCall: string | null = null;
  let lastCall: string | null = null;

  for (const c of snapshot.calls()) {
    calls++;
    const action = c.decision.action;
    const isBlocked = action === 'reject' || action === 'answer-hangup';
    byAction[action]++;
    if (c.presentation === 'withheld') withheld++;
    else if (c.presentation !== 'allowed') noNumber++;
    // Chain order is oldest first but for a call a line reported late: compare instead of assuming.
    const ms = Date.parse(c.startedAt);
    if (firstCall === null || ms < Date.parse(firstCall)) firstCall = c.startedAt;
    if (lastCall === null || ms > Date.parse(lastCall)) lastCall = c.startedAt;
    zones.add(c.timeZone);
    offsets.add(offsetOf(c.startedAt));
    const day = localDayOfIso(c.startedAt);
    const d = perDay.get(day) ?? { day: dayString(day), calls: 0, blocked: 0 };
    d.calls++;
    if (isBlocked) d.blocked++;
    perDay.set(day, d);

    const key = c.normalized ?? c.number;
    let t: Tally | undefined;
    if (c.simulated) simulated++;
    else if (key === null) t = withheldTally ??= tally(null, c.startedAt);
    else t = chosen.get(key);
    if (t) {
      if (t.calls === 0 || ms < Date.parse(t.firstSeen)) t.firstSeen = c.startedAt;
      if (t.calls === 0 || ms > Date.parse(t.lastSeen)) t.lastSeen = c.startedAt;
      t.calls++;
      if (isBlocked) t.blocked++;
      t.rings += c.rings;
      if (c.oneRing) t.oneRing++;
      t.byAction[action]++;
      const onDay = (t.perDay.get(day) ?? 0) + 1;
      t.perDay.set(day, onDay);
      t.days = t.perDay.size;
      t.maxPerDay = Math.max(t.maxPerDay, onDay);
    }
    onRow(calls);
  }

  const numbers = [...chosen.values()].filter((t) => t.calls > 0).sort((a, b) => b.calls - a.calls);
  if (withheldTally) numbers.push(withheldTally);
  const days = fillDays(perDay, range, firstCall, lastCall);
  const busiest = [...perDay.values()].reduce<DayCount | null>((best, d) => (!best || d.calls > best.calls ? d : best), null);
  const distinct = query<{ n: number }>(
    snapshot.db,
    `SELECT COUNT(DISTINCT coalesce(c.normalized, c.number)) AS n FROM history_calls c ${snapshot.where.sql}`,
  ).one(...snapshot.where.params);
  const lines = query<{ id: string }>(snapshot.db, `SELECT DISTINCT c.line_id AS id FROM history_calls c ${snapshot.where.sql} ORDER BY 1`).all(
    ...snapshot.where.params,
  );
  return {
    calls,
    blocked: byAction.reject + byAction['answer-hangup'],
    byAction,
    withheld,
    noNumber,
    distinctNumbers: Number(distinct.n),
    firstCall,
    lastCall,
    days,
    daysWithCalls: perDay.size,
    busiest,
    numbers: numbers.map(({ perDay: _days, ...summary }) => summary),
    lineIds: lines.map((l) => l.id),
    simulated,
    timeZones: [...zones].sort(),
    mixedOffsets: offsets.size > 1,
    offset: offsets.size === 1 ? [...offsets][0]!.replace(/^Z$/, '+00:00') : null,
  };
}

const maxChartDays = 4_000;

/** Every day of the period, zeros included, so the chart shows the quiet days between the storms. */
function fillDays(perDay: Map<number, DayCount>, range: { from?: string; to?: string }, firstCall: string | null, lastCall: string | null): DayCount[] {
  const bounds: number[] = [];
  if (range.from) bounds.push(localDayOfIso(range.from));
  else if (firstCall) bounds.push(localDayOfIso(firstCall));
  if (range.to) {
    // A range ending at midnight does not include that day.
    const endsAtMidnight = /T00:00(:00(\.0+)?)?/.test(range.to);
    bounds.push(localDayOfIso(range.to) - (endsAtMidnight ? 1 : 0));
  } else if (lastCall) bounds.push(localDayOfIso(lastCall));
  if (bounds.length < 2) return [...perDay.values()];
  let [start, end] = bounds as [number, number];
  if (end - start > maxChartDays && firstCall && lastCall) {
    start = localDayOfIso(firstCall);
    end = localDayOfIso(lastCall);
  }
  const out: DayCount[] = [];
  for (let d = start; d <= end && out.length < maxChartDays; d++) out.push(perDay.get(d) ?? { day: dayString(d), calls: 0, blocked: 0 });
  return out;
}
