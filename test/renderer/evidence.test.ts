// Evidence & export in Chromium: progress while the service writes, a result the browser can open or
// download, the right rows in the file, and the integrity check.
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { openApp, startUiUnderTest, type UiUnderTest } from './support/ui-under-test.ts';

let ui: UiUnderTest;
let browser: Browser;

beforeAll(async () => {
  // Slow enough steps that the progress bar is on screen between events.
  [ui, browser] = await Promise.all([startUiUnderTest({ exportStepMs: 150 }), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

describe('evidence and export', () => {
  it('shows progress while exporting, then a link to a CSV holding exactly the chosen calls', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'evidence' });
    await page.getByLabel('CSV').check();
    await page.getByLabel('Only these numbers (optional)').fill('+8613800138000, +8618612345678');
    await page.getByRole('button', { name: 'Export', exact: true }).click();

    const progress = page.getByTestId('export-progress');
    await progress.getByText(/Exported \d+ of 3 calls/).waitFor();
    expect(Number(await progress.locator('progress').getAttribute('max'))).toBe(3);
    await page.getByTestId('export-result').getByText('Done: 3 calls exported.').waitFor();

    const link = page.getByTestId('export-link');
    expect(await link.getAttribute('href')).toMatch(/^\/api\/exports\/job-\d+\?token=test-token$/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('ringfence-calls.csv');
    const rows = Papa.parse<Record<string, string>>(await readFile((await download.path())!, 'utf8'), { header: true, skipEmptyLines: true }).data;
    const expected = ui
      .records()
      .filter((c) => c.number === '+8613800138000' || c.number === '+8618612345678')
      .map((c) => ({ id: String(c.id), number: c.number, hash: c.hash }));
    expect(rows.map((r) => ({ id: r.id, number: r.number, hash: r.hash }))).toEqual(expected);
    expect(ui.calls('exportHistory').at(-1)?.input).toMatchObject({ format: 'csv', numbers: ['+8613800138000', '+8618612345678'], language: 'en' });
    await context.close();
  });

  it('opens the evidence report in the chosen language', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'evidence' });
    await page.getByLabel('Language of the report').selectOption('zh');
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    const link = page.getByRole('link', { name: /Open the evidence report/ });
    await link.waitFor();
    const [report] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await report.waitForLoadState();
    expect(await report.title()).toBe('Ringfence 来电证据报告');
    await context.close();
  });

  it('refuses more than 100 numbers before asking the service', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'evidence' });
    const before = ui.calls('exportHistory').length;
    await page.getByLabel('Only these numbers (optional)').fill(Array.from({ length: 101 }, (_, i) => `+86170000${String(i).padStart(5, '0')}`).join('\n'));
    await page.getByText('At most 100 numbers; you entered 101.').waitFor();
    expect(await page.getByRole('button', { name: 'Export', exact: true }).isDisabled()).toBe(true);
    expect(ui.calls('exportHistory').length).toBe(before);
    await context.close();
  });

  it('checks the record and says it is intact', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'evidence' });
    await page.getByRole('button', { name: 'Check the record' }).click();
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/^The record is intact: \d+ calls checked\. Latest fingerprint:/);
    await context.close();
  });
});
