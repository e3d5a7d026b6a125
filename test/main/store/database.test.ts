import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, openDatabase, schemaVersion, type Migration } from '../../../main/store/database.ts';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'rf-db-')), 'ringfence.db');

const v1: Migration = { version: 1, description: 'calls', up: (db) => db.exec('CREATE TABLE calls (id INTEGER PRIMARY KEY)') };
const v2: Migration = { version: 2, description: 'calls.number', up: (db) => db.exec('ALTER TABLE calls ADD COLUMN number TEXT') };

describe('database migrations', () => {
  it('opens a real file in WAL mode', () => {
    const db = openDatabase(tempDb());
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('upgrades from every earlier version to the newest', () => {
    const path = tempDb();
    let db = openDatabase(path);
    expect(applyMigrations(db, 'history', [v1])).toBe(1);
    db.close();
    db = openDatabase(path);
    expect(applyMigrations(db, 'history', [v1, v2])).toBe(2);
    db.prepare('INSERT INTO calls (number) VALUES (?)').run('+8613800138000');
    expect(schemaVersion(db, 'history')).toBe(2);
    db.close();
  });

  it('keeps components apart', () => {
    const db = openDatabase(tempDb());
    applyMigrations(db, 'history', [v1]);
    expect(schemaVersion(db, 'rules')).toBe(0);
    db.close();
  });

  it('rolls back every step of a failing upgrade', () => {
    const db = openDatabase(tempDb());
    const broken: Migration = { version: 2, description: 'broken', up: (d) => d.exec('ALTER TABLE nope ADD COLUMN x') };
    expect(() => applyMigrations(db, 'history', [v1, broken])).toThrow(/nope/);
    expect(schemaVersion(db, 'history')).toBe(0);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'calls'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database from a newer version', () => {
    const db = openDatabase(tempDb());
    applyMigrations(db, 'history', [v1, v2]);
    expect(() => applyMigrations(db, 'history', [v1])).toThrow(/newer Ringfence/);
    db.close();
  });
});
