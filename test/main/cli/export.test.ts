import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cliEntry } from '../../support/paths.ts';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvColumns } from '../../../main/history/index.ts';
import { dataDirWithCalls, ringfence } from '../history/cli-support.ts';

describe('ringfence export', () => {
  it('writes the CSV and says how many calls it wrote, with the chain head', () => {
    const { dir, history, close } = dataDirWithCalls(30);
    const head = history.head();
    close();
    const out = join(dir, 'calls.csv');
    const r = ringfence('export', '--data-dir', dir, '--format', 'csv', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`exported 30 calls to ${out} (chain head ${head})\n`);
    const rows = Papa.parse<string[]>(readFileSync(out, 'utf8').slice(1), { comments: '#', skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...csvColumns]);
    expect(rows).toHaveLength(31);
  });

  it('limits the export to a period and to the numbers given, in any common form', () => {
    const { dir, close } = dataDirWithCalls(30);
    close();
    const out = join(dir, 'some.json');
    const r = ringfence(
      'export',
      '--data-dir',
      dir,
      '--format',
      'json',
      '--from',
      '2025-03-03T06:00:00+08:00',
      '--to',
      '2025-03-04T00:00:00+08:00',
      '--number',
      '+86 138 0013 8000',
      '--out',
      out,
    );
    expect(r.status).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.calls.map((c: { id: number }) => c.id)).toEqual([7, 10, 13, 16, 19, 22]);
    expect(doc.filter.numbers).toEqual(['+86 138 0013 8000']);
  });

  it('writes the evidence report in Chinese for the line it is about', () => {
    const { dir, close } = dataDirWithCalls(30);
    close();
    const out = join(dir, 'report.html');
    const r = ringfence(
      'export',
      '--data-dir',
      dir,
      '--format',
      'html',
      '--language',
      'zh',
      '--line-label',
      '妈妈家座机',
      '--line-number',
      '010 6512 3456',
      '--out',
      out,
    );
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>骚扰电话证据报告</title>');
    expect(html).toContain('妈妈家座机');
    // The line's number in the app's form, held on one line in the layout (a span), plain text when copied.
    expect(html.replace(/<\/?span[^>]*>/g, '')).toContain('被叫号码：010 6512 3456');
  });

  it('takes a date for --from and --to: from the start of the first local day to the end of the last', () => {
    const { dir, close } = dataDirWithCalls(30);
    close();
    const out = join(dir, 'day.json');
    const env = { ...process.env, LANG: 'C', TZ: 'Asia/Shanghai' };
    const r = spawnSync(
      process.execPath,
      [cliEntry, 'export', '--data-dir', dir, '--format', 'json', '--from', '2025-03-03', '--to', '2025-03-03', '--out', out],
      { encoding: 'utf8', env },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    // Calls every hour from 2025-03-03 00:00 (+08:00): the day holds the first 24.
    expect(doc.calls).toHaveLength(24);
    expect(doc.filter).toMatchObject({ from: '2025-03-03T00:00:00+08:00', to: '2025-03-04T00:00:00+08:00' });
  });

  it('writes the evidence pack as a folder: the report, an A4 PDF, the calls, the checkpoints and verify.mjs, which holds', () => {
    const { dir, close } = dataDirWithCalls(30);
    close();
    const out = join(dir, 'pack');
    const r = ringfence('export', '--data-dir', dir, '--format', 'pack', '--language', 'zh', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^exported the evidence pack \(30 calls, with report\.pdf\) to /);
    expect(readdirSync(out).sort()).toEqual([
      'HOW-TO-VERIFY.txt',
      'calls.csv',
      'calls.json',
      'chain.jsonl',
      'checkpoints.json',
      'report.html',
      'report.pdf',
      'verify.mjs',
    ]);
    const pdf = readFileSync(join(out, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 595 × 842 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
    const v = spawnSync(process.execPath, ['verify.mjs'], { cwd: out, encoding: 'utf8', env: {} });
    expect(v.stdout).toContain('the pack holds');
    // The export left a checkpoint behind, which verify now finds and matches.
    const check = ringfence('verify', '--data-dir', dir);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/checkpoint matches: record 30 of /);
  }, 60_000);

  it('treats a bad time, a missing --out or an unknown format as a usage error and writes nothing', () => {
    const { dir, close } = dataDirWithCalls(3);
    close();
    const out = join(dir, 'x.csv');
    const badTime = ringfence('export', '--data-dir', dir, '--format', 'csv', '--from', 'last tuesday', '--out', out);
    expect(badTime.status).toBe(2);
    expect(badTime.stderr).toMatch(/--from "last tuesday" is not a date or time: use a date such as 2025-03-01/);
    expect(ringfence('export', '--data-dir', dir, '--format', 'csv').status).toBe(2);
    expect(ringfence('export', '--data-dir', dir, '--format', 'pdf', '--out', out).status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('never overwrites the live database, and replaces an earlier export only with --force', () => {
    const { dir, close } = dataDirWithCalls(5);
    close();
    const db = join(dir, 'ringfence.db');
    for (const target of [db, `${db}-wal`, join(dir, 'settings.json')]) {
      const r = ringfence('export', '--data-dir', dir, '--format', 'csv', '--out', target, '--force');
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/one of Ringfence's own database files/);
    }
    // The history is intact: every record there, the chain holding.
    const verified = ringfence('verify', '--data-dir', dir);
    expect(verified.status).toBe(0);
    expect(verified.stdout).toMatch(/chain holds: 5 records/);

    const out = join(dir, 'report.html');
    writeFileSync(out, 'my earlier report');
    const refused = ringfence('export', '--data-dir', dir, '--format', 'html', '--out', out);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/already exists and was left as it is: choose another name, or add --force/);
    expect(readFileSync(out, 'utf8')).toBe('my earlier report');
    expect(ringfence('export', '--data-dir', dir, '--format', 'html', '--out', out, '--force').status).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^<!doctype html>/i);
    // No temporary file is left beside it.
    expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
  });
});
