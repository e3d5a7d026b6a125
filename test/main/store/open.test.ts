import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/database.ts';
import { openDataStore, StoreError } from '../../../main/store/open.ts';
import { tempDir } from '../history/support.ts';

const at = new Date('2026-11-28T11:40:38.512Z');
const asideName = 'ringfence.db.corrupt-2026-11-28T11-40-38Z';

describe('opening the data store', () => {
  it('creates ringfence.db in the data directory, in WAL mode, with no notice', () => {
    const dir = join(tempDir('rf-store-'), 'nested', 'data');
    const store = openDataStore(dir);
    expect(store.path).toBe(join(dir, 'ringfence.db'));
    expect(store.notices).toEqual([]);
    expect(store.db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(store.db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    store.db.exec('CREATE TABLE kept (x); INSERT INTO kept VALUES (42)');
    store.db.close();
    const again = openDataStore(dir);
    expect(again.notices).toEqual([]);
    expect(again.db.prepare('SELECT x FROM kept').get()).toEqual({ x: 42 });
  });

  it('moves a file that is not a database aside, unchanged, starts a fresh one and says where the old one is', () => {
    const dir = tempDir('rf-store-');
    const garbage = Buffer.from('this is not a database '.repeat(300));
    writeFileSync(join(dir, 'ringfence.db'), garbage);
    const store = openDataStore(dir, { now: () => at });
    const aside = join(dir, asideName);
    expect(readFileSync(aside)).toEqual(garbage);
    expect(store.notices).toEqual([
      {
        code: 'database-corrupt',
        level: 'error',
        text: { en: expect.stringContaining(aside), zh: expect.stringContaining(aside) },
      },
    ]);
    expect(store.notices[0]!.text.en).toMatch(/kept, not deleted/);
    store.db.exec('CREATE TABLE t (x)');
    expect(store.db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
  });

  it('moves a damaged database and its write-ahead log aside together', () => {
    const dir = tempDir('rf-store-');
    const path = join(dir, 'ringfence.db');
    const db = openDatabase(path);
    db.exec('CREATE TABLE calls (id INTEGER PRIMARY KEY, body TEXT); CREATE INDEX calls_body ON calls (body)');
    const insert = db.prepare('INSERT INTO calls (body) VALUES (?)');
    db.exec('BEGIN');
    for (let i = 0; i < 3000; i++) insert.run(`call ${i} `.repeat(10));
    db.exec('COMMIT');
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    db.exec("INSERT INTO calls (body) VALUES ('in the wal only')");
    // Scribble over pages in the middle of the file, as a failing disk might; the header stays intact.
    const fd = openSync(path, 'r+');
    for (let page = 10; page < 60; page += 7) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096);
    closeSync(fd);
    expect(existsSync(`${path}-wal`)).toBe(true);
    // Leave the damaged connection without a checkpoint, as a crash would.
    const store = openDataStore(dir, { now: () => at });
    expect(store.notices.map((n) => n.code)).toEqual(['database-corrupt']);
    expect(readdirSync(dir).sort()).toEqual(expect.arrayContaining([asideName, `${asideName}-wal`, 'ringfence.db']));
    expect(store.db.prepare("SELECT name FROM sqlite_master WHERE name = 'calls'").get()).toBeUndefined();
    db.close();
  });

  it('does not treat a database it cannot open as damaged: nothing is moved', () => {
    const dir = tempDir('rf-store-');
    mkdirSync(join(dir, 'ringfence.db'));
    expect(() => openDataStore(dir, { now: () => at })).toThrow(StoreError);
    expect(readdirSync(dir)).not.toContain(asideName);
  });
});
