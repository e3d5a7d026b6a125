// What the CLI says when a person gets something wrong: one sentence naming the mistake and the fix, exit 2
// for a mistake on the command line (README: 0 success, 1 failure, 2 usage), never a dump or the
// validator's jargon.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliEntry } from '../../support/paths.ts';

const dir = mkdtempSync(join(tmpdir(), 'rf-cli-messages-'));
const dataDir = join(dir, 'data');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ringfence = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args], { encoding: 'utf8' });

describe('ringfence settings', () => {
  it('suggests the full name of a setting given by its tail, instead of listing every setting', () => {
    const r = ringfence('settings', 'set', 'shield.calls', '8', '--data-dir', dataDir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('ringfence: There is no setting "shield.calls". Did you mean screening.shield.calls?');
  });

  it('suggests the nearest setting for a typo, in get as in set', () => {
    const r = ringfence('settings', 'get', 'homeContry', '--data-dir', dataDir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Did you mean homeCountry?');
  });

  it('says what a number setting accepts and what it got, and exits 2', () => {
    const r = ringfence('settings', 'set', 'screening.shield.calls', '1', '--data-dir', dataDir);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('ringfence: screening.shield.calls must be a whole number from 2 to 1000 (you gave 1).');
    expect(r.stderr).not.toMatch(/Too small|expected/);
  });

  it('names the choices of a choice setting and the two values of a switch', () => {
    const lang = ringfence('settings', 'set', 'language', 'fr', '--data-dir', dataDir);
    expect(lang.status).toBe(2);
    expect(lang.stderr).toContain('language must be one of system, en, zh (you gave fr).');
    const flag = ringfence('settings', 'set', 'screening.shield.enabled', 'maybe', '--data-dir', dataDir);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('screening.shield.enabled is true or false (you gave maybe).');
  });

  it('accepts a lowercase home country and stores it in capitals', () => {
    const r = ringfence('settings', 'set', 'homeCountry', 'cn', '--data-dir', dataDir);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('homeCountry = "CN"');
    expect(ringfence('settings', 'get', 'homeCountry', '--data-dir', dataDir).stdout.trim()).toBe('"CN"');
  });
});

describe('ringfence stats', () => {
  it('takes --period like the Statistics page', () => {
    // A history must exist for stats; serve creates it, and so does adding a rule.
    expect(ringfence('rules', 'add', '+8613800138000', '--list', 'trusted', '--data-dir', dataDir).status).toBe(0);
    const week = ringfence('stats', '--period', 'week', '--json', '--data-dir', dataDir);
    expect(week.status).toBe(0);
    const stats = JSON.parse(week.stdout) as { bucket: string; from: string; to: string };
    expect(stats.bucket).toBe('day');
    const days = (Date.parse(stats.to) - Date.parse(stats.from)) / 86_400_000;
    expect(days).toBeGreaterThan(6);
    expect(days).toBeLessThanOrEqual(7);
  });

  it('suggests --period for a typo rather than --version, and lists the periods', () => {
    const typo = ringfence('stats', '--perod', 'week', '--data-dir', dataDir);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('Did you mean --period?');
    const bad = ringfence('stats', '--period', 'fortnight', '--data-dir', dataDir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Allowed choices are day, week, month, quarter');
    expect(bad.stderr).not.toContain('--version');
  });
});

describe('ringfence rules', () => {
  it('exits 2 for a value that is not a number, prefix or presentation', () => {
    const r = ringfence('rules', 'add', 'abc', '--list', 'blocked', '--data-dir', dataDir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"abc" is not a phone number');
  });
});

describe('ringfence parse', () => {
  it('says a file with no modem output is not a capture, and exits 1', () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'shopping list\nmilk\n');
    const r = ringfence('parse', notes);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${notes} has 2 line(s) of text but no modem output`);
  });

  it('says a capture had no incoming call, on standard error, and exits 0 with nothing on standard output', () => {
    const quiet = join(dir, 'quiet.modem');
    writeFileSync(quiet, '\r\nOK\r\n^RSSI:14\r\n');
    const r = ringfence('parse', quiet);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`no incoming call in ${quiet} (2 line(s) of modem output`);
  });
});
