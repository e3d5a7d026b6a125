// The exports show numbers and times the way the app does — one number formatter (shared/phone.ts: national
// for the home country, international otherwise) and one date/time formatter (shared/datetime.ts: the
// person's language, the recording clock's zone named) — while every column the chain hashes stays exactly as
// recorded. In the report, a number is never broken over two lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvColumns, type History } from '../../../main/history/index.ts';
import { launchChromium } from '../../support/browser.ts';
import { hour, makeCall, openTestHistory, t0, tempDir } from './support.ts';

let history: History;
let out: string;
let browser: Browser;

beforeAll(async () => {
  ({ history } = openTestHistory());
  out = tempDir('rf-display-');
  history.recordBatch([
    // A Chinese mobile number calling again and again (gets a complaint), a Hong Kong number, a withheld call.
    ...Array.from({ length: 4 }, (_, i) => makeCall(t0 + 14 * hour + i * 60_000, { number: '13800138000' })),
    makeCall(t0 + 15 * hour, { number: '+85251234567', action: 'allow' }),
    makeCall(t0 + 16 * hour, { presentation: 'withheld' }),
  ]);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('numbers and times in the exports', () => {
  it('leaves the CSV and JSON as recorded: the home country and the language change no byte of them', async () => {
    const read = async (format: 'csv' | 'json', language: 'en' | 'zh', homeCountry?: string) => {
      const file = join(out, `calls-${language}-${homeCountry ?? 'none'}.${format}`);
      await history.exportTo(file, { format, language, ...(homeCountry ? { homeCountry } : {}), incidents: [] });
      return readFileSync(file, 'utf8');
    };
    const csv = await read('csv', 'en');
    expect(await read('csv', 'zh', 'CN')).toBe(csv);
    const [header, first] = Papa.parse<string[]>(csv.slice(1), { comments: '#', skipEmptyLines: true }).data;
    expect(header).toEqual([...csvColumns]);
    const row = Object.fromEntries(csvColumns.map((c, i) => [c, first![i]]));
    expect(row).toMatchObject({ number: '13800138000', normalized: '+8613800138000', started_at: '2025-03-03T14:00:00.000+08:00' });
    const json = (s: string) => (JSON.parse(s) as { calls: unknown[] }).calls;
    expect(json(await read('json', 'zh', 'HK'))).toEqual(json(await read('json', 'en')));
  });

  it("writes the report's numbers and times as the app does, in both languages, with the zone named", async () => {
    for (const language of ['en', 'zh'] as const) {
      const file = join(out, `report-${language}.html`);
      await history.exportTo(file, {
        format: 'html',
        language,
        homeCountry: 'CN',
        incidents: [],
        ownNumbers: ['+8613512345678'],
        line: { label: 'Home', number: '13512345678' },
      });
      const html = readFileSync(file, 'utf8');
      // Per-number table and call list: the app's form; the machine attribute keeps the recorded number.
      expect(html).toMatch(/<tr data-number="\+8613800138000"><td class="num">138 0013 8000<\/td>/);
      expect(html).toContain('<td class="num">+852 5123 4567</td>');
      expect(html).not.toMatch(/>\+8613800138000</);
      expect(html).toContain('data-figure="own-numbers"><span class="num">135 1234 5678</span></dd>');
      const complaint = /<pre class="complaint" data-complaint="\+8613800138000">([\s\S]*?)<\/pre>/.exec(html)![1]!;
      expect(complaint).toContain(
        language === 'en' ? 'Calling number: <span class="num">138 0013 8000</span>' : '来电号码：<span class="num">138 0013 8000</span>',
      );
      // One zone for every call: named once in the table head, the times in the person's language.
      expect(html).toContain(language === 'en' ? '<th>Time (UTC+08:00)</th>' : '<th>时间（UTC+08:00）</th>');
      expect(html).toContain(language === 'en' ? '<td class="time">3 Mar 2025, 14:00:00</td>' : '<td class="time">2025年3月3日 14:00:00</td>');
      expect(html).toContain(language === 'en' ? 'data-figure="busiest-day">3 Mar 2025 (6)' : 'data-figure="busiest-day">2025年3月3日 (6)');
      // The chart names its days the same way (its data-day stays ISO for scripts).
      expect(html).toContain(language === 'en' ? '<title>3 Mar 2025: 6 (blocked 5)</title>' : '<title>2025年3月3日: 6 (已拦截 5)</title>');
      expect(html).toContain(language === 'en' ? 'class="axis">3 Mar</text>' : 'class="axis">3月3日</text>');
    }
  });

  it('keeps every number of the report on one line, even on a narrow page', async () => {
    const file = join(out, 'report-narrow.html');
    await history.exportTo(file, { format: 'html', language: 'en', homeCountry: 'CN', incidents: [], line: { label: 'Home', number: '13512345678' } });
    const page = await browser.newPage({ viewport: { width: 260, height: 800 } });
    await page.goto(pathToFileURL(file).href);
    type Box = { textContent: string | null; getClientRects(): { length: number } };
    const broken = await page.locator('.num').evaluateAll((els: Box[]) => els.filter((e) => e.getClientRects().length !== 1).map((e) => e.textContent));
    const numbers = await page.locator('pre.complaint .num').allTextContents();
    expect(numbers).toEqual(expect.arrayContaining(['138 0013 8000', '135 1234 5678']));
    expect(broken).toEqual([]);
    // Copied, the complaint is the plain text with ordinary spaces.
    expect(await page.locator('pre[data-complaint="+8613800138000"]').textContent()).toContain('Calling number: 138 0013 8000');
    await page.close();
  }, 60_000);
});
