// Finding calls: every CallQuery filter, newest or oldest first, one page at a time with a keyset cursor
// (the last row's time and id), so page 500 costs what page 1 costs.
import type { DatabaseSync } from 'node:sqlite';
import { CallQuery } from '../../shared/api.ts';
import type { CallRecord } from '../../shared/domain.ts';
import { callColumns, publicCall, rowToCall, type Decisions, type Row } from './columns.ts';
import { invalid } from './errors.ts';
import { texts } from './texts.ts';
import { cond, query, tupleQuery, whereClause, type SqlPart } from '../store/index.ts';

/** Turns a number typed in any common form into the stored normalised (E.164) form, or null. */
export type Normalize = (raw: string) => string | null;

type Cursor = { order: 'newest' | 'oldest'; startedMs: number; id: number };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.order === 'newest' ? 'n' : 'o', c.startedMs, c.id])).toString('base64url');
}

function decodeCursor(text: string, order: Cursor['order']): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !Number.isSafeInteger(parsed[1]) || !Number.isSafeInteger(parsed[2])) {
    throw invalid('invalid-cursor', texts.foreignCursor());
  }
  if ((parsed[0] === 'n' ? 'newest' : 'oldest') !== order) {
    throw invalid('invalid-cursor', texts.cursorOtherOrder());
  }
  return { order, startedMs: parsed[1] as number, id: parsed[2] as number };
}

export function parseQuery(input: unknown): CallQuery & { limit: number; order: 'newest' | 'oldest' } {
  const parsed = CallQuery.safeParse(input ?? {});
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(query)'}: ${i.message}`).join('; ');
    throw invalid('invalid-query', texts.invalidSearch(where));
  }
  const q = parsed.data;
  if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) {
    throw invalid('invalid-query', texts.searchReversed(q.from, q.to));
  }
  return q;
}

/** How a typed number matches stored calls: a digit substring of the number, or its exact normalised form. */
export type NumberMatch = { needle: string; exact: string | null };

export function numberMatch(typed: string, normalize?: Normalize): NumberMatch {
  const digits = typed.replace(/\D/g, '');
  if (digits === '') {
    throw invalid('invalid-query', texts.noDigits(typed));
  }
  // Leading zeros are a trunk or international prefix ("0755…", "0086…") that the stored normalised form
  // (+86755…) does not have.
  const needle = digits.replace(/^0+(?=\d)/, '');
  return { needle, exact: normalize?.(typed) ?? null };
}

// Numbers whose calls together are at most this many are fetched through the number index and sorted;
// above it matches are dense enough that walking the time index finds a page sooner.
const indexedNumberCalls = 20_000;

/** The conditions of a call search, and the index that serves them best when SQLite would pick another. */
type Where = { parts: SqlPart[]; indexed?: string };

// The expression the caller index is built on, for the aliased calls table.
const caller = 'coalesce(c.normalized, c.number)';

function numberClause(db: DatabaseSync, m: NumberMatch): Where {
  const like = `%${m.needle}%`;
  const scan: Where = { parts: [m.exact ? cond(`instr(${caller}, ?) > 0 OR ${caller} = ?`, m.needle, m.exact) : cond(`instr(${caller}, ?) > 0`, m.needle)] };
  // The trigram index needs three characters; shorter needles match so much that the time scan is quicker.
  if (m.needle.length < 3) return scan;
  const matched = query<{ caller: string; calls: number }>(
    db,
    `SELECT caller, calls FROM history_callers WHERE id IN (SELECT rowid FROM history_caller_search WHERE caller LIKE ?)
     UNION SELECT caller, calls FROM history_callers WHERE caller = ? LIMIT 2001`,
  ).all(like, m.exact);
  const total = matched.reduce((n, r) => n + r.calls, 0);
  if (matched.length > 2000 || total > indexedNumberCalls) return scan;
  return { parts: [cond(`${caller} IN (SELECT value FROM json_each(?))`, JSON.stringify(matched.map((r) => r.caller)))], indexed: 'history_calls_caller' };
}

export function buildWhere(db: DatabaseSync, q: ReturnType<typeof parseQuery>, normalize?: Normalize): Where {
  const w: Where = { parts: [] };
  const add = (part: SqlPart) => w.parts.push(part);
  if (q.from) add(cond('c.started_ms >= ?', Date.parse(q.from)));
  if (q.to) add(cond('c.started_ms < ?', Date.parse(q.to)));
  if (q.action) add(cond('c.action = ?', q.action));
  if (q.outcome) add(cond('c.outcome = ?', q.outcome));
  if (q.lineId) add(cond('c.line_id = ?', q.lineId));
  if (q.presentation) add(cond('c.presentation = ?', q.presentation));
  if (q.oneRing !== undefined) add(cond('c.one_ring = ?', q.oneRing ? 1 : 0));
  if (q.name) {
    add(cond(`c.name IS NOT NULL AND c.name LIKE ? ESCAPE '\\'`, `%${q.name.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`));
    // Left to itself SQLite walks the time index to avoid sorting, through every call; the few named calls
    // sort in no time.
    w.indexed = 'history_calls_named';
  }
  if (q.number) {
    const n = numberClause(db, numberMatch(q.number, normalize));
    w.parts.push(...n.parts);
    if (n.indexed) w.indexed = n.indexed;
  }
  return w;
}

export function queryCalls(db: DatabaseSync, decisions: Decisions, input: unknown, normalize?: Normalize): { calls: CallRecord[]; nextCursor: string | null } {
  const q = parseQuery(input);
  const w = buildWhere(db, q, normalize);
  const newest = q.order === 'newest';
  if (q.cursor) {
    const c = decodeCursor(q.cursor, q.order);
    w.parts.push(cond(`(c.started_ms, c.id) ${newest ? '<' : '>'} (?, ?)`, c.startedMs, c.id));
  }
  const dir = newest ? 'DESC' : 'ASC';
  const from = w.indexed ? `history_calls c INDEXED BY ${w.indexed}` : 'history_calls c';
  const where = whereClause(w.parts);
  const statement = tupleQuery<Row>(db, `SELECT ${callColumns} FROM ${from} ${where.sql} ORDER BY c.started_ms ${dir}, c.id ${dir} LIMIT ?`);
  const rows = statement.all(...where.params, q.limit + 1);
  const page = rows.slice(0, q.limit).map((r) => rowToCall(r, decisions));
  const last = page.at(-1);
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ order: q.order, startedMs: Date.parse(last.startedAt), id: last.id }) : null;
  return { calls: page.map(publicCall), nextCursor };
}
