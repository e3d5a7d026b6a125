// One SQLite file for the whole product (node:sqlite). Each component owns its numbered migrations and
// applies them at start-up in one transaction, so the history and the rules can evolve independently.
import { DatabaseSync } from 'node:sqlite';
import { query } from './sql.ts';

export type Migration = {
  /** 1, 2, 3 … in order; never renumber or edit a migration that has shipped. */
  version: number;
  description: string;
  up: (db: DatabaseSync) => void;
};

export type OpenOptions = {
  /** `FULL` makes every commit durable on power loss: what call records need. */
  synchronous?: 'NORMAL' | 'FULL';
};

export function openDatabase(path: string, options: OpenOptions = {}): DatabaseSync {
  const db = new DatabaseSync(path, { timeout: 5000 });
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${options.synchronous ?? 'FULL'}`);
  db.exec('PRAGMA foreign_keys = ON');
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    component TEXT NOT NULL,
    version INTEGER NOT NULL,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (component, version)
  )`);
  return db;
}

export function schemaVersion(db: DatabaseSync, component: string): number {
  const row = query<{ v: number | null }>(db, 'SELECT MAX(version) AS v FROM schema_migrations WHERE component = ?').get(component);
  return row?.v ?? 0;
}

/**
 * Applies the component's migrations newer than the database's version, all in one transaction:
 * either the schema moves to the newest version or it stays exactly as it was.
 */
export function applyMigrations(db: DatabaseSync, component: string, migrations: readonly Migration[], now = () => new Date()): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`${component} migration #${i + 1} has version ${m.version}: versions must be 1, 2, 3 … in order`);
  });
  const current = schemaVersion(db, component);
  if (current > migrations.length) {
    throw new Error(
      `The ${component} data was written by a newer Ringfence (schema ${current}, this version knows ${migrations.length}). Update Ringfence or use another data directory.`,
    );
  }
  const pending = migrations.slice(current);
  if (pending.length === 0) return current;
  db.exec('BEGIN IMMEDIATE');
  try {
    const mark = db.prepare('INSERT INTO schema_migrations (component, version, description, applied_at) VALUES (?, ?, ?, ?)');
    for (const m of pending) {
      m.up(db);
      mark.run(component, m.version, m.description, now().toISOString());
    }
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  return migrations.length;
}
