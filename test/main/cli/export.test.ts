import { existsSync, readFileSync } from 'node:fs';
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
      'export', '--data-dir', dir, '--format', 'json', '--from', '2025-03-03T06:00:00+08:00', '--to', '2025-03-04T00:00:00+08:00',
      '--number', '+86 138 0013 8000', '--out', out,
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
    const r = ringfence('export', '--data-dir', dir, '--format', 'html', '--language', 'zh', '--line-label', '妈妈家座机', '--line-number', '010 6512 3456', '--out', out);
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<title>骚扰电话证据报告</title>');
    expect(html).toContain('妈妈家座机');
    expect(html).toContain('被叫号码：010 6512 3456');
  });

  it('treats a bad time, a missing --out or an unknown format as a usage error and writes nothing', () => {
    const { dir, close } = dataDirWithCalls(3);
    close();
    const out = join(dir, 'x.csv');
    const badTime = ringfence('export', '--data-dir', dir, '--format', 'csv', '--from', 'last tuesday', '--out', out);
    expect(badTime.status).toBe(2);
    expect(badTime.stderr).toMatch(/--from "last tuesday" is not an ISO 8601 time/);
    expect(ringfence('export', '--data-dir', dir, '--format', 'csv').status).toBe(2);
    expect(ringfence('export', '--data-dir', dir, '--format', 'pdf', '--out', out).status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
