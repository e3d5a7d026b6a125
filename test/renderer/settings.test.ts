// Settings in Chromium: modems found, tested and added; the demo line; preferences that take effect at once.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { bodyBackgroundScript, inPage } from './support/in-page.ts';
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

describe('settings', () => {
  it('finds ports, tests one, says why another is not a modem, and adds the modem', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'settings' });
    await page.getByRole('button', { name: 'Look for modems' }).click();
    const port = (path: string) => page.locator('.port').filter({ hasText: path });
    await port('/dev/ttyS0').getByRole('button', { name: 'Test' }).click();
    await port('/dev/ttyS0').getByText('Nothing answered on this port. It is probably not a modem.').waitFor();
    await port('/dev/ttyUSB2').getByRole('button', { name: 'Test' }).click();
    await port('/dev/ttyUSB2')
      .getByText(/Found Huawei E173 Mobile \(SIM\) line/)
      .waitFor();
    // /dev/ttyUSB2 is already the Home SIM line.
    expect(await port('/dev/ttyUSB2').getByRole('button', { name: 'Already added' }).isDisabled()).toBe(true);
    await port('/dev/ttyS0').getByRole('button', { name: 'Add this line' }).click();
    await page.locator('.modem-line').filter({ hasText: '/dev/ttyS0' }).waitFor();
    expect(ui.calls('addLine').at(-1)?.input).toEqual({ path: '/dev/ttyS0' });
    await context.close();
  });

  it('changes how a line hangs up', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'settings' });
    const line = page.locator('.modem-line').filter({ hasText: 'Home SIM' });
    await line.getByLabel('How to hang up').selectOption('ath');
    await expect.poll(() => ui.calls('configureLine').at(-1)?.input).toEqual({ lineId: 'line-1', hangupMethod: 'ath' });
    await line.getByText('For modems that ignore a reject').waitFor();
    await context.close();
  });

  it('says why the demo does not start beside a real modem, and leaves the switch off', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'settings' });
    const demo = page.getByLabel('Use the simulated line');
    await demo.click(); // not check(): the switch goes back off once the refusal arrives
    await expect.poll(() => ui.calls('setDemo').at(-1)?.input).toEqual({ on: true });
    await page.getByText('A modem is set up, so the demo does not start').waitFor();
    await expect.poll(() => demo.isChecked()).toBe(false);
    await showPage(page, 'overview');
    expect(await page.locator('.line-health').filter({ hasText: 'Simulated line' }).count()).toBe(0);
    await context.close();
  });

  it('turns the demo line on with no modem, labelled simulated on the Overview, and off again', async () => {
    const empty = await startUiUnderTest({ noLines: true });
    try {
      const { context, page } = await openApp(browser, empty, { page: 'settings' });
      await page.getByLabel('Use the simulated line').check();
      await expect.poll(() => empty.calls('setDemo').at(-1)?.input).toEqual({ on: true });
      await showPage(page, 'overview');
      await page.locator('.line-health').filter({ hasText: 'Simulated line' }).waitFor();
      await showPage(page, 'settings');
      await page.getByLabel('Use the simulated line').uncheck();
      await expect.poll(() => empty.calls('setDemo').at(-1)?.input).toEqual({ on: false });
      await context.close();
    } finally {
      await empty.close();
    }
  });

  it('switches to the dark theme at once, and back to the system theme', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'settings', colorScheme: 'light' });
    const background = () => inPage<string>(page, bodyBackgroundScript);
    const light = await background();
    await page.getByLabel('Appearance').selectOption('dark');
    await expect.poll(background).not.toBe(light);
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByLabel('Appearance').selectOption('system');
    await expect.poll(background).toBe(light);
    await context.close();
  });

  it('shows where the data lives and refuses a retention that is not a whole number of days', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'settings' });
    expect(await page.getByText('/home/user/.local/share/ringfence').count()).toBe(1);
    const retention = page.getByLabel('Keep calls for (days)');
    await retention.fill('0');
    await page.getByText('Enter a whole number of days (1 or more), or leave it empty.').waitFor();
    await retention.fill('365');
    await retention.press('Enter');
    await expect.poll(() => ui.calls('updateSettings').at(-1)?.input).toEqual({ patch: { retentionDays: 365 } });
    await context.close();
  });
});
