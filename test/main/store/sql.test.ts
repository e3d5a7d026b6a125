import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allOf, anyOf, cond, query, tupleQuery, whereClause, type SqlPart } from '../../../main/store/index.ts';

type Call = { id: number; number: string | null; line: string };

let db: DatabaseSync;
beforeEach(() => {
  db = new DatabaseSync(':memory:');
  db.exec(`CREATE TABLE calls (id INTEGER PRIMARY KEY, number TEXT, line TEXT NOT NULL);
           INSERT INTO calls (number, line) VALUES ('+8613800138000', 'a'), (NULL, 'a'), ('+8617012345678', 'b'), (NULL, 'b');`);
});
afterEach(() => db.close());

describe('typed queries', () => {
  it('reads rows by name, one, all or none', () => {
    const byId = query<Call>(db, 'SELECT id, number, line FROM calls WHERE id = ?');
    expect(byId.get(2)).toEqual({ id: 2, number: null, line: 'a' });
    expect(byId.get(99)).toBeUndefined();
    expect(
      query<Call>(db, 'SELECT id, number, line FROM calls WHERE line = ? ORDER BY id')
        .all('a')
        .map((c) => c.id),
    ).toEqual([1, 2]);
    expect([...query<Call>(db, 'SELECT id, number, line FROM calls ORDER BY id DESC').iterate()].map((c) => c.id)).toEqual([4, 3, 2, 1]);
  });

  it('reads rows by position in array mode', () => {
    const row = tupleQuery(db, 'SELECT line, number FROM calls WHERE id = ?').get(1);
    expect(row).toEqual(['a', '+8613800138000']);
  });

  it('takes named parameters', () => {
    const n = query<{ n: number }>(db, 'SELECT COUNT(*) AS n FROM calls WHERE id >= :from AND id < :to').one({ from: 2, to: 4 });
    expect(n.n).toBe(2);
  });

  it('says which SQL returned no row where one was promised', () => {
    expect(() => query(db, 'SELECT id FROM calls WHERE id = ?').one(99)).toThrow(/SELECT id FROM calls WHERE id = \?/);
  });

  it('runs writes', () => {
    const result = query(db, 'INSERT INTO calls (number, line) VALUES (?, ?)').run('+8613900000000', 'c');
    expect(Number(result.lastInsertRowid)).toBe(5);
  });
});

describe('composed WHERE clauses', () => {
  const ids = (where: SqlPart) =>
    query<{ id: number }>(db, `SELECT id FROM calls ${where.sql} ORDER BY id`)
      .all(...where.params)
      .map((r) => r.id);

  it('keeps each placeholder with its value, leaving absent parts out', () => {
    const search = (line?: string, digits?: string) =>
      whereClause([
        line !== undefined && cond('line = ?', line),
        digits !== undefined && anyOf([cond('number LIKE ?', `%${digits}%`), cond('number IS NULL')]),
      ]);
    expect(search().sql).toBe('');
    expect(ids(search())).toEqual([1, 2, 3, 4]);
    expect(ids(search('a'))).toEqual([1, 2]);
    expect(ids(search(undefined, '170'))).toEqual([2, 3, 4]);
    // OR inside AND: without the parentheses the composition adds, line 'b' would leak in through "number IS NULL".
    expect(ids(search('a', '170'))).toEqual([2]);
  });

  it('is true or false when nothing is left to join', () => {
    expect(allOf([null, false, undefined]).sql).toBe('1');
    expect(anyOf([]).sql).toBe('0');
    expect(ids({ sql: `WHERE ${anyOf([]).sql}`, params: [] })).toEqual([]);
  });
});
