// Running totals kept beside the calls, in the same transaction as each record, so statistics over a year of
// a call-bombing campaign read a few thousand rows instead of a million calls. They are derived data: the
// hash chain does not cover them, and rebuildAggregates() recomputes them from the calls at any time.
import type { DatabaseSync } from 'node:sqlite';
import { query } from '../store/index.ts';

export const slotMs = 15 * 60_000;
export const dayMs = 86_400_000;

/** What the aggregates need to know about one call. */
export type CallFacts = {
  startedMs: number;
  localDay: number;
  /** The normalised number, else the number as presented, else null (withheld). */
  caller: string | null;
  action: string;
  presentation: string;
  timeZone: string;
};

export const callerSql = 'coalesce(normalized, number)';
const blocked = `(action IN ('reject', 'answer-hangup'))`;

export type AggregateWriter = {
  add(facts: CallFacts): void;
  /** After a rollback: forget what this writer remembered of the tables, since those writes are gone. */
  rolledBack(): void;
};

export function aggregateWriter(db: DatabaseSync): AggregateWriter {
  const slot = db.prepare(`INSERT INTO history_slots (slot, allow, reject, silent, answer_hangup, withheld) VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (slot) DO UPDATE SET allow = allow + excluded.allow, reject = reject + excluded.reject, silent = silent + excluded.silent,
      answer_hangup = answer_hangup + excluded.answer_hangup, withheld = withheld + excluded.withheld`);
  const caller = query<{ id: number; calls: number }>(
    db,
    `INSERT INTO history_callers (caller, calls, blocked, first_ms, last_ms) VALUES (?, 1, ?, ?, ?)
    ON CONFLICT (caller) DO UPDATE SET calls = calls + 1, blocked = blocked + excluded.blocked,
      first_ms = min(first_ms, excluded.first_ms), last_ms = max(last_ms, excluded.last_ms)
    RETURNING id, calls`,
  );
  const searchable = db.prepare('INSERT INTO history_caller_search (rowid, caller) VALUES (?, ?)');
  const callerDay = db.prepare('INSERT OR IGNORE INTO history_caller_days (local_day, caller) VALUES (?, ?)');
  const day = db.prepare(`INSERT INTO history_days (local_day, distinct_callers) VALUES (?, 1)
    ON CONFLICT (local_day) DO UPDATE SET distinct_callers = distinct_callers + 1`);
  const zone = db.prepare(`INSERT INTO history_zones (time_zone, first_ms, last_ms) VALUES (?, ?, ?)
    ON CONFLICT (time_zone) DO UPDATE SET first_ms = min(first_ms, excluded.first_ms), last_ms = max(last_ms, excluded.last_ms)`);
  const is = (a: string, b: string) => (a === b ? 1 : 0);
  // What this writer already put in history_zones: a call inside a known span needs no upsert. The table
  // only ever widens, so remembering less than it holds is safe.
  const zones = new Map<string, [number, number]>();
  return {
    add(f) {
      const a = f.action;
      slot.run(Math.floor(f.startedMs / slotMs), is(a, 'allow'), is(a, 'reject'), is(a, 'silent'), is(a, 'answer-hangup'), is(f.presentation, 'withheld'));
      if (f.caller !== null) {
        const row = caller.one(f.caller, a === 'reject' || a === 'answer-hangup' ? 1 : 0, f.startedMs, f.startedMs);
        if (row.calls === 1) searchable.run(row.id, f.caller);
        if (Number(callerDay.run(f.localDay, f.caller).changes) > 0) day.run(f.localDay);
      }
      const known = zones.get(f.timeZone);
      if (!known || f.startedMs < known[0] || f.startedMs > known[1]) {
        zone.run(f.timeZone, f.startedMs, f.startedMs);
        zones.set(f.timeZone, known ? [Math.min(known[0], f.startedMs), Math.max(known[1], f.startedMs)] : [f.startedMs, f.startedMs]);
      }
    },
    rolledBack() {
      zones.clear();
    },
  };
}

const slotSelect = `SELECT started_ms / ${slotMs} AS slot, SUM(action = 'allow'), SUM(action = 'reject'), SUM(action = 'silent'),
  SUM(action = 'answer-hangup'), SUM(presentation = 'withheld') FROM history_calls`;

