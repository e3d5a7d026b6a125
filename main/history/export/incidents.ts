// An incident as the evidence tells it: the shield's chained start and end, and every figure counted from the
// chained call records of the flood — from the shield's window before it engaged (the callers who rang before
// it, and made it engage) to its end. Trusted callers, the user's own numbers, numbers the user excluded and
// simulated calls are not part of a flood and are left out (and said to be).
import { callColumns, rowToCall, type Row } from '../columns.ts';
import { tupleQuery } from '../../store/index.ts';
import { inOffsetOf } from './format.ts';
import { isVirtualOperatorRange, placeOf } from './regions.ts';
import type { Snapshot } from './snapshot.ts';
import type { Language } from '../../../shared/domain.ts';

export type IncidentSpan = { id: number; startedAt: string; endedAt: string | null; trigger: string };

export type IncidentFigures = IncidentSpan & {
  firstCall: string | null;
  lastCall: string | null;
  calls: number;
  /** Calls in the shield's window before it engaged: they rang (or were blocked by a rule) before the shield. */
  beforeShield: { calls: number; rang: number; rejected: number };
  rejected: number;
  rang: number;
  distinctNumbers: number;
  withheld: number;
  withheldShare: number;
  topPrefixes: { prefix: string; calls: number; share: number; virtual: boolean }[];
  places: { place: string | null; carrier: string | null; calls: number; share: number }[];
  /** Every number of the flood, busiest first. */
  numbers: { number: string; calls: number }[];
  leftOut: { trusted: number; simulated: number; excluded: number };
};

const rejectedActions = new Set(['reject', 'answer-hangup']);

export function incidentFigures(
  snapshot: Snapshot,
  incidents: readonly IncidentSpan[],
  options: { windowMinutes: number; leaveOut: (number: string | null) => boolean; language: Language; until: string | null },
): IncidentFigures[] {
  const select = tupleQuery<Row>(
    snapshot.db,
    `SELECT ${callColumns} FROM history_calls c ${snapshot.where.sql ? `${snapshot.where.sql} AND` : 'WHERE'} c.started_ms >= ? AND c.started_ms <= ? ORDER BY c.started_ms, c.id`,
  );
  return incidents.map((i) => {
    const on = Date.parse(i.startedAt);
    const off = i.endedAt ? Date.parse(i.endedAt) : options.until ? Date.parse(options.until) : Number.MAX_SAFE_INTEGER;
    const f: IncidentFigures = {
      ...i,
      firstCall: null,
      lastCall: null,
      calls: 0,
      beforeShield: { calls: 0, rang: 0, rejected: 0 },
      rejected: 0,
      rang: 0,
      distinctNumbers: 0,
      withheld: 0,
      withheldShare: 0,
      topPrefixes: [],
      places: [],
      numbers: [],
      leftOut: { trusted: 0, simulated: 0, excluded: 0 },
    };
    const perNumber = new Map<string, number>();
    for (const row of select.all(...snapshot.where.params, on - options.windowMinutes * 60_000, off)) {
      const c = rowToCall(row, snapshot.decisions);
      const number = c.normalized ?? c.number;
      if (c.simulated) {
        f.leftOut.simulated++;
        continue;
      }
      if (c.decision.reason === 'trusted') {
        f.leftOut.trusted++;
        continue;
      }
      if (options.leaveOut(number)) {
        f.leftOut.excluded++;
        continue;
      }
      f.calls++;
      f.firstCall ??= c.startedAt;
      f.lastCall = c.startedAt;
      const rejected = rejectedActions.has(c.decision.action);
      if (rejected) f.rejected++;
      else f.rang++;
      // The call that engaged the shield starts within the millisecond the incident does: it counts before.
      if (c.startedMs <= on) {
        f.beforeShield.calls++;
        if (rejected) f.beforeShield.rejected++;
        else f.beforeShield.rang++;
      }
      if (c.presentation === 'withheld') f.withheld++;
      if (number !== null) perNumber.set(number, (perNumber.get(number) ?? 0) + 1);
    }
    f.withheldShare = f.calls ? f.withheld / f.calls : 0;
    // The shield's times in the offset the calls were written with (the screening engine keeps them in UTC).
    if (f.firstCall) {
      f.startedAt = inOffsetOf(f.startedAt, f.firstCall);
      if (f.endedAt) f.endedAt = inOffsetOf(f.endedAt, f.firstCall);
    }
    f.numbers = [...perNumber].map(([number, calls]) => ({ number, calls })).sort((a, b) => b.calls - a.calls || a.number.localeCompare(b.number));
    f.distinctNumbers = f.numbers.length;
    const numbered = f.numbers.reduce((s, n) => s + n.calls, 0);
    f.topPrefixes = top(f.numbers, (n) => prefixOf(n.number), numbered, 5).map((p) => ({
      ...p,
      prefix: p.key,
      virtual: isVirtualOperatorRange(`+86${p.key}`) && p.key.length === 3,
    }));
    f.places = topPlaces(f.numbers, numbered, options.language);
    return f;
  });
}

/** The range a number belongs to: for a Chinese mobile its first three digits (170), else its country code and first digits. */
export function prefixOf(e164: string): string {
  const cn = /^\+86(1\d{2})\d{8}$/.exec(e164);
  if (cn) return cn[1]!;
  const other = /^\+86(\d{2,3})/.exec(e164);
  if (other) return `0${other[1]}`;
  return e164.slice(0, 5);
}

function top<T extends { calls: number }>(items: T[], keyOf: (item: T) => string, total: number, limit: number) {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + item.calls);
  return [...counts]
    .map(([key, calls]) => ({ key, calls, share: total ? calls / total : 0 }))
    .sort((a, b) => b.calls - a.calls || a.key.localeCompare(b.key))
    .slice(0, limit);
}

function topPlaces(numbers: { number: string; calls: number }[], total: number, language: Language) {
  const counts = new Map<string, { place: string | null; carrier: string | null; calls: number }>();
  for (const n of numbers) {
    if (!n.number.startsWith('+')) continue;
    const p = placeOf(n.number, language);
    const key = `${p.place ?? ''}|${p.carrier ?? ''}`;
    const c = counts.get(key) ?? { ...p, calls: 0 };
    c.calls += n.calls;
    counts.set(key, c);
  }
  return [...counts.values()]
    .map((c) => ({ ...c, share: total ? c.calls / total : 0 }))
    .sort((a, b) => b.calls - a.calls)
    .slice(0, 5);
}
