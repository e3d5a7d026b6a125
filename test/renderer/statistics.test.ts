// Statistics as a newcomer reads them: the flood marker drawn whole, an ongoing flood said in a sentence
// that reads, and rotating numbers grouped by their range (what "top callers" cannot show), in both languages.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { inPage } from './support/in-page.ts';
import { openApp, showPage, startUiUnderTest, type UiUnderTest } from './support/ui-under-test.ts';

let ui: UiUnderTest;
let browser: Browser;
beforeAll(async () => {
  [ui, browser] = await Promise.all([startUiUnderTest(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

/** Each scatter marker's box against its chart's drawing surface: how far it sticks out on any side. */
const markerOverflowScript = `() => [...document.querySelectorAll('.recharts-scatter-symbol')].map((m) => {
  const svg = m.closest('svg.recharts-surface').getBoundingClientRect();
  const b = m.getBoundingClientRect();
  return { top: svg.top - b.top, right: b.right - svg.right, bottom: b.bottom - svg.bottom, left: svg.left - b.left, width: b.width };
})`;

const text = {
  en: {
    cancel: 'Cancel',
    sms: '2,002Text messages received · 1 flagged',
    incidentSms: 'Also 45 text messages (1 flagged).',
    day: 'Last 24 hours',
    ranges: 'Busiest number ranges',
    block: 'Block +86171*',
    ongoing: /^From .+, still going on: \d+ calls blocked/,
    turnOn: 'Turn the shield on now',
    end: 'End the shield',
  },
  zh: {
    cancel: '取消',
    sms: '2,002收到的短信 · 1 条已标记',
    incidentSms: '同期收到短信 45 条（1 条已标记）。',
    day: '最近 24 小时',
    ranges: '来电最多的号段',
    block: '拦截 +86171*',
    ongoing: /^.+ 起，仍在持续：拦截来自/,
    turnOn: '立即开启护盾',
    end: '结束护盾',
  },
} as const;

describe('Statistics', () => {
  for (const language of ['en', 'zh'] as const) {
    it(`draws the flood marker whole, groups rotating numbers by range and words an ongoing flood, in ${language}`, { timeout: 90_000 }, async () => {
      const { context, page, errors } = await openApp(browser, ui, { language, page: 'statistics' });
      const l = text[language];
      // The seeded flood was two hours ago: in the last 24 hours it is the tallest point, near the right edge.
      await page.getByRole('combobox').first().selectOption({ label: l.day });
      await page.locator('.recharts-scatter-symbol').first().waitFor();
      const markers = await inPage<{ top: number; right: number; bottom: number; left: number; width: number }[]>(page, markerOverflowScript);
      expect(markers.length).toBeGreaterThan(0);
      for (const m of markers) {
        expect(m.width).toBeGreaterThan(0);
        expect(Math.max(m.top, m.right, m.bottom, m.left)).toBeLessThanOrEqual(0);
      }

      // Twelve one-off numbers from +86 171: one range, twelve numbers, one click to block it.
      const ranges = page.getByTestId('top-ranges');
      await ranges.getByRole('heading', { name: l.ranges }).waitFor();
      const row = ranges.locator('tbody tr').first();
      expect(await row.textContent()).toContain('+86171');
      await row.getByRole('button', { name: l.block }).waitFor();

      // A flood still going on reads as one, not "… to still going on".
      await showPage(page, 'overview');
      await page.getByRole('button', { name: l.turnOn }).click();
      await showPage(page, 'statistics');
      const incident = page.locator('.incident-list li').first();
      await expect.poll(async () => (await incident.textContent()) ?? '', { timeout: 15_000 }).toMatch(l.ongoing);
      expect(await page.locator('.incident-list').textContent()).not.toMatch(/to still going on|至 仍在持续/);
      // The SMS beside the calls: how many, how many flagged (a link to them), and per flood.
      expect(await page.getByTestId('stat-messages').textContent()).toBe(l.sms);
      expect(await page.getByTestId('stat-messages').getByRole('link').getAttribute('href')).toBe('#/messages');
      expect(await incident.textContent()).toContain(l.incidentSms);
      // A flood can be reported as a whole: the dialog shows the prepared text; nothing is sent by opening it.
      await incident.getByTestId('incident-report-sms').click();
      await expect.poll(() => page.getByTestId('complaint-text').inputValue(), { timeout: 15_000 }).toMatch(/\*/);
      expect(ui.calls('sendComplaintSms')).toEqual([]);
      await page.getByRole('dialog').getByRole('button', { name: l.cancel }).click();
      await showPage(page, 'overview');
      await page.getByRole('button', { name: l.end }).click();
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