/** Recomputes every aggregate from the calls (used by the migration that introduced them, and by tests). */
export function rebuildAggregates(db: DatabaseSync): void {
  db.exec(`
    DELETE FROM history_slots; DELETE FROM history_callers; DELETE FROM history_caller_search;
    DELETE FROM history_caller_days; DELETE FROM history_days; DELETE FROM history_zones;
    INSERT INTO history_slots (slot, allow, reject, silent, answer_hangup, withheld) ${slotSelect} GROUP BY 1;
    INSERT INTO history_callers (caller, calls, blocked, first_ms, last_ms)
      SELECT ${callerSql}, COUNT(*), SUM(${blocked}), MIN(started_ms), MAX(started_ms) FROM history_calls
      WHERE ${callerSql} IS NOT NULL GROUP BY 1;
    INSERT INTO history_caller_search (rowid, caller) SELECT id, caller FROM history_callers;
    INSERT INTO history_caller_days (local_day, caller)
      SELECT DISTINCT local_day, ${callerSql} FROM history_calls WHERE ${callerSql} IS NOT NULL;
    INSERT INTO history_days (local_day, distinct_callers) SELECT local_day, COUNT(*) FROM history_caller_days GROUP BY 1;
    INSERT INTO history_zones (time_zone, first_ms, last_ms) SELECT time_zone, MIN(started_ms), MAX(started_ms) FROM history_calls GROUP BY 1;
  `);
}

/**
 * Takes the calls with id ≤ lastId out of the aggregates. Call it inside the deleting transaction, before
 * the delete: it reads those calls now and returns the step to run once they are gone, which recounts only
 * the numbers and days they touched. Zones are left as they are: a zone listed longer than it was used only
 * sends statistics down the exact slow path.
 */
export function forgetCalls(db: DatabaseSync, lastId: number): () => void {
  db.prepare(
    `WITH gone (slot, allow, reject, silent, answer_hangup, withheld) AS (${slotSelect} WHERE id <= ? GROUP BY 1)
     UPDATE history_slots SET allow = history_slots.allow - gone.allow, reject = history_slots.reject - gone.reject,
       silent = history_slots.silent - gone.silent, answer_hangup = history_slots.answer_hangup - gone.answer_hangup,
       withheld = history_slots.withheld - gone.withheld
     FROM gone WHERE history_slots.slot = gone.slot`,
  ).run(lastId);
  db.exec('DELETE FROM history_slots WHERE allow + reject + silent + answer_hangup = 0');
  db.exec('DROP TABLE IF EXISTS temp.history_gone_callers; DROP TABLE IF EXISTS temp.history_gone_days');
  db.prepare(
    `CREATE TEMP TABLE history_gone_callers AS SELECT DISTINCT ${callerSql} AS caller FROM history_calls WHERE id <= ? AND ${callerSql} IS NOT NULL`,
  ).run(lastId);
  db.prepare('CREATE TEMP TABLE history_gone_days AS SELECT DISTINCT local_day FROM history_calls WHERE id <= ?').run(lastId);
  return () => {
    // Recount the touched numbers in place (their ids stay, so the search index stays right), then drop
    // the numbers with no calls left from both.
    db.exec(`
      UPDATE history_callers SET (calls, blocked, first_ms, last_ms) = (
        SELECT COUNT(*), coalesce(SUM(${blocked}), 0), coalesce(MIN(started_ms), 0), coalesce(MAX(started_ms), 0)
        FROM history_calls WHERE ${callerSql} = +history_callers.caller)
      WHERE caller IN (SELECT caller FROM temp.history_gone_callers);
      DELETE FROM history_caller_search WHERE rowid IN (SELECT id FROM history_callers WHERE calls = 0);
      DELETE FROM history_callers WHERE calls = 0;
      DELETE FROM history_caller_days WHERE local_day IN (SELECT local_day FROM temp.history_gone_days);
      DELETE FROM history_days WHERE local_day IN (SELECT local_day FROM temp.history_gone_days);
    `);
    const maxDay = query<{ d: number | null }>(db, 'SELECT MAX(local_day) AS d FROM temp.history_gone_days').one();
    if (maxDay.d !== null) {
      // A call on local day D started before D ended in the last zone to reach midnight (UTC-12): bounding
      // by time lets the time index find the few surviving calls of those days instead of reading them all.
      const bound = (maxDay.d + 1) * dayMs + 12 * 3_600_000;
      db.prepare(
        `INSERT INTO history_caller_days (local_day, caller)
         SELECT DISTINCT local_day, ${callerSql} FROM history_calls
         WHERE started_ms < ? AND local_day IN (SELECT local_day FROM temp.history_gone_days) AND ${callerSql} IS NOT NULL`,
      ).run(bound);
      db.exec(`INSERT INTO history_days (local_day, distinct_callers)
        SELECT local_day, COUNT(*) FROM history_caller_days WHERE local_day IN (SELECT local_day FROM temp.history_gone_days) GROUP BY 1`);
    }
    db.exec('DROP TABLE temp.history_gone_callers; DROP TABLE temp.history_gone_days');
  };
}

