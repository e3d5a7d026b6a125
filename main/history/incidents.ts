// The shield's incidents in the chain: when the shield engaged (and why) and when it ended are chained
// events; everything else the evidence says about an incident — calls, numbers, withheld share, who rang
// before the shield — is counted from the chained call records (export/incidents.ts). The screening engine
// keeps its own incident rows for the live shield; `verify` checks that they agree with the chain.
import type { DatabaseSync } from 'node:sqlite';
import type { Incident } from '../../shared/domain.ts';
import { listEvents, type ChainEvent } from './events.ts';
import { query } from '../store/index.ts';

/** An incident as the chain knows it. */
export type ChainedIncident = { id: number; startedAt: string; endedAt: string | null; trigger: string; engagedEntry: number; endedEntry: number | null };

export function chainedIncidents(db: DatabaseSync): ChainedIncident[] {
  const byId = new Map<number, ChainedIncident>();
  for (const e of listEvents(db)) {
    if (e.kind !== 'shield-engaged' && e.kind !== 'shield-ended') continue;
    let body: { incident?: unknown; trigger?: unknown };
    try {
      body = JSON.parse(e.body) as typeof body;
    } catch {
      continue;
    }
    const id = Number(body.incident);
    if (!Number.isSafeInteger(id)) continue;
    if (e.kind === 'shield-engaged') byId.set(id, { id, startedAt: e.at, endedAt: null, trigger: String(body.trigger), engagedEntry: e.id, endedEntry: null });
    else {
      const i = byId.get(id);
      if (i) byId.set(id, { ...i, endedAt: e.at, endedEntry: e.id });
    }
  }
  return [...byId.values()].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.id - b.id);
}

/** The events still missing from the chain for these incidents (the service records them as they happen). */
export function missingIncidentEvents(chained: readonly ChainedIncident[], incidents: readonly Incident[]): ChainEvent[] {
  const known = new Map(chained.map((c) => [c.id, c]));
  const out: ChainEvent[] = [];
  for (const i of incidents) {
    const c = known.get(i.id);
    if (!c) out.push({ kind: 'shield-engaged', at: i.startedAt, body: { incident: i.id, trigger: i.trigger } });
    if (i.endedAt && !c?.endedAt) out.push({ kind: 'shield-ended', at: i.endedAt, body: { incident: i.id } });
  }
  return out;
}

const same = (a: string | null, b: string | null) => a === b || (a !== null && b !== null && Date.parse(a) === Date.parse(b));

/**
 * Problems between the screening engine's incidents and the chained ones. Incidents that began before the
 * chain's first kept entry may have lost their events to a retention cut; those are not held against it.
 */
export function checkIncidents(db: DatabaseSync, incidents: readonly Incident[], start: number): string[] {
  const chained = new Map(chainedIncidents(db).map((c) => [c.id, c]));
  const firstKept = query<{ ms: number | null }>(db, 'SELECT MIN(started_ms) AS ms FROM history_calls WHERE id >= ?').one(start);
  const cutAway = (i: Incident) => start > 1 && firstKept.ms !== null && Date.parse(i.startedAt) < firstKept.ms;
  const problems: string[] = [];
  for (const i of incidents) {
    const c = chained.get(i.id);
    chained.delete(i.id);
    if (!c) {
      if (!cutAway(i)) problems.push(`incident ${i.id} (from ${i.startedAt}) is not in the chain: it was added afterwards, or its chained events were removed`);
      continue;
    }
    if (!same(c.startedAt, i.startedAt))
      problems.push(`incident ${i.id}: its start changed (the chain says ${c.startedAt}, the incidents table ${i.startedAt})`);
    else if (c.trigger !== i.trigger) problems.push(`incident ${i.id}: its trigger changed (the chain says ${c.trigger}, the incidents table ${i.trigger})`);
    else if (c.endedAt !== null && !same(c.endedAt, i.endedAt)) {
      problems.push(`incident ${i.id}: its end changed (the chain says ${c.endedAt}, the incidents table ${i.endedAt ?? 'still going on'})`);
    }
  }
  for (const c of chained.values())
    problems.push(`incident ${c.id} (from ${c.startedAt}) is in the chain but missing from the incidents table: it was deleted`);
  return problems;
}
