// The commands that read a data folder's history (export, stats, verify) open it the same way: the database
// that is there, never a new one; a missing or unopenable store, or a history error, as a sentence and an
// exit code; and the database closed afterwards whatever happened.
import type { DatabaseSync } from 'node:sqlite';
import { HistoryError } from '../history/index.ts';
import { openExistingStore, StoreError } from '../store/index.ts';
import { CliError } from './errors.ts';

export async function withExistingStore<T>(dataDir: string, work: (store: { db: DatabaseSync; path: string }) => T | Promise<T>): Promise<T> {
  let store: { db: DatabaseSync; path: string };
  try {
    store = openExistingStore(dataDir);
  } catch (error) {
    if (error instanceof StoreError) throw new CliError(error.message);
    throw error;
  }
  try {
    return await work(store);
  } catch (error) {
    // A bad --from/--to or time zone is the user's input: a usage error (exit 2).
    if (error instanceof HistoryError) throw new CliError(error.message, error.code === 'invalid-query' ? 2 : 1);
    throw error;
  } finally {
    store.db.close();
  }
}
