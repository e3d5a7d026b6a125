// The evidence report as a person sees it, in real Chromium and both languages: on screen (a screenshot is
// kept in test-results/report/ to look at), and printed to A4 the way the desktop app prints it (print media,
// the report's own @page A4): nothing wider than the page, no number or time broken over two lines, and
// the police summary on a page of its own.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../support/browser.ts';
import { hour, makeCall, makeIncident, openTestHistory, t0, tempDir } from './support.ts';

let browser: Browser;
const shots = join(process.cwd(), 'test-results', 'report');

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(shots, { recursive: true });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

async function report(language: 'en' | 'zh'): Promise<string> {
  const { history } = openTestHistory();
  const on = t0 + 10 * hour;
  const calls = [
    ...Array.from({ length: 4 }, (_, i) => makeCall(on - (8 - 2 * i) * 60_000, { number: `1700000000${i}`, action: i < 2 ? 'allow' : 'reject' })),
    ...Array.from({ length: 60 }, (_, i) =>
      makeCall(on + i * 30_000, {
        number: `17${i % 2}0000${String(100 + (i % 37)).padStart(4, '0')}`,
        name: i === 3 ? '推销 "ACME" 公司很长很长的名字' : null,
      }),
    ),
    ...Array.from({ length: 8 }, (_, i) => makeCall(on + (31 + i) * 60_000, { presentation: 'withheld' })),
    makeCall(on + 50 * 60_000, { number: '17000000199', simulated: true, lineId: 'demo' }),
  ];
  history.recordBatch(calls);
  history.recordIncidents([makeIncident(on, on + 100 * 60_000)]);
  const file = join(tempDir('rf-print-'), `report-${language}.html`);
  await history.exportTo(file, {
    format: 'html',
    language,
    incidents: history.incidents(),
    ownNumbers: ['13512345678'],
    line: { label: language === 'zh' ? '妈妈的手机' : "Mum's mobile" },
  });
  return file;
}

describe('the evidence report in Chromium', () => {
  for (const language of ['en', 'zh'] as const) {
    it(`prints to A4 in ${language === 'en' ? 'English' : 'Chinese'} without overflow or a broken number`, async () => {
      const file = await report(language);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(file).href);
      await page.screenshot({ path: join(shots, `report-${language}-screen.png`), fullPage: false });
      // A4 at 96 dpi with the report's 12 mm margins: 210 mm − 24 mm = 186 mm ≈ 703 px of content width.
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 703, height: 1000 });
      // In the page (a string, so this Node-side file needs no DOM types): numbers and times that broke over
      // two lines (an inline element with more than one box), the widest thing, and the police page break.
      const layout = (await page.evaluate(`(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        wrapped: [...document.querySelectorAll('.num, .time')].filter((e) => e.getClientRects().length > 1).map((e) => e.textContent),
        policeBreak: getComputedStyle(document.querySelector('section.police')).breakBefore,
      }))()`)) as { scrollWidth: number; wrapped: string[]; policeBreak: string };
      await page.screenshot({ path: join(shots, `report-${language}-print.png`), fullPage: false });
      expect(layout.wrapped).toEqual([]);
      expect(layout.scrollWidth).toBeLessThanOrEqual(703);
      expect(layout.policeBreak).toBe('page');
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
      await page.close();
    }, 60_000);
  }
});
