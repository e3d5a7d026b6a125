// The one way the reading commands (export, stats, verify) open a data folder: its existing database only,
// failures as a sentence and an exit code, and the database closed whatever the command did.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../main/cli/errors.ts';
import { withExistingStore } from '../../../main/cli/store.ts';
import { HistoryError } from '../../../main/history/index.ts';
import { openDataStore } from '../../../main/store/open.ts';

const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'rf-cli-store-'));
  openDataStore(dir).db.close();
  return dir;
};

describe('withExistingStore', () => {
  it('refuses a folder without Ringfence data with a sentence and exit 1, creating nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'rf-cli-empty-'));
    const failure = await withExistingStore(empty, () => 'never').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CliError);
    expect(failure).toMatchObject({ exitCode: 1, message: expect.stringMatching(/^There is no Ringfence data in .*Pass the data folder with --data-dir\.$/) });
    await expect(withExistingStore(empty, () => 'never')).rejects.toThrow(/no ringfence\.db there/);
  });

  it('hands the work the open database and closes it afterwards', async () => {
    let seen: DatabaseSync | null = null;
    const result = await withExistingStore(dataDir(), (store) => {
      seen = store.db;
      return store.db.prepare('SELECT 1 AS one').get();
    });
    expect(result).toEqual({ one: 1 });
    expect(seen!.isOpen).toBe(false);
  });

  it('turns a bad query into a usage error (exit 2), another history error into exit 1, and closes the database either way', async () => {
    let seen: DatabaseSync | null = null;
    const bad = await withExistingStore(dataDir(), (store) => {
      seen = store.db;
      throw new HistoryError('invalid-query', { en: '--from is not a time.', zh: '--from 不是时间。' });
    }).catch((e: unknown) => e);
    expect(bad).toMatchObject({ exitCode: 2, message: '--from is not a time.' });
    expect(seen!.isOpen).toBe(false);
    const broken = await withExistingStore(dataDir(), () => {
      throw new HistoryError('corrupt', { en: 'The database is damaged.', zh: '数据库已损坏。' });
    }).catch((e: unknown) => e);
    expect(broken).toMatchObject({ exitCode: 1, message: 'The database is damaged.' });
    const other = new TypeError('a bug');
    await expect(withExistingStore(dataDir(), () => Promise.reject(other))).rejects.toBe(other);
  });
});
