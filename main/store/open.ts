// Opening the data store at start-up: <dataDir>/ringfence.db, checked with PRAGMA quick_check. A file that is
// damaged or not a database at all is moved aside with a timestamp (never deleted: it may still be
// recoverable and it is evidence), a fresh database is created, and a notice says what happened and where
// the old file is.
import { existsSync, renameSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import type { Text } from '../../shared/domain.ts';
import { DomainError } from '../../shared/errors.ts';
import { openDatabase } from './database.ts';
import { dataPaths } from './data-dir.ts';
import { query } from './sql.ts';
import { texts } from './texts.ts';

export type StoreNotice = { code: string; level: 'info' | 'warning' | 'error'; text: Text };

export type DataStore = {
  db: DatabaseSync;
  path: string;
  /** Empty when the database opened cleanly; else what happened to the damaged file. */
  notices: StoreNotice[];
};

/** SQLite's "this is damaged / not a database" result codes; anything else (permissions, locks) is not corruption. */
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/** The database cannot be opened (missing, unreadable, damaged): something outside Ringfence must change. */
export class StoreError extends DomainError {
  constructor(text: Text, options: { cause?: unknown } = {}) {
    super('store-unavailable', text, { status: 503, ...options });
  }
}

function isCorruption(error: unknown): boolean {
  const code = ((error as { errcode?: number }).errcode ?? -1) & 0xff;
  return code === SQLITE_CORRUPT || code === SQLITE_NOTADB;
}

// A 64 MB page cache (filled only as pages are used): with a million calls the default 2 MB makes every
// insert into the number and time indexes read pages back from disk, doubling the cost of a record.
const workingCacheKiB = -65_536;

/**
 * Runs quick_check with a large page cache: on a 500 MB database SQLite's default 2 MB cache makes it about
 * ten times slower. The cache grows only as pages are read and is trimmed again afterwards.
 */
function quickCheck(db: DatabaseSync): string | null {
  db.exec('PRAGMA cache_size = -262144');
  try {
    const rows = query<{ quick_check: string }>(db, 'PRAGMA quick_check(5)').all();
    const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
    return problems.length ? problems.join('; ') : null;
  } finally {
    db.exec(`PRAGMA cache_size = ${workingCacheKiB}`);
  }
}

/** "2026-11-28T11-40-38Z": sortable and valid in file names on every platform. */
const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/:/g, '-') + 'Z';

export function openDataStore(dataDir: string, options: { now?: () => Date } = {}): DataStore {
  const now = options.now ?? (() => new Date());
  const path = dataPaths(dataDir).database;
  let problem: string | null;
  let db: DatabaseSync | null = null;
  try {
    db = openDatabase(path);
    problem = quickCheck(db);
  } catch (error) {
    if (!isCorruption(error)) {
      db?.close();
      throw new StoreError(texts.cannotOpen(path, (error as Error).message), { cause: error });
    }
    problem = (error as Error).message;
  }
  if (problem === null && db) return { db, path, notices: [] };

  try {
    db?.close();
  } catch {
    // Closing a damaged database can fail too; the file is moved aside either way.
  }
  const aside = `${path}.corrupt-${stamp(now())}`;
  renameSync(path, aside);
  // The -wal may hold the last committed calls: it moves with the file, named so SQLite pairs them again.
  for (const suffix of ['-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  const fresh = openDatabase(path);
  fresh.exec(`PRAGMA cache_size = ${workingCacheKiB}`);
  return {
    db: fresh,
    path,
    notices: [
      {
        code: 'database-corrupt',
        level: 'error',
        text: texts.setAside(String(problem), aside),
      },
    ],
  };
}

/**
 * For commands that read the history of a data directory (export, verify, stats): opens the database that is
 * there and never creates or moves one, so pointing a command at the wrong folder changes nothing.
 */
export function openExistingStore(dataDir: string): { db: DatabaseSync; path: string } {
  const path = dataPaths(dataDir, { create: false }).database;
  if (!existsSync(path)) {
    throw new StoreError(texts.noData(dataPaths(dataDir, { create: false }).dir));
  }
  let db: DatabaseSync | null = null;
  try {
    db = openDatabase(path);
    db.exec(`PRAGMA cache_size = ${workingCacheKiB}`);
    return { db, path };
  } catch (error) {
    db?.close();
    const detail = (error as Error).message;
    throw new StoreError(isCorruption(error) ? texts.damaged(path, detail) : texts.unreadable(path, detail), { cause: error });
  }
}
