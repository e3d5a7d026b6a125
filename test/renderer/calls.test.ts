// Live calls and the history, in Chromium against the service: a call shows as it happens, and one click
// on a call changes what happens to the caller's next call.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { inPage, scrollToEndScript } from './support/in-page.ts';
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

const card = (page: Page, key: string) => page.locator(`[data-testid="live-call"][data-key="${key}"]`);
const row = (page: Page, formatted: string) => page.locator('tr[data-call-id]').filter({ hasText: formatted }).first();

/** Finds a caller's calls the way a person would: by typing the number in the filter. */
async function findCalls(page: Page, number: string) {
  await page.getByRole('searchbox', { name: 'Search' }).fill(number);
  await page.locator('tr[data-call-id]').first().waitFor();
  await expect
    .poll(async () => (await page.locator('tr[data-call-id]').allTextContents()).every((t) => t.replace(/\s/g, '').includes(number.replace(/^\+86/, ''))), {
      timeout: 10_000,
    })
    .toBe(true);
}

describe('live calls', () => {
  it('shows a call as it rings, is identified, decided and ends', async () => {
    const { context, page, errors } = await openApp(browser, ui);
    const callerId = { number: '+8617055550000', presentation: 'allowed' as const, name: null, raw: ['+CLIP: "+8617055550000",145'] };
    ui.push({ type: 'call-started', call: { key: 'live-1', lineId: 'line-1', simulated: false, startedAt: new Date().toISOString() } });
    await card(page, 'live-1').and(page.locator('[data-phase="ringing"]')).waitFor();
    expect(await card(page, 'live-1').textContent()).toContain('Ringing');

    ui.push({ type: 'caller-identified', key: 'live-1', lineId: 'line-1', callerId });
    await card(page, 'live-1').getByText('170 5555 0000').waitFor();

    const decision = {
      action: 'reject' as const,
      reason: 'blocked-prefix' as const,
      ruleId: 'r-170',
      ruleLabel: 'Virtual operators',
      text: { en: 'Blocked: matched prefix +86 170', zh: '已拦截：匹配号段 +86 170' },
    };
    ui.push({ type: 'call-decided', key: 'live-1', lineId: 'line-1', callerId, decision });
    await card(page, 'live-1').and(page.locator('[data-phase="decided"]')).waitFor();
    const text = await card(page, 'live-1').textContent();
    expect(text).toContain('Blocked');
    expect(text).toContain('Blocked: matched prefix +86 170');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('labels a call on the simulated line as simulated', async () => {
    const { context, page } = await openApp(browser, ui);
    ui.push({ type: 'call-started', call: { key: 'sim-1', lineId: 'demo', simulated: true, startedAt: new Date().toISOString() } });
    await card(page, 'sim-1').getByText('Simulated line').waitFor();
    await context.close();
  });

  it('lets a trusted caller through during the shield', async () => {
    const { context, page } = await openApp(browser, ui);
    await page.getByRole('button', { name: 'Turn the shield on now' }).click();
    const banner = page.getByTestId('shield-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Shield on since \d\d:\d\d.*only trusted callers ring through.*ends after 60 quiet minutes/);

    const first = await ui.ring({ number: '+8613600001234' });
    expect(first.decision.action).toBe('reject');
    await banner.getByText('1 call blocked from').waitFor();
    const blockedCard = page.locator('[data-testid="live-call"][data-phase="ended"]').filter({ hasText: '136 0000 1234' }).first();
    await blockedCard.getByRole('button', { name: 'Trust' }).click();
    await expect.poll(() => ui.rules('trusted').some((r) => r.value === '+8613600001234')).toBe(true);
    expect(ui.calls('addRule').at(-1)?.input).toEqual({ list: 'trusted', value: '+8613600001234', kind: 'number' });

    const second = await ui.ring({ number: '+8613600001234' });
    expect(second.decision.action).toBe('allow');
    await page.locator('[data-testid="live-call"]').first().getByText('Allowed: a trusted caller').waitFor();

    await page.getByRole('button', { name: 'End the shield' }).click();
    await banner.waitFor({ state: 'detached' });
    await context.close();
  });
});

describe('history', () => {
  it('blocks a number in one click, and the next call from it is rejected', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'history' });
    const target = row(page, '139 1234 5678');
    await findCalls(page, '+8613912345678');
    await target.getByRole('button', { name: 'Block' }).click();
    await page.getByRole('status').getByText('Blocked 139 1234 5678').waitFor();
    expect(ui.calls('addRule').at(-1)?.input).toEqual({ list: 'blocked', value: '+8613912345678', kind: 'number' });

    const next = await ui.ring({ number: '+8613912345678' });
    expect(next.decision.action).toBe('reject');
    // With a filter set, the new call is announced rather than slipped in; showing it puts it on top.
    await page.getByRole('button', { name: '1 new call: show it' }).click();
    const top = page.locator('tr[data-index="0"]');
    await top.getByText('Blocked', { exact: true }).waitFor();
    expect(await top.textContent()).toContain('139 1234 5678');
    await context.close();
  });

  it('shows a call in full — timings, rule and reason, raw modem lines — takes a note, and closes with Escape', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'history' });
    await findCalls(page, '+8617012345678');
    const opener = row(page, '170 1234 5678').getByRole('button', { name: /Details of the call from/ });
    await opener.click();
    const panel = page.getByRole('dialog', { name: 'Call details' });
    await panel.waitFor();
    const text = await panel.textContent();
    expect(text).toContain('Virtual operators');
    expect(text).toContain('Blocked number range');
    expect(text).toContain('Hang-up sent');
    expect(await panel.locator('.raw-lines').textContent()).toContain('+CLIP: "+8617012345678"');

    await panel.getByLabel('Add a note').fill('Third call this week, rude.');
    await panel.getByRole('button', { name: 'Save note' }).click();
    await panel.getByText('Third call this week, rude.').waitFor();
    expect(ui.calls('addNote').at(-1)?.input).toMatchObject({ text: 'Third call this week, rude.' });

    await panel.getByLabel('Numbers starting with').fill('+86170*');
    await panel.getByRole('button', { name: 'Block these numbers' }).click();
    await expect.poll(() => ui.calls('addRule').at(-1)?.input).toEqual({ list: 'blocked', value: '+86170*', kind: 'prefix' });

    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    // Focus returns to what opened the panel.
    expect(await page.locator(':focus').getAttribute('aria-label')).toBe(await opener.getAttribute('aria-label'));
    expect(await page.locator('tr:has(:focus)').getAttribute('data-call-id')).toBe(await row(page, '170 1234 5678').getAttribute('data-call-id'));
    await context.close();
  });

  it('refuses a prefix that is not digits and *, next to the field, without calling the service', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'history' });
    await findCalls(page, '+8618612345678');
    await row(page, '186 1234 5678')
      .getByRole('button', { name: /Details/ })
      .click();
    const before = ui.calls('addRule').length;
    const field = page.getByLabel('Numbers starting with');
    await field.fill('186abc');
    await page.getByRole('button', { name: 'Block these numbers' }).click();
    await page.getByText('Write digits followed by *').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(ui.calls('addRule').length).toBe(before);
    await context.close();
  });

  it('filters on the server', async () => {
    const { context, page } = await openApp(browser, ui, { page: 'history' });
    await page.getByRole('searchbox', { name: 'Search' }).fill('170 1234');
    await expect.poll(() => (ui.calls('queryCalls').at(-1)?.input as { number?: string }).number).toBe('1701234');
    await expect.poll(() => page.locator('tr[data-call-id]').count(), { timeout: 10_000 }).toBe(1);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByLabel('Caller ID').selectOption('withheld');
    await expect.poll(() => (ui.calls('queryCalls').at(-1)?.input as { presentation?: string }).presentation).toBe('withheld');
    await expect
      .poll(async () => (await page.locator('tr[data-call-id]').allTextContents()).every((t) => t.includes('Withheld number')), { timeout: 10_000 })
      .toBe(true);
    await context.close();
  });

  it('is usable from the keyboard: navigation, arrow keys between rows, Enter to open', async () => {
    const { context, page } = await openApp(browser, ui);
    await page.getByRole('link', { name: 'History' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('main.page-history h1').waitFor();
    const first = page.locator('tr[data-index="0"] [data-col="caller"]');
    await first.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('tr:has(:focus)').getAttribute('data-index')).toBe('1');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Call details' }).waitFor();
    // Focus moved into the panel, and is visibly marked there.
    expect(await page.locator('[role="dialog"]:focus, [role="dialog"] :focus').count()).toBe(1);
    await context.close();
  });
});

