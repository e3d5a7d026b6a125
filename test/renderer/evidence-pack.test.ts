// The evidence pack and the user's own number in the UI, in Chromium and both languages: the pack is one
// choice on the Evidence page, numbers can be left out before exporting, and Settings → Evidence keeps the
// number of each line.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { openApp, startUiUnderTest, type UiUnderTest } from './support/ui-under-test.ts';

let ui: UiUnderTest;
let browser: Browser;

beforeAll(async () => {
  [ui, browser] = await Promise.all([startUiUnderTest({ exportStepMs: 20 }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

describe('the evidence pack and the own number', () => {
  it('exports the pack with the numbers the user left out, and offers its report to open', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'evidence' });
    await page.getByLabel('Evidence pack').check();
    await page.getByLabel('Leave these numbers out (optional)').fill('+8613800138000');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('link', { name: /Open the pack's report/ }).waitFor();
    expect(ui.calls('exportHistory').at(-1)?.input).toMatchObject({ format: 'pack', exclude: ['+8613800138000'] });
    await context.close();
  });

  it('keeps my number for each line, in Chinese too', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'settings', language: 'zh' });
    const field = page.getByLabel('Home SIM：本人号码');
    await field.fill('138 0013 8000, 010 6512 3456');
    await field.blur();
    await expect
      .poll(() => ui.calls('updateSettings').at(-1)?.input)
      .toMatchObject({ patch: { evidence: { lineNumbers: { 'line-1': ['138 0013 8000', '010 6512 3456'] } } } });
    await context.close();
  });
});
