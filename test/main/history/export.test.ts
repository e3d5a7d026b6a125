import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import { csvColumns, genesisHash, type History } from '../../../main/history/index.ts';
import { documentedContent, documentedHash, type ExportedCall } from './documented.ts';
import { hour, isoAt, makeCall, openTestHistory, t0, tempDir } from './support.ts';

let history: History;
let out: string;

beforeEach(() => {
  ({ history } = openTestHistory());
  out = tempDir('rf-export-');
  history.recordBatch([
    ...Array.from({ length: 40 }, (_, i) => makeCall(t0 + i * hour, { number: i % 2 ? '13800138000' : '13800138001', action: i % 5 ? 'reject' : 'allow' })),
    makeCall(t0 + 41 * hour, { name: '=HYPERLINK("http://evil.example","x")', number: '17100000000' }),
    makeCall(t0 + 42 * hour, { name: '王小姐', number: '13912345678', action: 'allow' }),
    makeCall(t0 + 43 * hour, { presentation: 'withheld' }),
  ]);
});

const parseCsv = (path: string) => {
  const text = readFileSync(path, 'utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return { text, parsed: Papa.parse<string[]>(text.slice(1), { comments: '#', skipEmptyLines: true }) };
};

describe('CSV export', () => {
  it('writes a UTF-8 file with a byte-order mark, the documented columns and one row per call, oldest first', async () => {
    const file = join(out, 'calls.csv');
    const result = await history.exportTo(file, { format: 'csv', language: 'en', incidents: [] });
    expect(result).toEqual({ rows: 43, head: history.head(), lastId: 43 });
    const { text, parsed } = parseCsv(file);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual([...csvColumns]);
    expect(rows.map((r) => Number(r[0]))).toEqual(Array.from({ length: 43 }, (_, i) => i + 1));
    const col = (name: (typeof csvColumns)[number]) => csvColumns.indexOf(name);
    const chinese = rows.find((r) => r[col('name')] === '王小姐')!;
    expect(chinese[col('decision_zh')]).toBe('已接通：未匹配任何规则');
    expect(chinese[col('normalized')]).toBe('+8613912345678');
    expect(JSON.parse(chinese[col('raw')]!)).toEqual(['RING', '+CLIP: "13912345678",129,,,,0']);
    expect(rows.at(-1)![col('presentation')]).toBe('withheld');
    expect(rows.at(-1)![col('hash')]).toBe(history.head());
    expect(text.trimEnd().split('\r\n').at(-1)).toBe(`# ringfence chain head ${history.head()} record 43; 43 rows exported; verify with "ringfence verify"`);
  });

  it('defuses a caller name that would run as a spreadsheet formula, and leaves +86 numbers as they are', async () => {
    const file = join(out, 'calls.csv');
    await history.exportTo(file, { format: 'csv', language: 'en', incidents: [] });
    const { parsed } = parseCsv(file);
    const row = parsed.data.find((r) => r[0] === '41')!;
    expect(row[csvColumns.indexOf('name')]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(row[csvColumns.indexOf('normalized')]).toBe('+8617100000000');
  });

  it('quotes every cell holding a separator of any locale (, ; tab), so a semicolon cannot open a live second cell', async () => {
    const { history: own } = openTestHistory();
    own.record(makeCall(t0, { name: "x;=cmd|' /C calc'!A0;y", number: '17100000001' }));
    own.record(makeCall(t0 + hour, { name: 'a\tb', number: '17100000002' }));
    const file = join(out, 'separators.csv');
    await own.exportTo(file, { format: 'csv', language: 'en', incidents: [] });
    const { text, parsed } = parseCsv(file);
    expect(text).toContain(`,"x;'=cmd|' /C calc'!A0;y",`);
    expect(text).toContain(`,"a\tb",`);
    // Read with ; as the separator (Excel in most European locales), the name is still one cell.
    const semicolon = Papa.parse<string[]>(text.slice(1), { delimiter: ';', comments: '#', skipEmptyLines: true }).data;
    expect(semicolon.every((row) => !row.some((cell) => cell.startsWith('=cmd')))).toBe(true);
    expect(parsed.data.map((r) => r[csvColumns.indexOf('name')])).toContain("x;'=cmd|' /C calc'!A0;y");
  });

  it('isolates a caller name holding bidi controls in the evidence report, so it cannot reverse the text around it', async () => {
    const { history: own } = openTestHistory();
    own.record(makeCall(t0, { name: 'Zhang\u202eevil', number: '17100000003' }));
    const file = join(out, 'report.html');
    await own.exportTo(file, { format: 'html', language: 'en', incidents: [] });
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('\u2068Zhang\u202eevil\u2069');
    expect(html.replace('\u2068Zhang\u202eevil\u2069', '')).not.toContain('\u202e');
  });

  it('exports only the period and the numbers asked for', async () => {
    const file = join(out, 'some.csv');
    const { rows } = await history.exportTo(file, {
      format: 'csv',
      from: isoAt(t0 + 10 * hour),
      to: isoAt(t0 + 20 * hour),
      numbers: ['138 0013 8000'],
      language: 'en',
      incidents: [],
    });
    const data = parseCsv(file).parsed.data.slice(1);
    expect(rows).toBe(5);
    expect(data.map((r) => Number(r[0]))).toEqual([12, 14, 16, 18, 20]);
    expect(new Set(data.map((r) => r[csvColumns.indexOf('normalized')]))).toEqual(new Set(['+8613800138000']));
  });

  it('reports progress from zero to the total', async () => {
    const seen: [number, number][] = [];
    await history.exportTo(join(out, 'p.csv'), { format: 'csv', language: 'en', incidents: [] }, (done, total) => seen.push([done, total]));
    expect(seen[0]).toEqual([0, 43]);
    expect(seen.at(-1)).toEqual([43, 43]);
    expect(seen.every(([d], i) => i === 0 || d >= seen[i - 1]![0])).toBe(true);
  });
});

describe('export order', () => {
  it('lists calls in the order they were recorded, a call its line reported late included', async () => {
    const late = history.record(makeCall(t0 + 5 * hour + 60_000, { number: '13700000000' }));
    const file = join(out, 'order.csv');
    await history.exportTo(file, { format: 'csv', language: 'en', incidents: [] });
    const ids = parseCsv(file)
      .parsed.data.slice(1)
      .map((r) => Number(r[0]));
    expect(ids).toEqual(Array.from({ length: 44 }, (_, i) => i + 1));
    expect(late.id).toBe(44);
  });
});

describe('JSON export', () => {
  it('carries the chain head, and a complete export re-hashes to it on its own', async () => {
    const file = join(out, 'calls.json');
    await history.exportTo(file, { format: 'json', language: 'en', incidents: [] });
    const doc = JSON.parse(readFileSync(file, 'utf8')) as {
      chain: { head: string; lastId: number };
      count: number;
      calls: ExportedCall[];
    };
    expect(doc.chain).toMatchObject({ head: history.head(), lastId: 43 });
    expect(doc.count).toBe(43);
    let previous = genesisHash;
    for (const call of doc.calls) {
      expect(documentedHash(previous, documentedContent(call))).toBe(call.hash);
      previous = call.hash;
    }
    expect(previous).toBe(doc.chain.head);
  });

  it('writes a valid document when nothing matches', async () => {
    const file = join(out, 'none.json');
    const { rows } = await history.exportTo(file, { format: 'json', from: isoAt(t0 - 10 * hour), to: isoAt(t0 - 5 * hour), language: 'en', incidents: [] });
    expect(rows).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).calls).toEqual([]);
  });
});