describe('history at scale', () => {
  it('loads the next keyset page as the table scrolls, never the whole history', async () => {
    const big = await startUiUnderTest({ syntheticCalls: 100_000 });
    try {
      const { context, page } = await openApp(browser, big, { page: 'history' });
      await page.locator('tr[data-index="0"]').waitFor();
      for (let loaded = 200; loaded <= 400; loaded += 100) {
        await inPage(page, scrollToEndScript, '[data-testid="history-scroll"]');
        // The next page is on screen (so the table is taller) before scrolling again.
        await page.getByText(`Showing ${loaded} calls; scroll down for more.`).waitFor();
      }
      const queries = big.calls('queryCalls').map((c) => c.input as { cursor?: string | null; limit: number });
      expect(queries[0]!.cursor ?? null).toBeNull();
      expect(queries.slice(1).every((q) => typeof q.cursor === 'string')).toBe(true);
      // However often the scroll asked, each page was fetched once.
      expect(new Set(queries.map((q) => q.cursor ?? null)).size).toBe(queries.length);
      expect(queries.every((q) => q.limit <= 100)).toBe(true);
      // Only the visible rows are in the DOM, however many are loaded.
      expect(await page.locator('tr[data-call-id]').count()).toBeLessThan(60);
      await context.close();
    } finally {
      await big.close();
    }
  });
});

// A sanity check that showPage works for tests that navigate by route.
it('goes to a page by its route', async () => {
  const { context, page } = await openApp(browser, ui);
  await showPage(page, 'statistics');
  expect(await page.locator('h1').textContent()).toBe('Statistics');
  await context.close();
});

describe('statistics', () => {
  it('lists each flood with what turned the shield on, counts agreeing with their nouns', async () => {
    const { context, page, errors } = await openApp(browser, ui, { page: 'statistics' });
    const item = page.locator('.incident-list li').first();
    await item.waitFor();
    // However many the fake flood holds, the counts agree with their nouns and the cause with the figures.
    const text = await item.textContent();
    expect(text).toMatch(/: (\d+) calls blocked from \1 numbers, 0% withheld\. What turned it on: \1 calls from \1 unknown numbers within 10 minutes\./);
    // The SMS that arrived during that flood follow the sentence, then the way to report it.
    expect(text).toContain('minutes. Also 45 text messages (1 flagged).');
    expect(errors).toEqual([]);
    await context.close();
  });
});
