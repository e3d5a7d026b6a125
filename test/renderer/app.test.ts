// The app boots in real Chromium against the service, and every way of not reaching the service is a
// sentence, not a blank page or a stack trace.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { openApp, startUiUnderTest, type UiUnderTest } from './support/ui-under-test.ts';

let ui: UiUnderTest;
let browser: Browser;

beforeAll(async () => {
  [ui, browser] = await Promise.all([startUiUnderTest(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

describe('the app in Chromium', () => {
  it('opens on the Overview with the line, today and the shield, without errors', async () => {
    const { context, page, errors } = await openApp(browser, ui);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Overview');
    expect(await page.getByRole('heading', { name: 'Home SIM' }).count()).toBe(1);
    expect(await page.getByRole('img', { name: 'Signal 4 of 5 bars (-73 dBm)' }).count()).toBe(1);
    expect(await page.getByTestId('protection').textContent()).toBe('Protected');
    // The token left the address bar once it was stored.
    expect(page.url()).not.toContain('token=');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('asks for the link with the access key when opened without it', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(ui.origin);
    const alert = page.getByRole('alert').filter({ hasText: 'access key' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('#token=');
    expect(await page.locator('body').textContent()).not.toMatch(/Error:|at \w+ \(|HTTP 401/);
    await context.close();
  });

  it('says it is reconnecting when the event stream drops, and shows calls again once back', async () => {
    const { context, page } = await openApp(browser, ui);
    ui.dropSockets();
    await page.getByTestId('reconnecting').waitFor();
    await page.getByTestId('reconnecting').waitFor({ state: 'detached' });
    await ui.ring({ number: '+8613912345678' });
    await page.locator('[data-testid="live-call"][data-phase="ended"]').waitFor();
    await context.close();
  });

  it('offers the demo line when no modem is connected, and labels it simulated', async () => {
    const empty = await startUiUnderTest({ noLines: true });
    try {
      const { context, page } = await openApp(browser, empty);
      await page.getByRole('button', { name: 'Try without a modem' }).click();
      const card = page.locator('.line-health');
      await card.waitFor();
      expect(await card.textContent()).toContain('Simulated line');
      await context.close();
    } finally {
      await empty.close();
    }
  });
});