describe('every export', () => {
  it('is a snapshot: a call recorded while it runs is not in it', async () => {
    const file = join(out, 'snap.json');
    let recorded = false;
    const { rows } = await history.exportTo(file, { format: 'json', language: 'en', incidents: [] }, () => {
      if (!recorded) history.record(makeCall(t0 + 100 * hour));
      recorded = true;
    });
    expect(rows).toBe(43);
    expect(JSON.parse(readFileSync(file, 'utf8')).calls).toHaveLength(43);
    expect(history.query({ limit: 1000 }).calls).toHaveLength(44);
  });

  it('explains a missing folder or a bad time, and writes nothing', async () => {
    await expect(history.exportTo(join(out, 'no', 'such', 'x.csv'), { format: 'csv', language: 'en', incidents: [] })).rejects.toThrow(
      /folder .* does not exist/,
    );
    await expect(history.exportTo(join(out, 'x.csv'), { format: 'csv', from: 'last week', language: 'en', incidents: [] })).rejects.toThrow(
      /not an ISO 8601 time/,
    );
    await expect(history.exportTo(join(out, 'x.csv'), { format: 'csv', numbers: ['12'], language: 'en', incidents: [] })).rejects.toThrow(/too short/);
    expect(readdirSync(out)).toEqual([]);
  });

  it('leaves no half-written file behind when writing fails', async () => {
    const file = join(out, 'fails.csv');
    const failing = () => {
      throw new Error('disk full');
    };
    await expect(history.exportTo(file, { format: 'csv', language: 'en', incidents: [] }, failing)).rejects.toThrow(
      expect.objectContaining({ code: 'export-failed' }),
    );
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(out).filter((f) => f.includes('fails.csv'))).toEqual([]);
  });
});