/**
 * Whether the running totals are what the chained calls add up to: statistics are derived facts, so
 * `verify` recomputes them and names the first total that disagrees (null when all agree). Zones are only
 * checked to cover every call (they may stay wider after a retention cut).
 */
export function checkAggregates(db: DatabaseSync): string | null {
  const slot = query<{ slot: number }>(
    db,
    `WITH want AS (${slotSelect} GROUP BY 1)
     SELECT slot FROM (SELECT * FROM want EXCEPT SELECT slot, allow, reject, silent, answer_hangup, withheld FROM history_slots
       UNION ALL SELECT * FROM (SELECT slot, allow, reject, silent, answer_hangup, withheld FROM history_slots WHERE allow + reject + silent + answer_hangup > 0 EXCEPT SELECT * FROM want))
     ORDER BY slot LIMIT 1`,
  ).get();
  if (slot) {
    const from = new Date(slot.slot * slotMs).toISOString().slice(0, 16).replace('T', ' ');
    return `statistics changed: the calls counted for the quarter hour from ${from} UTC are not what the chained records add up to`;
  }
  const caller = query<{ caller: string }>(
    db,
    `WITH want AS (SELECT ${callerSql} AS caller, COUNT(*) AS calls, SUM(${blocked}) AS blocked, MIN(started_ms) AS first_ms, MAX(started_ms) AS last_ms
       FROM history_calls WHERE ${callerSql} IS NOT NULL GROUP BY 1)
     SELECT caller FROM (SELECT * FROM want EXCEPT SELECT caller, calls, blocked, first_ms, last_ms FROM history_callers
       UNION ALL SELECT * FROM (SELECT caller, calls, blocked, first_ms, last_ms FROM history_callers EXCEPT SELECT * FROM want))
     ORDER BY caller LIMIT 1`,
  ).get();
  if (caller) return `statistics changed: the totals for the number ${caller.caller} are not what the chained records add up to`;
  const day = query<{ d: number }>(
    db,
    `WITH want AS (SELECT local_day, COUNT(DISTINCT ${callerSql}) AS n FROM history_calls WHERE ${callerSql} IS NOT NULL GROUP BY 1)
     SELECT local_day AS d FROM (SELECT * FROM want EXCEPT SELECT local_day, distinct_callers FROM history_days
       UNION ALL SELECT * FROM (SELECT local_day, distinct_callers FROM history_days EXCEPT SELECT * FROM want))
     ORDER BY 1 LIMIT 1`,
  ).get();
  if (day) {
    return `statistics changed: the number of different callers on ${new Date(day.d * dayMs).toISOString().slice(0, 10)} is not what the chained records add up to`;
  }
  const zone = query<{ zone: string }>(
    db,
    `SELECT c.time_zone AS zone FROM (SELECT time_zone, MIN(started_ms) AS lo, MAX(started_ms) AS hi FROM history_calls GROUP BY 1) c
     LEFT JOIN history_zones z ON z.time_zone = c.time_zone WHERE z.time_zone IS NULL OR z.first_ms > c.lo OR z.last_ms < c.hi LIMIT 1`,
  ).get();
  if (zone) return `statistics changed: the time zones recorded do not cover the calls made in ${zone.zone}`;
  return null;
}
