// What an export reads: one consistent snapshot of the history on a connection of its own, so the service
// keeps recording calls (WAL lets writers go on) while a long export streams, and every figure in the file
// comes from the same moment.
import { DatabaseSync } from 'node:sqlite';
import { callColumns, col, decisionsOf, hashHexColumn, rowToCall, type Decisions, type Row, type StoredCall } from '../columns.ts';
import { HistoryError } from '../errors.ts';
import { exportTexts } from './texts.ts';
import { cond, query, tupleQuery, whereClause, type SqlPart } from '../../store/index.ts';
import type { Normalize } from '../query.ts';

export type ExportFilter = { from?: string; to?: string; numbers?: string[] };

export type Snapshot = {
  db: DatabaseSync;
  /** The chain head when the snapshot was taken: the whole history's, whatever the filter. */
  head: string | null;
  lastId: number;
  /** The numbers the filter asked for, each with the stored numbers it matched. */
  matched: { asked: string; callers: string[] }[];
  count(): number;
  /**
   * Every matching call as a raw row (columns.ts), in chain order — the order they were recorded, which is
   * oldest first but for a call a line reported late — with constant memory. Chain order also means a
   * complete export can be re-hashed on its own. Each row ends with the hash in hex (columns.ts hashHex).
   */
  rows(): Iterable<Row>;
  /** The same calls as records. */
  calls(): Iterable<StoredCall>;
  decisions: Decisions;
  /** Extra SQL over the same filtered calls (alias c): `where` and its parameters. */
  where: SqlPart;
  close(): void;
};

function checkIso(name: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(ms)) {
    throw new HistoryError('invalid-query', exportTexts.notIsoTime(name, value));
  }
  return ms;
}

/**
 * A number the user asks about matches a stored number when it normalises to it, or when the stored number
 * ends with its digits (leading zeros dropped: trunk or international prefix). Ends-with, not contains, so
 * a report about one number never pulls in others.
 */
function matchNumbers(db: DatabaseSync, numbers: string[], normalize?: Normalize): { asked: string; callers: string[] }[] {
  const find = query<{ caller: string }>(db, 'SELECT caller FROM history_callers WHERE caller = ? OR caller LIKE ?');
  return numbers.map((asked) => {
    const digits = asked.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
    if (digits.length < 3) {
      throw new HistoryError('invalid-query', exportTexts.numberTooShort(asked));
    }
    const exact = normalize?.(asked) ?? asked;
    const callers = find.all(exact, `%${digits}`).map((r) => r.caller);
    return { asked, callers };
  });
}

type Where = Snapshot['where'];

/**
 * Pages of 5,000 in id order, each starting after the last id: the table is read front to back, as stored,
 * instead of one index lookup per call (which made a million-row export twice as slow), and memory stays
 * flat. The time range is first turned into the range of ids it can contain.
 */
function* paged(db: DatabaseSync, where: Where, ids: { lo: number; hi: number }): Generator<Row> {
  const page = tupleQuery<Row>(
    db,
    // NOT INDEXED: walk the table by id (still allowed), never the time index plus a sort of every page.
    `SELECT ${callColumns}, ${hashHexColumn} FROM history_calls c NOT INDEXED ${where.sql ? `${where.sql} AND` : 'WHERE'} c.id > ? AND c.id <= ? ORDER BY c.id LIMIT 5000`,
  );
  let after = ids.lo - 1;
  for (;;) {
    const rows = page.all(...where.params, after, ids.hi);
    if (rows.length === 0) return;
    yield* rows;
    after = Number(rows.at(-1)![col.id]);
  }
}

/** Calls of some numbers come through the number index and need one sort: a single iterate() keeps it at one. */
function* iterated(db: DatabaseSync, where: Where): Generator<Row> {
  yield* tupleQuery<Row>(db, `SELECT ${callColumns}, ${hashHexColumn} FROM history_calls c ${where.sql} ORDER BY c.id`).iterate(...where.params);
}

export function openSnapshot(source: DatabaseSync, filter: ExportFilter, normalize?: Normalize): Snapshot {
  const fromMs = checkIso('from', filter.from);
  const toMs = checkIso('to', filter.to);
  if (fromMs !== null && toMs !== null && fromMs >= toMs) {
    throw new HistoryError('invalid-query', exportTexts.rangeBackwards(filter.from, filter.to));
  }
  const location = source.location();
  const own = location !== null && location !== '' && location !== ':memory:';
  const db = own ? new DatabaseSync(location, { readOnly: true, timeout: 5000 }) : source;
  let open = own;
  try {
    // A read transaction pins the snapshot: calls recorded from now on are not part of this export.
    if (own) db.exec('BEGIN');
    const chain = query<{ lastId: number; head: Uint8Array | null }>(db, 'SELECT last_id AS lastId, head FROM history_chain').one();
    const matched = filter.numbers && filter.numbers.length > 0 ? matchNumbers(db, filter.numbers, normalize) : [];
    // Each condition carries its own parameter, so a clause and its value can never drift apart.
    const where = whereClause([
      fromMs !== null && cond('c.started_ms >= ?', fromMs),
      toMs !== null && cond('c.started_ms < ?', toMs),
      filter.numbers !== undefined &&
        filter.numbers.length > 0 &&
        cond('coalesce(c.normalized, c.number) IN (SELECT value FROM json_each(?))', JSON.stringify(matched.flatMap((m) => m.callers))),
    ]);
    const params = where.params;
    const byNumber = (filter.numbers?.length ?? 0) > 0;
    const decisions = decisionsOf(db);
    const span = query<{ lo: number | null; hi: number | null }>(db, `SELECT MIN(c.id) AS lo, MAX(c.id) AS hi FROM history_calls c ${where.sql}`).one(
      ...params,
    );
    const ids = { lo: span.lo ?? 1, hi: span.hi ?? 0 };
    return {
      db,
      head: chain.head ? Buffer.from(chain.head).toString('hex') : null,
      lastId: chain.lastId,
      matched,
      where,
      count: () => Number(query<{ n: number }>(db, `SELECT COUNT(*) AS n FROM history_calls c ${where.sql}`).one(...params).n),
      decisions,
      rows: () => (byNumber ? iterated(db, where) : paged(db, where, ids)),
      *calls() {
        for (const row of byNumber ? iterated(db, where) : paged(db, where, ids)) yield rowToCall(row, decisions);
      },
      close() {
        if (!open) return;
        open = false;
        if (db.isTransaction) db.exec('COMMIT');
        db.close();
      },
    };
  } catch (error) {
    if (own) db.close();
    throw error;
  }
}
