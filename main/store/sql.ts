// Typed SQL over node:sqlite. node:sqlite hands every row back as `Record<string, SQLOutputValue>` (or, in
// array mode, `SQLOutputValue[]`): it cannot know what a SELECT returns, so every call site used to cast its
// rows itself — about seventy casts, each free to drift from the SELECT it sat under. Here a statement
// declares its row type once, next to its SQL, and this file is the one place that casts. A Query is
// prepared once, when it is made: keep it (in a factory or a class) for statements that run often, since
// preparing costs more than running.
//
// WHERE clauses are composed from parts that carry their own parameters (`cond`, `allOf`, `anyOf`), so a
// placeholder and its value are written together and can never fall out of step the way a string built by
// concatenation and a parameter list built beside it can.
import type { DatabaseSync, SQLInputValue, SQLOutputValue, StatementResultingChanges, StatementSync } from 'node:sqlite';

export type SqlValue = SQLInputValue;

/** A statement's parameters: positional (`?`, `?1`), or named (`:from`) in an object first. */
export type Params = SqlValue[] | [named: Record<string, SqlValue>, ...anonymous: SqlValue[]];

/** A row in object mode when its shape is not declared. */
export type Columns = Record<string, SQLOutputValue>;

/** A row in array mode: the selected columns by position. */
export type Tuple = readonly SQLOutputValue[];

/** A prepared statement whose rows are `R`. */
export interface Query<R> {
  readonly sql: string;
  /** The first row, or undefined when there is none. */
  get(...params: Params): R | undefined;
  /** The first row of a query that always returns one (an aggregate such as COUNT or MAX). */
  one(...params: Params): R;
  all(...params: Params): R[];
  iterate(...params: Params): IterableIterator<R>;
  run(...params: Params): StatementResultingChanges;
}

// node:sqlite declares the positional and the named form as two overloads; both take the same spread.
const spread = (params: Params) => params as SqlValue[];

/** A statement that returns no rows (a write): `query<never>(db, 'UPDATE …')`. */
export type Write = Query<never>;

function wrap<R>(statement: StatementSync, sql: string): Query<R> {
  return {
    sql,
    get: (...params) => statement.get(...spread(params)) as R | undefined,
    one: (...params) => {
      const row = statement.get(...spread(params));
      if (row === undefined) throw new Error(`SQL returned no row where one is always expected: ${sql}`);
      return row as R;
    },
    all: (...params) => statement.all(...spread(params)) as R[],
    iterate: (...params) => statement.iterate(...spread(params)) as IterableIterator<R>,
    run: (...params) => statement.run(...spread(params)),
  };
}

/** A statement whose rows are objects keyed by column name (alias the columns to R's keys with AS). */
export function query<R extends object = Columns>(db: DatabaseSync, sql: string): Query<R> {
  return wrap<R>(db.prepare(sql), sql);
}

/**
 * A statement in array mode: rows are the selected columns by position. Used where a record is read by
 * position (the history's `callColumns`), which skips building an object per row.
 */
export function tupleQuery<R extends Tuple = Tuple>(db: DatabaseSync, sql: string): Query<R> {
  const statement = db.prepare(sql);
  statement.setReturnArrays(true);
  return wrap<R>(statement, sql);
}

// --- composing WHERE clauses ---------------------------------------------------------------------------

/** A piece of SQL with the values of its `?` placeholders, in order. */
export type SqlPart = { readonly sql: string; readonly params: readonly SqlValue[] };

/** One condition and its parameters: `cond('c.line_id = ?', lineId)`. */
export const cond = (sql: string, ...params: SqlValue[]): SqlPart => ({ sql, params });

type Maybe = SqlPart | null | undefined | false;

function join(parts: readonly Maybe[], operator: 'AND' | 'OR', none: string): SqlPart {
  const present = parts.filter((p): p is SqlPart => Boolean(p));
  if (present.length === 0) return { sql: none, params: [] };
  if (present.length === 1) return present[0]!;
  return { sql: present.map((p) => `(${p.sql})`).join(` ${operator} `), params: present.flatMap((p) => p.params) };
}

/** Every condition holds (absent ones — null, undefined, false — are left out); `1` (true) when none is given. */
export const allOf = (parts: readonly Maybe[]): SqlPart => join(parts, 'AND', '1');

/** At least one condition holds (absent ones are left out); `0` (false) when none is given. */
export const anyOf = (parts: readonly Maybe[]): SqlPart => join(parts, 'OR', '0');

/** `WHERE …` for a list of conditions (absent ones left out), or nothing when none is left. */
export function whereClause(parts: readonly Maybe[]): SqlPart {
  if (!parts.some(Boolean)) return { sql: '', params: [] };
  const all = allOf(parts);
  return { sql: `WHERE ${all.sql}`, params: all.params };
}
