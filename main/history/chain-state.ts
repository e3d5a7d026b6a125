// The chain's head: the last entry's number and hash, in the one-row table history_chain, read and moved
// inside the writing transaction (so two connections — the service and a writer thread — never fork it).
import type { DatabaseSync } from 'node:sqlite';
import { query } from '../store/index.ts';

export type Head = { lastId: number; head: string | null };

export type ChainState = {
  /**
   * The head. When its row is gone (deleted with the sqlite3 shell), the last stored entry is taken as the
   * head and `restored` says so: the writer then records that in the chain before anything else, so the
   * damage stays visible instead of making the writer fail for ever.
   */
  read(): Head & { restored: boolean };
  advance(id: number, hash: Uint8Array): void;
  /** The head without repairing anything: the row, else the last stored entry. */
  peek(): Head;
};

const hex = (b: Uint8Array | null | undefined): string | null => (b ? Buffer.from(b).toString('hex') : null);

/** The last entry actually stored (calls, events and SMS share the numbering). */
export function lastStoredEntry(db: DatabaseSync): Head {
  // Only the chained tables this database already has: a migration (v4's re-chain) runs before history_sms exists.
  const tables = chainedTables(db);
  const row = query<{ id: number; hash: Uint8Array }>(
    db,
    `${tables.map((t) => `SELECT id, hash FROM (SELECT id, hash FROM ${t} ORDER BY id DESC LIMIT 1)`).join(' UNION ALL ')} ORDER BY id DESC LIMIT 1`,
  ).get();
  return row ? { lastId: row.id, head: hex(row.hash) } : { lastId: 0, head: null };
}

/** The tables whose rows are chain entries, of those this database has (calls, events, SMS). */
export function chainedTables(db: DatabaseSync): string[] {
  const present = new Set(
    query<{ name: string }>(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('history_calls', 'history_events', 'history_sms')")
      .all()
      .map((r) => r.name),
  );
  return ['history_calls', 'history_events', 'history_sms'].filter((t) => present.has(t));
}

/** SQL selecting `columns` of the entry with id ?1, whichever chained table holds it. */
export const entrySql = (columns: string) =>
  ['history_calls', 'history_events', 'history_sms'].map((t) => `SELECT ${columns} FROM ${t} WHERE id = ?1`).join(' UNION ALL ');

export function chainState(db: DatabaseSync): ChainState {
  const get = query<{ lastId: number; head: Uint8Array | null }>(db, 'SELECT last_id AS lastId, head FROM history_chain WHERE singleton = 1');
  const set = db.prepare('UPDATE history_chain SET last_id = ?, head = ? WHERE singleton = 1');
  return {
    read() {
      const row = get.get();
      if (row) return { lastId: row.lastId, head: hex(row.head), restored: false };
      const last = lastStoredEntry(db);
      db.prepare('INSERT INTO history_chain (singleton, last_id, head) VALUES (1, ?, ?)').run(last.lastId, last.head ? Buffer.from(last.head, 'hex') : null);
      return { ...last, restored: true };
    },
    advance(id, hash) {
      set.run(id, hash);
    },
    peek() {
      const row = get.get();
      return row ? { lastId: row.lastId, head: hex(row.head) } : lastStoredEntry(db);
    },
  };
}
