// History does what users do: one box finds a caller by number or by name; Block, Trust and Remove can be
// undone for 10 seconds; a caller on a list can be unblocked or untrusted; the presets set the ranges people
// ask for; the Caller ID filter says what it filters; dates are typed in the UI's language. Both languages.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { openApp, startUiUnderTest } from './support/ui-under-test.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const text = {
  en: {
    search: 'Search',
    block: 'Block',
    undo: 'Undo',
    blocked: 'Blocked 139 1234 5678',
    undone: 'Undone',
    unblock: 'Unblock this number',
    unblocked: 'Unblocked 139 1234 5678',
    week: 'Last 7 days',
    callerId: 'Caller ID',
    shown: 'Number shown',
    from: 'From',
    datePlaceholder: 'dd/mm/yyyy',
    typed: '01/02/2020',
    notDate: 'Not a date',
  },
  zh: {
    search: '搜索',
    block: '拦截',
    undo: '撤销',
    blocked: '已拦截 139 1234 5678',
    undone: '已撤销',
    unblock: '取消拦截此号码',
    unblocked: '已取消拦截 139 1234 5678',
    week: '最近 7 天',
    callerId: '来电显示',
    shown: '显示号码',
    from: '开始日期',
    datePlaceholder: '年/月/日',
    typed: '2020/02/01',
    notDate: '不是有效日期',
  },
} as const;

const rowsText = (page: Page) => page.locator('tr[data-call-id]').allTextContents();

describe('History as people use it', () => {
  for (const language of ['en', 'zh'] as const) {
    it(`finds callers by name or number, undoes a Block, unblocks from the details, in ${language}`, { timeout: 120_000 }, async () => {
      const ui = await startUiUnderTest();
      try {
        const { context, page, errors } = await openApp(browser, ui, { language, page: 'history' });
        const l = text[language];
        const search = page.getByRole('searchbox', { name: l.search });

        // A name in the search box finds that caller's calls (it used to be refused: "Mum has no digits").
        await search.fill('Mum');
        await expect
          .poll(async () => (await rowsText(page)).length > 0 && (await rowsText(page)).every((t) => t.includes('138 0013 8000')), { timeout: 15_000 })
          .toBe(true);
        expect(ui.calls('queryCalls').at(-1)?.input).toMatchObject({ name: 'Mum' });
        await search.fill('139 1234');
        await expect
          .poll(async () => (await rowsText(page)).length > 0 && (await rowsText(page)).every((t) => t.includes('139 1234 5678')), { timeout: 15_000 })
          .toBe(true);

        // Block, then Undo within the 10 s: the rule is gone again.
        const row = page.locator('tr[data-call-id]').first();
        await row.getByRole('button', { name: l.block, exact: true }).click();
        const toast = page.locator('.toast');
        await toast.getByText(l.blocked).waitFor();
        await expect.poll(() => ui.rules('blocked').some((r) => r.value === '+8613912345678'), { timeout: 15_000 }).toBe(true);
        await toast.getByRole('button', { name: l.undo }).click();
        await toast.getByText(l.undone).waitFor();
        await expect.poll(() => ui.rules('blocked').some((r) => r.value === '+8613912345678'), { timeout: 15_000 }).toBe(false);

        // Blocked again, the details offer to unblock it, with Undo too.
        await row.getByRole('button', { name: l.block, exact: true }).click();
        await toast.getByText(l.blocked).waitFor();
        await row.locator('[data-col="caller"]').click();
        const panel = page.getByRole('dialog');
        await panel.getByRole('button', { name: l.unblock }).click();
        await toast.getByText(l.unblocked).waitFor();
        await expect.poll(() => ui.rules('blocked').some((r) => r.value === '+8613912345678'), { timeout: 15_000 }).toBe(false);
        expect(errors).toEqual([]);
        await context.close();
      } finally {
        await ui.close();
      }
    });

    it(`undoes removing a rule from a list, in ${language}`, { timeout: 90_000 }, async () => {
      const ui = await startUiUnderTest();
      try {
        const { context, page } = await openApp(browser, ui, { language, page: 'rules' });
        const before = ui.rules('trusted').length;
        const remove = page.locator('[data-rule-value]').first().getByRole('button').last();
        await remove.click();
        // The confirmation button, then the toast's Undo.
        await page.locator('.button-danger').first().click();
        await expect.poll(() => ui.rules('trusted').length, { timeout: 15_000 }).toBe(before - 1);
        await page.locator('.toast').getByRole('button', { name: text[language].undo }).click();
        await expect.poll(() => ui.rules('trusted').length, { timeout: 15_000 }).toBe(before);
        await context.close();
      } finally {
        await ui.close();
      }
    });

    it(`offers date presets, a Caller ID filter that says what it filters, and dates in the UI's order, in ${language}`, { timeout: 90_000 }, async () => {
      const ui = await startUiUnderTest();
      try {
        const { context, page } = await openApp(browser, ui, { language, page: 'history' });
        const l = text[language];
        await page.getByRole('button', { name: l.week }).click();
        await expect.poll(() => page.getByRole('button', { name: l.week }).getAttribute('aria-pressed'), { timeout: 15_000 }).toBe('true');
        const from = ui.calls('queryCalls').at(-1)?.input as { from?: string };
        const days = (Date.now() - Date.parse(from.from!)) / 86_400_000;
        expect(days).toBeGreaterThan(6);
        expect(days).toBeLessThan(7);

        const callerId = page.getByRole('combobox', { name: l.callerId });
        expect(await callerId.locator('option[value="allowed"]').textContent()).toBe(l.shown);

        const date = page.getByRole('textbox', { name: l.from });
        expect(await date.getAttribute('placeholder')).toBe(l.datePlaceholder);
        await date.fill(l.typed);
        await date.press('Enter');
        await expect.poll(() => (ui.calls('queryCalls').at(-1)?.input as { from?: string }).from?.slice(0, 10), { timeout: 15_000 }).toBe('2020-02-01');
        await date.fill('31/31/2020');
        await date.press('Enter');
        await page.getByText(l.notDate).waitFor();
        await context.close();
      } finally {
        await ui.close();
      }
    });
  }
});
