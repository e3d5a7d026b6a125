// Date fields follow the UI's language, not the browser's: <input type=date> shows the browser locale's
// order (mm/dd/yyyy for a Chinese UI in a US-English browser) and cannot be told otherwise. A Chinese user
// writes and reads 年/月/日 (2026/12/01), an English user dd/mm/yyyy — on History and on Evidence, whatever
// the browser's own locale. The calendar beside each field speaks the UI's language too.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { showPage, startUiUnderTest } from './support/ui-under-test.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const cases = [
  {
    ui: 'zh',
    browserLocale: 'en-US',
    languageLabel: 'Language',
    from: '开始日期',
    placeholder: '年/月/日',
    typed: '2026/12/01',
    iso: '2026-12-01',
    exportButton: '导出',
    calendar: '开始日期：从日历中选择',
    month: '2026年12月',
    monday: '周一',
    next: '2026/12/02',
  },
  {
    ui: 'en',
    browserLocale: 'zh-CN',
    languageLabel: '语言',
    from: 'From',
    placeholder: 'dd/mm/yyyy',
    typed: '01/12/2026',
    iso: '2026-12-01',
    exportButton: 'Export',
    calendar: 'From: choose on a calendar',
    month: 'December 2026',
    monday: 'Mon',
    next: '02/12/2026',
  },
] as const;

const dateFieldsOf = (page: Page) => page.locator('input[type="date"]').count();

describe('date fields in the UI language', () => {
  for (const c of cases) {
    it(`shows and reads ${c.placeholder} in a ${c.ui} UI on a ${c.browserLocale} browser`, { timeout: 120_000 }, async () => {
      const ui = await startUiUnderTest();
      const context = await browser.newContext({ locale: c.browserLocale, timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 860 } });
      try {
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(ui.url);
        await page.locator('h1').first().waitFor();
        // The user picks the UI language in Settings; the browser keeps its own locale.
        await showPage(page, 'settings');
        await page.getByLabel(c.languageLabel, { exact: true }).selectOption(c.ui);
        await page.locator(`html[lang="${c.ui === 'zh' ? 'zh-CN' : 'en'}"]`).waitFor();

        // History: the range filter.
        await showPage(page, 'history');
        expect(await dateFieldsOf(page)).toBe(0);
        const from = page.getByRole('textbox', { name: c.from, exact: true });
        expect(await from.getAttribute('placeholder')).toBe(c.placeholder);
        await from.fill(c.typed);
        await from.press('Enter');
        await expect.poll(() => (ui.calls('queryCalls').at(-1)?.input as { from?: string }).from?.slice(0, 10), { timeout: 15_000 }).toBe(c.iso);

        // The calendar: the month and the weekdays in the UI's language, the keyboard moves a day, Enter picks.
        await page.getByRole('button', { name: c.calendar }).click();
        const calendar = page.getByRole('dialog', { name: c.calendar });
        await calendar.waitFor();
        expect(await calendar.locator('.calendar-month').textContent()).toBe(c.month);
        expect(await calendar.locator('th').first().textContent()).toBe(c.monday);
        const box = (await calendar.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(1280);
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('Enter');
        await calendar.waitFor({ state: 'detached' });
        expect(await from.inputValue()).toBe(c.next);
        await expect.poll(() => (ui.calls('queryCalls').at(-1)?.input as { from?: string }).from?.slice(0, 10), { timeout: 15_000 }).toBe('2026-12-02');
        // Escape closes it and gives the focus back to its button.
        await page.getByRole('button', { name: c.calendar }).click();
        await calendar.waitFor();
        await page.keyboard.press('Escape');
        await calendar.waitFor({ state: 'detached' });
        expect(await page.locator(':focus').getAttribute('aria-label')).toBe(c.calendar);

        // Evidence: the export range, read in the UI's order and sent as that local day.
        await showPage(page, 'evidence');
        expect(await dateFieldsOf(page)).toBe(0);
        const exportFrom = page.getByRole('textbox', { name: c.from, exact: true });
        expect(await exportFrom.getAttribute('placeholder')).toBe(c.placeholder);
        await exportFrom.fill(c.typed);
        await exportFrom.blur();
        await page.getByRole('button', { name: c.exportButton, exact: true }).click();
        await expect
          .poll(() => (ui.calls('exportHistory').at(-1)?.input as { from?: string } | undefined)?.from?.slice(0, 10), { timeout: 15_000 })
          .toBe(c.iso);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
        await ui.close();
      }
    });
  }

  it('keeps the calendar inside a small zoomed window (1024×768 at 200 %), for the field at the right too', { timeout: 120_000 }, async () => {
    const ui = await startUiUnderTest();
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 512, height: 384 }, deviceScaleFactor: 2 });
    try {
      const page = await context.newPage();
      await page.goto(ui.url);
      await page.locator('h1').first().waitFor();
      await showPage(page, 'evidence');
      for (const field of ['开始日期', '结束日期']) {
        await page.getByRole('button', { name: `${field}：从日历中选择` }).click();
        const calendar = page.getByRole('dialog', { name: `${field}：从日历中选择` });
        await calendar.waitFor();
        const box = (await calendar.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(512);
        await page.keyboard.press('Escape');
        await calendar.waitFor({ state: 'detached' });
      }
    } finally {
      await context.close();
      await ui.close();
    }
  });
});
