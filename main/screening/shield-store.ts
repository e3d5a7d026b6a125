// The shield's state and its incidents in SQLite, so an engaged shield survives a restart and every
// engagement is on record for the evidence report.
import type { DatabaseSync } from 'node:sqlite';
import type { Incident, ShieldTrigger } from '../../shared/domain.ts';
import { GrowingSet } from './growing-set.ts';
import { idleShield, withheldShare } from './shield.ts';
import type { Shield, ShieldCause } from './shield.ts';
import { texts } from './texts.ts';
import { query } from '../store/index.ts';

type ShieldRow = {
  active: number;
  since_ms: number | null;
  trigger: ShieldTrigger | null;
  until_ms: number | null;
  incident_id: number | null;
  calls_blocked: number;
  withheld_blocked: number;
  last_reject_ms: number | null;
  revision: number;
  count_from_ms: number | null;
};

type CauseColumns = {
  trigger: ShieldTrigger;
  cause_calls: number | null;
  cause_numbers: number | null;
  cause_no_number: number | null;
  cause_span_ms: number | null;
  cause_number: string | null;
};

/** The stored cause; an incident from before causes were kept has its trigger only (zero calls). */
const causeOf = (r: CauseColumns): ShieldCause => ({
  trigger: r.trigger,
  calls: r.cause_calls ?? 0,
  numbers: r.cause_numbers ?? 0,
  noNumber: r.cause_no_number ?? 0,
  spanMs: r.cause_span_ms ?? 0,
  number: r.cause_number,
});

export class ShieldStore {
  readonly #db: DatabaseSync;
  /** Numbers rejected in the current incident and not yet written. */
  #unsaved: string[] = [];
  revision = 0;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  load(): Shield {
    const row = query<ShieldRow>(this.#db, 'SELECT * FROM screening_shield WHERE id = 1').get();
    if (!row) return idleShield();
    this.revision = row.revision;
    if (!row.active) return idleShield(row.count_from_ms);
    const numbers =
      row.incident_id === null
        ? GrowingSet.of()
        : GrowingSet.of(
            query<{ number: string }>(this.#db, 'SELECT number FROM screening_incident_numbers WHERE incident_id = ?')
              .all(row.incident_id)
              .map((r) => r.number),
          );
    const incident =
      row.incident_id === null ? undefined : query<CauseColumns>(this.#db, 'SELECT * FROM screening_incidents WHERE id = ?').get(row.incident_id);
    return {
      active: true,
      since: row.since_ms,
      trigger: row.trigger,
      cause: incident ? causeOf(incident) : null,
      countFrom: row.count_from_ms,
      until: row.until_ms,
      incidentId: row.incident_id,
      callsBlocked: row.calls_blocked,
      numbers,
      withheldBlocked: row.withheld_blocked,
      lastRejectAt: row.last_reject_ms,
    };
  }

  /** The revision another process may have moved on (a shield set through another engine). */
  storedRevision(): number {
    const row = query<{ revision: number }>(this.#db, 'SELECT revision FROM screening_shield WHERE id = 1').get();
    return row?.revision ?? 0;
  }

  startIncident(cause: ShieldCause, at: number): number {
    const r = this.#db
      .prepare(
        `INSERT INTO screening_incidents (started_at, trigger, cause_calls, cause_numbers, cause_no_number, cause_span_ms, cause_number)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(new Date(at).toISOString(), cause.trigger, cause.calls, cause.numbers, cause.noNumber, Math.round(cause.spanMs), cause.number);
    return Number(r.lastInsertRowid);
  }

  numberRejected(number: string): void {
    this.#unsaved.push(number);
  }

  /** Writes the state, the incident's counters and its new numbers in one transaction. */
  save(shield: Shield): void {
    this.#transaction(() => {
      this.#writeState(shield);
      if (shield.incidentId !== null) this.#writeIncident(shield, null);
    });
  }

  /** Ends the incident of `ended` at `at` and stores the idle state that follows, in one transaction. */
  end(ended: Shield, idle: Shield, at: number): void {
    this.#transaction(() => {
      if (ended.incidentId !== null) this.#writeIncident(ended, at);
      this.#writeState(idle);
    });
  }

  #writeState(shield: Shield): void {
    this.#db
      .prepare(
        `INSERT INTO screening_shield (id, active, since_ms, trigger, until_ms, incident_id, calls_blocked, withheld_blocked, last_reject_ms, count_from_ms, revision)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
         ON CONFLICT (id) DO UPDATE SET active = excluded.active, since_ms = excluded.since_ms, trigger = excluded.trigger,
           until_ms = excluded.until_ms, incident_id = excluded.incident_id, calls_blocked = excluded.calls_blocked,
           withheld_blocked = excluded.withheld_blocked, last_reject_ms = excluded.last_reject_ms, count_from_ms = excluded.count_from_ms,
           revision = screening_shield.revision + 1`,
      )
      .run(
        shield.active ? 1 : 0,
        shield.since,
        shield.trigger,
        shield.until,
        shield.incidentId,
        shield.callsBlocked,
        shield.withheldBlocked,
        shield.lastRejectAt,
        shield.countFrom,
      );
  }

  #writeIncident(shield: Shield, endedAt: number | null): void {
    const add = this.#db.prepare('INSERT OR IGNORE INTO screening_incident_numbers (incident_id, number) VALUES (?, ?)');
    for (const n of this.#unsaved) add.run(shield.incidentId, n);
    this.#unsaved = [];
    this.#db
      .prepare('UPDATE screening_incidents SET calls_rejected = ?, withheld_rejected = ?, distinct_numbers = ?, ended_at = coalesce(?, ended_at) WHERE id = ?')
      .run(shield.callsBlocked, shield.withheldBlocked, shield.numbers.size, endedAt === null ? null : new Date(endedAt).toISOString(), shield.incidentId);
  }

  #transaction(work: () => void): void {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
    // Our own write: remember its revision so refresh() does not mistake it for another process's.
    this.revision = this.storedRevision();
  }

  incidents(range: { from?: string; to?: string } = {}): Incident[] {
    type IncidentRow = {
      id: number;
      started_at: string;
      ended_at: string | null;
      trigger: ShieldTrigger;
      calls_rejected: number;
      withheld_rejected: number;
      distinct_numbers: number;
    } & CauseColumns;
    const rows = query<IncidentRow>(
      this.#db,
      `SELECT * FROM screening_incidents
        WHERE (? IS NULL OR coalesce(ended_at, '9999') >= ?) AND (? IS NULL OR started_at <= ?)
        ORDER BY started_at`,
    ).all(range.from ?? null, range.from ? new Date(range.from).toISOString() : null, range.to ?? null, range.to ? new Date(range.to).toISOString() : null);
    return rows.map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      trigger: r.trigger,
      cause: texts.shieldCause(causeOf(r)),
      callsRejected: r.calls_rejected,
      distinctNumbers: r.distinct_numbers,
      withheldShare: withheldShare({ callsBlocked: r.calls_rejected, withheldBlocked: r.withheld_rejected }),
    }));
  }
}
