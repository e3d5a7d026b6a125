// A previewed import waits in a SQLite file of its own until it is committed or dropped: the checked rules
// (unique by kind and value, so a line repeated in the file counts as a duplicate) and every invalid line.
// On disk rather than in memory, so a 10-million-line preview costs the process a page cache, not gigabytes,
// and the commit is one INSERT … SELECT. The file is scratch: no journal, no fsync.
import { rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { RuleList } from '../../../shared/domain.ts';
import type { RuleFields } from '../rule-input.ts';
import type { InvalidLine } from './types.ts';
import { query } from '../../store/index.ts';

export type Staging = {
  /** False when the same kind and value is staged already (a duplicate line). */
  rule(fields: RuleFields): boolean;
  invalid(line: InvalidLine): void;
  finish(summary: { list: RuleList; invalid: number }): void;
  close(): void;
};

export function openStaging(path: string): Staging {
  rmSync(path, { force: true });
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = OFF');
  db.exec('PRAGMA synchronous = OFF');
  db.exec('PRAGMA cache_size = -32000');
  db.exec(`CREATE TABLE rules (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, value TEXT NOT NULL, num INTEGER, label TEXT NOT NULL,
             category TEXT, action TEXT NOT NULL, note TEXT NOT NULL, schedule TEXT, expires_at TEXT, expires_ms INTEGER, UNIQUE (kind, value));
           CREATE TABLE invalid (line INTEGER NOT NULL, value TEXT NOT NULL, reason_en TEXT NOT NULL, reason_zh TEXT NOT NULL);
           CREATE TABLE summary (list TEXT NOT NULL, invalid INTEGER NOT NULL);`);
  db.exec('BEGIN');
  const rule = db.prepare(
    'INSERT OR IGNORE INTO rules (kind, value, num, label, category, action, note, schedule, expires_at, expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const invalid = db.prepare('INSERT INTO invalid (line, value, reason_en, reason_zh) VALUES (?, ?, ?, ?)');
  let open = true;
  return {
    rule: (f) =>
      rule.run(f.kind, f.value, f.num, f.label, f.category, f.action, f.note, f.schedule ? JSON.stringify(f.schedule) : null, f.expiresAt, f.expiresMs)
        .changes > 0,
    invalid: (l) => void invalid.run(l.line, l.value.slice(0, 1000), l.reason.en, l.reason.zh),
    finish: ({ list, invalid: count }) => {
      db.prepare('INSERT INTO summary (list, invalid) VALUES (?, ?)').run(list, count);
      db.exec('COMMIT');
      open = false;
    },
    close: () => {
      if (open) db.exec('ROLLBACK');
      db.close();
    },
  };
}

type InvalidRow = { line: number; value: string; reason_en: string; reason_zh: string };

/** How many lines were invalid, and the first of them (for the sentence that refuses the import). */
export function stagedInvalid(path: string): { count: number; first: InvalidLine | null } {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const count = query<{ n: number }>(db, 'SELECT count(*) AS n FROM invalid').one().n;
    const row = query<InvalidRow>(db, 'SELECT line, value, reason_en, reason_zh FROM invalid ORDER BY line LIMIT 1').get();
    return { count, first: row ? { line: row.line, value: row.value, reason: { en: row.reason_en, zh: row.reason_zh } } : null };
  } finally {
    db.close();
  }
}

/** Every invalid line in file order, one at a time (a binary file may have millions). */
export function* eachInvalid(path: string): Generator<InvalidLine> {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    for (const row of query<InvalidRow>(db, 'SELECT line, value, reason_en, reason_zh FROM invalid ORDER BY line').iterate()) {
      yield { line: row.line, value: row.value, reason: { en: row.reason_en, zh: row.reason_zh } };
    }
  } finally {
    db.close();
  }
}
