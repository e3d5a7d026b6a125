// The attacks of issue 13 through the real paths: simulated modems presenting hostile caller IDs to the real
// `ringfence serve`, the HTTP API, and the CLI. Each one asserts the user's rules and data are unchanged.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, Rule } from '../../../shared/domain.ts';
import { startSimulator, type Simulator } from '../../../main/sim/index.ts';
import { cliEntry } from '../../support/paths.ts';
import { startServe, type ServeProcess } from '../../support/serve.ts';
import { waitFor } from '../../support/wait.ts';

const dir = mkdtempSync(join(tmpdir(), 'rf-hostile-'));
const dataDir = join(dir, 'data');
const cli = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args, '--data-dir', dataDir], { encoding: 'utf8' });

let gsm: Simulator;
let landline: Simulator;
let serve: ServeProcess;

const rules = async (list: 'blocked' | 'trusted') =>
  (await serve.call<{ rules: Rule[] }>('listRules', { list })).body.rules.map((r) => `${r.kind}:${r.value}`).sort();
const calls = async () => (await serve.call<{ calls: CallRecord[] }>('queryCalls', { limit: 100 })).body.calls;

describe('a hostile line and a hostile local process', { tags: ['pty'] }, () => {
  beforeAll(async () => {
    gsm = await startSimulator({ link: join(dir, 'gsm'), profile: 'huawei-e173', timeScale: 10 });
    landline = await startSimulator({ link: join(dir, 'landline'), profile: 'usr5637', timeScale: 10 });
    expect(cli('settings', 'set', 'homeCountry', 'CN').status).toBe(0);
    expect(cli('rules', 'add', '+8617011112222', '--list', 'blocked', '--label', 'spam').status).toBe(0);
    expect(cli('rules', 'add', '13900001111', '--list', 'trusted', '--label', 'Mum').status).toBe(0);
    serve = await startServe(['--data-dir', dataDir, '--modem', gsm.link, '--modem', landline.link], { timeoutMs: 60_000 });
    await waitFor(async () => (await serve.call<{ lines: { state: string }[] }>('getStatus')).body.lines.every((l) => l.state === 'ready'), 'both lines ready');
  });

  afterAll(async () => {
    await serve?.stop();
    await gsm?.close();
    await landline?.close();
  });

  it('stores a presented +8*, markup or escape sequence as presented text: no number, no pattern, no rule', async () => {
    const before = { blocked: await rules('blocked'), trusted: await rules('trusted') };
    await gsm.placeCall({ number: '13800000000', presentation: 'allowed', presented: { number: '+8*', name: '\u001b[2J\u202eevil' }, rings: 2 });
    await landline.placeCall({ number: '4075551212', presentation: 'allowed', presented: { number: '<img src=x onerror=alert(1)>' }, rings: 2 });
    const recorded = await waitFor(async () => {
      const all = await calls();
      const a = all.find((c) => c.presentedNumber === '+8*');
      const b = all.find((c) => c.presentedNumber?.startsWith('<img'));
      return a && b ? { a, b } : null;
    }, 'both hostile calls recorded');
    expect(recorded.a).toMatchObject({ number: null, presentation: 'allowed', name: '␛[2J\u202eevil', controlsReplaced: 1 });
    expect(recorded.a.decision.text.en).toMatch(/not a usable phone number/);
    expect(recorded.b).toMatchObject({ number: null, presentedNumber: '<img src=x onerror=alert(1)>' });
    // The raw lines keep the bytes exactly as the modem sent them (the name in UCS2 hex), for the evidence.
    expect(recorded.a.raw.join('\n')).toContain('"+8*",145,,,"001B005B0032004A202E');
    expect({ blocked: await rules('blocked'), trusted: await rules('trusted') }).toEqual(before);
  });

  it('refuses to make a rule without its kind, and an exact-number rule from a presented pattern', async () => {
    const before = await rules('blocked');
    const guessed = await serve.call<{ error: { code: string } }>('addRule', { list: 'blocked', value: '+8*' });
    expect(guessed.status).toBe(400);
    expect(guessed.body.error.code).toBe('invalid-input');
    const exact = await serve.call<{ error: { code: string; message: string } }>('addRule', { list: 'blocked', value: '+8*', kind: 'number' });
    expect(exact.status).toBe(400);
    expect(exact.body.error.message).toMatch(/not a phone number/);
    expect(await rules('blocked')).toEqual(before);
  });

  it('imports vCard TEL fields as exact numbers only: *611 trusts nobody', async () => {
    const before = await rules('trusted');
    const vcf = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Carrier', 'TEL:*611', 'TEL:*86', 'END:VCARD'].join('\r\n');
    const preview = await serve.call<{ token: string; added: number; invalidCount: number }>('previewImport', {
      list: 'trusted',
      content: vcf,
      fileName: 'c.vcf',
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ added: 0, invalidCount: 2 });
    const commit = await serve.call<{ error: { code: string } }>('commitImport', { token: preview.body.token });
    expect(commit.body.error.code).toBe('import-invalid');
    expect(await rules('trusted')).toEqual(before);
  });

  it('answers a body over 64 MB with 413 and a sentence, and keeps screening', async () => {
    const before = await rules('blocked');
    const huge = JSON.stringify({ list: 'blocked', content: '13800138000\n'.repeat(5_600_000) });
    const res = await fetch(`${serve.url}/api/previewImport`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/larger than 64 MB .* the most this server accepts/);
    expect((await gsm.placeCall({ number: '+8617011112222', presentation: 'allowed', rings: 3 })).outcome).toBe('rejected');
    expect(await rules('blocked')).toEqual(before);
  });

  it('gives two exports started in the same second their own files, each link serving its own request', async () => {
    const [all, one] = await Promise.all([
      serve.call<{ fileName: string; url: string; rows: number }>('exportHistory', { format: 'csv' }),
      serve.call<{ fileName: string; url: string; rows: number }>('exportHistory', { format: 'csv', numbers: ['+8617011112222'] }),
    ]);
    expect(all.status).toBe(200);
    expect(one.status).toBe(200);
    expect(all.body.fileName).not.toBe(one.body.fileName);
    expect(all.body.url).not.toBe(one.body.url);
    const body = async (url: string) => (await fetch(`${serve.url}${url}`)).text();
    const oneText = await body(one.body.url);
    const dataLines = (text: string) =>
      text
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .slice(1);
    expect(dataLines(oneText)).toHaveLength(one.body.rows);
    expect(dataLines(oneText).every((l) => l.includes('+8617011112222'))).toBe(true);
    expect(dataLines(await body(all.body.url))).toHaveLength(all.body.rows);
    expect(all.body.rows).toBeGreaterThan(one.body.rows);
  });

  it('never lets an export overwrite the database', () => {
    const db = join(dataDir, 'ringfence.db');
    const before = readFileSync(db).length;
    const r = cli('rules', 'export', '--list', 'blocked', '--out', db, '--force');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/one of Ringfence's own database files/);
    expect(readFileSync(db).length).toBeGreaterThanOrEqual(before);
  });

  it('prints no terminal control from a binary list and imports none of it', () => {
    const file = join(dir, 'binary.txt');
    writeFileSync(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256)));
    const r = cli('rules', 'import', file, '--list', 'blocked');
    expect(r.status).toBe(1);
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
    expect(r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});
