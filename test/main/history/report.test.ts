import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord, Incident } from '../../../shared/domain.ts';
import type { History } from '../../../main/history/index.ts';
import { launchChromium } from '../../support/browser.ts';
import { day, hour, isoAt, makeCall, openTestHistory, t0, tempDir } from './support.ts';

let browser: Browser;
let history: History;
let out: string;
let inPeriod: CallRecord[];

const from = isoAt(t0);
const to = isoAt(t0 + 7 * day);
const incidents: Incident[] = [
  {
    id: 7,
    startedAt: isoAt(t0 + 2 * day + 3 * hour),
    endedAt: isoAt(t0 + 2 * day + 5 * hour),
    trigger: 'calls',
    cause: { en: '5 calls from 5 unknown numbers within 3 minutes', zh: '3 分钟内 5 个陌生号码来电 5 次' },
    callsRejected: 41,
    distinctNumbers: 38,
    withheldShare: 0.25,
  },
  {
    id: 9,
    startedAt: isoAt(t0 - 30 * day),
    endedAt: isoAt(t0 - 29 * day),
    trigger: 'manual',
    cause: { en: 'Turned on by hand', zh: '手动开启' },
    callsRejected: 3,
    distinctNumbers: 3,
    withheldShare: 0,
  },
];

beforeAll(async () => {
  ({ history } = openTestHistory());
  out = tempDir('rf-report-');
  // A week of a campaign: two numbers hammering the line (one of them on a single day), withheld calls,
  // a friend who rings through, and calls outside the period that must not be counted.
  const calls = [];
  for (let i = 0; i < 7 * 24; i += 2) calls.push(makeCall(t0 + i * hour + 60_000, { number: '17012345678' }));
  for (let i = 0; i < 25; i++)
    calls.push(makeCall(t0 + 2 * day + 3 * hour + i * 4 * 60_000, { number: '16500001111', action: 'answer-hangup', oneRing: i % 2 === 0 }));
  for (let i = 0; i < 9; i++) calls.push(makeCall(t0 + i * 17 * hour, { presentation: 'withheld' }));
  calls.push(makeCall(t0 + 3 * day, { number: '13912345678', action: 'allow', name: '妈妈 <script>alert(1)</script>' }));
  calls.push(makeCall(t0 - day, { number: '17012345678' }), makeCall(t0 + 8 * day, { number: '17012345678' }));
  calls.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  history.recordBatch(calls);
  inPeriod = history.query({ from, to, limit: 1000, order: 'oldest' }).calls;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function open(file: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  return { page, requests };
}

const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"]`).first().textContent();

describe('the evidence report', () => {
  it('shows figures in Chromium that match the recorded calls', async () => {
    const file = join(out, 'report-en.html');
    const { rows, head } = await history.exportTo(file, {
      format: 'html',
      from,
      to,
      language: 'en',
      homeCountry: 'CN',
      incidents,
      line: { label: 'Home landline', number: '+86 10 6512 3456' },
    });
    expect(rows).toBe(inPeriod.length);
    const { page, requests } = await open(file);

    const blocked = inPeriod.filter((c) => c.decision.action === 'reject' || c.decision.action === 'answer-hangup');
    const numbers = new Set(inPeriod.map((c) => c.normalized ?? c.number).filter((n) => n !== null));
    expect(await figure(page, 'total-calls')).toBe(String(inPeriod.length));
    expect(await figure(page, 'blocked')).toBe(String(blocked.length));
    expect(await figure(page, 'rang-through')).toBe('1');
    expect(await figure(page, 'distinct-numbers')).toBe(String(numbers.size));
    expect(await figure(page, 'withheld')).toBe('9');
    expect(await figure(page, 'incidents')).toBe('1');
    expect(await figure(page, 'line')).toBe('Home landline');
    expect(await figure(page, 'chain-head')).toBe(head);

    // Per number: the table's counts are the calls recorded from that number in the period.
    // Numbers as the app shows them (national at home); the machine attributes keep the recorded form.
    for (const [number, shown] of [
      ['+8617012345678', '170 1234 5678'],
      ['+8616500001111', '165 0000 1111'],
    ] as const) {
      const row = page.locator(`tr[data-number="${number}"]`);
      expect(await row.locator('[data-figure="calls"]').textContent()).toBe(String(inPeriod.filter((c) => c.normalized === number).length));
      const complaint = await page.locator(`pre[data-complaint="${number}"]`).textContent();
      expect(await row.locator('td').first().textContent()).toBe(shown);
      expect(complaint).toContain(`Calling number: ${shown}`);
      expect(complaint).toContain(`Calls: ${inPeriod.filter((c) => c.normalized === number).length} on`);
      expect(complaint).toContain('to my number 010 6512 3456');
    }
    expect(await page.locator('pre[data-complaint="+8616500001111"]').textContent()).toMatch(/call bombing|one-ring/);
    expect(await page.locator('tr[data-number="withheld"] [data-figure="calls"]').textContent()).toBe('9');

    // The chart: one bar per day of the period, adding up to the total.
    type Bar = { getAttribute(name: string): string | null };
    const bars = await page
      .locator('svg.chart g[data-day]')
      .evaluateAll((gs: Bar[]) => gs.map((g) => [g.getAttribute('data-day'), Number(g.getAttribute('data-calls'))] as const));
    expect(bars.map(([d]) => d)).toEqual(['2025-03-03', '2025-03-04', '2025-03-05', '2025-03-06', '2025-03-07', '2025-03-08', '2025-03-09']);
    expect(bars.reduce((n, [, c]) => n + c, 0)).toBe(inPeriod.length);
    expect(bars[2]![1]).toBe(inPeriod.filter((c) => c.startedAt.startsWith('2025-03-05')).length);

    // Every call is listed; the caller's name is shown as text, never run.
    expect(await page.locator('table.calls tbody tr').count()).toBe(inPeriod.length);
    expect(await page.getByText('妈妈 <script>alert(1)</script>').count()).toBe(1);
    expect(await page.locator('script').count()).toBe(0);

    // Self-contained: nothing but the file itself was requested.
    expect(requests).toEqual([pathToFileURL(file).href]);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await page.close();
  }, 60_000);

  it('speaks Chinese when asked, complaint texts included', async () => {
    const file = join(out, 'report-zh.html');
    await history.exportTo(file, { format: 'html', from, to, numbers: ['16500001111'], language: 'zh', homeCountry: 'CN', incidents });
    const { page } = await open(file);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.title()).toBe('骚扰电话证据报告');
    expect(await figure(page, 'total-calls')).toBe('25');
    const complaint = await page.locator('pre[data-complaint="+8616500001111"]').textContent();
    expect(complaint).toContain('来电号码：165 0000 1111');
    expect(complaint).toContain('共 25 次，涉及 1 天（单日最多 25 次）');
    expect(readFileSync(file, 'utf8')).toContain('<meta charset="utf-8">');
    await page.close();
  }, 60_000);
});
