// The rules commands as a user runs them: the real CLI from source on a temp data directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliEntry } from '../../support/paths.ts';

const ringfence = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'zh_CN.UTF-8' } });
const dataDir = () => mkdtempSync(join(tmpdir(), 'rf-cli-rules-'));

describe('ringfence rules', () => {
  it('adds numbers in any common form, lists them and removes them', () => {
    const dir = dataDir();
    expect(ringfence('rules', 'add', '138-0013-8000', '--list', 'blocked', '--data-dir', dir, '--label', 'sales').status).toBe(0);
    expect(ringfence('rules', 'add', '+86170*', '--list', 'blocked', '--data-dir', dir).status).toBe(0);
    const dup = ringfence('rules', 'add', '008613800138000', '--list', 'blocked', '--data-dir', dir);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toMatch(/already on the blocked list/);

    const list = ringfence('rules', 'list', '--list', 'blocked', '--data-dir', dir, '--json');
    expect(list.status).toBe(0);
    const page = JSON.parse(list.stdout) as { rules: { kind: string; value: string; label: string }[]; total: number };
    expect(page.total).toBe(2);
    expect(page.rules.map((r) => [r.kind, r.value, r.label])).toEqual(
      expect.arrayContaining([
        ['number', '+8613800138000', 'sales'],
        ['prefix', '+86170', ''],
      ]),
    );
    expect(ringfence('rules', 'list', '--list', 'blocked', '--data-dir', dir).stdout).toMatch(/138 0013 8000\s+sales/);

    expect(ringfence('rules', 'remove', '+8613800138000', '--list', 'blocked', '--data-dir', dir).status).toBe(0);
    const again = ringfence('rules', 'remove', '13800138000', '--list', 'blocked', '--data-dir', dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/is not on the block list/);
  });

  it('exits 2 on an invalid number, as on any other usage error, and changes nothing', () => {
    const dir = dataDir();
    const bad = ringfence('rules', 'add', 'call-me', '--list', 'blocked', '--data-dir', dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/"call-me" is not a phone number/);
    expect(ringfence('rules', 'add', '13800138000', '--data-dir', dir).status).toBe(2);
    expect(ringfence('rules', 'list', '--list', 'blocked').status).toBe(2);
    expect(JSON.parse(ringfence('rules', 'list', '--list', 'blocked', '--data-dir', dir, '--json').stdout).total).toBe(0);
  });

  it('imports nothing when any line is invalid, naming each bad line', () => {
    const dir = dataDir();
    const file = join(dir, 'list.csv');
    writeFileSync(file, 'number,label\n13900001111,a\nnot-a-number,b\n+86 171*,c\n12ab,d\n');
    const r = ringfence('rules', 'import', file, '--list', 'blocked', '--data-dir', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^line 3: not-a-number: .*not a phone number/m);
    expect(r.stderr).toMatch(/^line 5: 12ab: /m);
    expect(JSON.parse(ringfence('rules', 'list', '--list', 'blocked', '--data-dir', dir, '--json').stdout).total).toBe(0);
  });

  it('previews with --dry-run, imports vCard contacts and exports them', () => {
    const dir = dataDir();
    const vcf = join(dir, 'family.vcf');
    writeFileSync(vcf, 'BEGIN:VCARD\nVERSION:3.0\nFN:妈妈\nTEL:13800138000\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Dad\nTEL:+86 139 0000 1111\nEND:VCARD\n');
    const dry = ringfence('rules', 'import', vcf, '--list', 'trusted', '--data-dir', dir, '--dry-run');
    expect(dry.status).toBe(0);
    expect(dry.stdout).toMatch(/Dry run, nothing imported: 2 new/);
    expect(JSON.parse(ringfence('rules', 'list', '--list', 'trusted', '--data-dir', dir, '--json').stdout).total).toBe(0);
    const real = ringfence('rules', 'import', vcf, '--list', 'trusted', '--data-dir', dir);
    expect(real.status).toBe(0);
    expect(real.stdout).toMatch(/Imported 2 into the trusted list/);
    const out = join(dir, 'trusted.csv');
    expect(ringfence('rules', 'export', '--list', 'trusted', '--data-dir', dir, '--out', out).status).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(csv).toMatch(/^number,label,category,action,expires,kind$/m);
    expect(csv).toMatch(/^\+8613800138000,妈妈,,allow,,number$/m);
  });

  it('imports the good lines with --skip-invalid and saves the bad ones beside the list', () => {
    const dir = dataDir();
    const file = join(dir, 'list.txt');
    writeFileSync(file, '13900001111\nnot a number\n13900002222\n');
    const r = ringfence('rules', 'import', file, '--list', 'blocked', '--data-dir', dir, '--skip-invalid');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Imported 2 into the block list/);
    expect(r.stdout).toContain(`saved to ${file}.invalid.csv`);
    expect(readFileSync(`${file}.invalid.csv`, 'utf8')).toMatch(/^2,not a number,/m);
    expect(JSON.parse(ringfence('rules', 'list', '--list', 'blocked', '--data-dir', dir, '--json').stdout).total).toBe(2);
  });

  it('echoes no terminal control from a binary file, shows the first bad lines and counts the rest', () => {
    const dir = dataDir();
    const file = join(dir, 'list.bin');
    const binary = Array.from({ length: 200 }, (_, i) => `\u001b[2J\u001b]0;owned\u0007${i}\u202e\u0000`).join('\n');
    writeFileSync(file, binary);
    const r = ringfence('rules', 'import', file, '--list', 'blocked', '--data-dir', dir);
    expect(r.status).toBe(1);
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(r.stderr).toContain('␛[2J');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('line ')).length).toBe(20);
    expect(r.stderr).toMatch(/… and 180 more invalid line\(s\)/);
    expect(JSON.parse(ringfence('rules', 'list', '--list', 'blocked', '--data-dir', dir, '--json').stdout).total).toBe(0);
  });

  it('never overwrites a file without --force, and never the database', () => {
    const dir = dataDir();
    expect(ringfence('rules', 'add', '13900001111', '--list', 'blocked', '--data-dir', dir).status).toBe(0);
    const db = join(dir, 'ringfence.db');
    const before = readFileSync(db);
    const intoDb = ringfence('rules', 'export', '--list', 'blocked', '--data-dir', dir, '--out', db, '--force');
    expect(intoDb.status).toBe(1);
    expect(intoDb.stderr).toMatch(/one of Ringfence's own database files/);
    expect(readFileSync(db).equals(before)).toBe(true);
    const out = join(dir, 'mine.csv');
    writeFileSync(out, 'my own notes\n');
    const refused = ringfence('rules', 'export', '--list', 'blocked', '--data-dir', dir, '--out', out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/already exists .* add --force to replace it/);
    expect(readFileSync(out, 'utf8')).toBe('my own notes\n');
    expect(ringfence('rules', 'export', '--list', 'blocked', '--data-dir', dir, '--out', out, '--force').status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^\+8613900001111,/m);
  });
});
