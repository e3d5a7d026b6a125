// The Messages page in Chromium: the one extortion text among 2,000 verification codes is one click away,
// keywords are marked as text (never markup), and a complaint SMS is sent only after the user confirms it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { extortionText } from './support/fake-messages.ts';
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

describe('Messages', () => {
  it('finds the one extortion text among 2,000 verification codes with one filter, its keywords marked', async () => {
    const { context, page, errors } = await openApp(browser, ui);
    await showPage(page, 'messages');
    await expect
      .poll(() => page.getByTestId('message-counts').textContent(), { timeout: 15_000 })
      .toMatch(/2,002 messages; 1 flagged \(extortion or fraud\), 2,000 verification codes/);
    await page.getByTestId('flag-filter').selectOption('alert');
    await expect.poll(() => page.getByTestId('message').count(), { timeout: 15_000 }).toBe(1);
    const message = page.getByTestId('message').first();
    expect(await message.locator('.message-body').textContent()).toBe(extortionText);
    expect(await message.locator('mark.keyword-alert').allTextContents()).toEqual(['照片', '通讯录', '微信', '转账', '不要报警']);
    expect(await message.textContent()).toContain('Flagged:');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('searches the text, and shows a long message whose part never came with the gap marked', async () => {
    const { context, page } = await openApp(browser, ui);
    await showPage(page, 'messages');
    await page.getByRole('searchbox', { name: 'Text contains' }).fill('账户存在风险');
    await expect.poll(() => page.getByTestId('message').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('message').first().textContent()).toContain('Part 2 of 2 never arrived');
    await context.close();
  });

  it('blocks the sender as an exact number with one click', async () => {
    const { context, page } = await openApp(browser, ui);
    await showPage(page, 'messages');
    await page.getByTestId('flag-filter').selectOption('alert');
    await page.getByTestId('message').first().getByRole('button', { name: 'Block' }).click();
    await expect.poll(() => ui.rules('blocked').some((r) => r.value === '+8617012345678'), { timeout: 15_000 }).toBe(true);
    await context.close();
  });

  it('prepares the complaint SMS, shows exactly what will be sent, and sends nothing until Send is pressed', async () => {
    const { context, page } = await openApp(browser, ui);
    await showPage(page, 'messages');
    await page.getByTestId('flag-filter').selectOption('alert');
    await page.getByTestId('message').first().getByRole('button', { name: 'Report by SMS' }).click();
    const text = page.getByTestId('complaint-text');
    await expect.poll(() => text.inputValue(), { timeout: 15_000 }).toMatch(/^\+8617012345678\*骚扰：/);
    expect(await page.getByRole('dialog').textContent()).toContain('10086999');
    expect(ui.calls('sendComplaintSms')).toEqual([]);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(ui.calls('sendComplaintSms')).toEqual([]);

    await page.getByTestId('message').first().getByRole('button', { name: 'Report by SMS' }).click();
    await expect.poll(() => page.getByTestId('complaint-text').inputValue(), { timeout: 15_000 }).toMatch(/\*骚扰/);
    await page.getByTestId('complaint-text').fill('+8617012345678*勒索短信：加微信转账');
    await page.getByTestId('complaint-send').click();
    await page.getByRole('dialog').getByText('Sent to 10086999').waitFor();
    const sent = ui.calls('sendComplaintSms');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.input).toMatchObject({ text: '+8617012345678*勒索短信：加微信转账', confirmed: true });
    await context.close();
  });

  it('lets the user edit the keyword lists in Settings, one per line, and saves exactly those', async () => {
    const { context, page, errors } = await openApp(browser, ui, { language: 'zh' });
    await showPage(page, 'settings');
    const section = page.locator('section', { has: page.getByRole('heading', { name: '短信关键词' }) });
    const alert = section.getByTestId('keywords-alert');
    await expect.poll(() => alert.inputValue(), { timeout: 15_000 }).toContain('微信');
    await alert.fill('加微信\n\n  刷单  \n');
    await section.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => ui.calls('updateSettings').length, { timeout: 15_000 }).toBeGreaterThan(0);
    const patch = ui.calls('updateSettings').at(-1)!.input as { patch: { messages: { keywords: { alert: string[]; code: string[] } } } };
    expect(patch.patch.messages.keywords.alert).toEqual(['加微信', '刷单']);
    expect(patch.patch.messages.keywords.code.length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('adds the next hundred once when "Show more" is pressed twice before the page can answer', async () => {
    const { context, page, errors } = await openApp(browser, ui);
    await showPage(page, 'messages');
    await expect.poll(() => page.getByTestId('message').count(), { timeout: 15_000 }).toBe(100);
    const before = ui.calls('queryMessages').length;
    // Two clicks in one task: React has not rendered the button disabled in between.
    await inPage(
      page,
      `() => { const more = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Show more'); more.click(); more.click(); }`,
    );
    await expect.poll(() => page.getByTestId('message').count(), { timeout: 15_000 }).toBe(200);
    const asked = ui.calls('queryMessages').slice(before);
    expect(asked).toHaveLength(1);
    expect((asked[0]!.input as { cursor?: string | null }).cursor).toEqual(expect.any(String));
    // The same page twice would also have put two rows under one React key.
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says a backwards date range next to the field, as History does, and keeps the last good list', async () => {
    const { context, page, errors } = await openApp(browser, ui);
    await showPage(page, 'messages');
    await expect.poll(() => page.getByTestId('message').count(), { timeout: 15_000 }).toBe(100);
    const before = ui.calls('queryMessages').length;
    const from = page.getByRole('textbox', { name: 'From', exact: true });
    const to = page.getByRole('textbox', { name: 'To', exact: true });
    await from.fill('10/03/2000');
    await from.blur();
    await to.fill('01/03/2000');
    await to.blur();
    await expect.poll(() => page.getByText('The end date is before the start date.').count(), { timeout: 15_000 }).toBe(1);
    // Nothing backwards was asked of the service; the list on screen is the last good one.
    const asked = ui
      .calls('queryMessages')
      .slice(before)
      .map((c) => c.input as { from?: string; to?: string });
    expect(asked.filter((q) => q.from && q.to && q.to < q.from)).toEqual([]);
    expect(await page.getByTestId('message').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reads the same in Chinese', async () => {
    const { context, page } = await openApp(browser, ui, { language: 'zh' });
    await showPage(page, 'messages');
    await expect.poll(() => page.getByTestId('message-counts').textContent(), { timeout: 15_000 }).toMatch(/共 2,002 条短信；1 条已标记/);
    await context.close();
  });
});
