// The demo in the window: "Ring the demo line" places calls a newcomer can watch, and the demo line is
// named in the UI's language ("Demo line", "演示线路"), never a device path or English in the Chinese UI.
import type { Browser } from 'playwright-core';
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
    try: 'Try without a modem',
    panel: 'Ring the demo line',
    normal: 'An ordinary caller',
    flood: 'A call flood (10 calls)',
    name: 'Demo line',
    badge: 'Simulated line',
  },
  zh: { try: '无设备试用', panel: '拨打演示线路', normal: '普通来电', flood: '来电轰炸（10 通）', name: '演示线路', badge: '模拟线路' },
} as const;

const sandboxText = {
  en: {
    banner: 'Demo: made-up calls in a separate folder; your history is untouched.',
    leave: 'Leave the demo',
    badge: 'Demo: made-up calls',
    noLine: 'No line connected',
  },
  zh: { banner: '演示：虚构来电保存在单独的文件夹中，您的通话记录不受影响。', leave: '退出演示', badge: '演示：虚构来电', noLine: '未连接线路' },
} as const;

describe("the desktop app's demo sandbox in the window", () => {
  for (const language of ['en', 'zh'] as const) {
    it(`says on every page that the calls are made up and kept apart, and leaves the demo, in ${language}`, { timeout: 90_000 }, async () => {
      const ui = await startUiUnderTest({ noLines: true, desktopSandbox: true });
      try {
        const { context, page, errors } = await openApp(browser, ui, { language });
        const l = { ...text[language], ...sandboxText[language] };
        expect(await page.getByTestId('demo-sandbox').count()).toBe(0);
        await page.getByRole('button', { name: l.try }).click();
        const banner = page.getByTestId('demo-sandbox');
        await banner.waitFor();
        expect(await banner.locator('p').first().textContent()).toBe(l.banner);
        const badge = page.locator('[data-testid="protection"][data-state="demo"]');
        await badge.waitFor();
        expect(await badge.textContent()).toBe(l.badge);
        expect(await page.title()).toMatch(new RegExp(`^${l.badge} · `));
        // The demo's own panel is there, and the banner stays on every page.
        await page.getByTestId('demo-ring').waitFor();
        await page.locator('nav a[href="#/history"]').click();
        await page.locator('main.page-history').waitFor();
        await banner.waitFor();

        await banner.getByRole('button', { name: l.leave }).click();
        await page.locator('[data-testid="protection"][data-state="no-line"]').waitFor();
        expect(await page.getByTestId('protection').textContent()).toBe(l.noLine);
        expect(await banner.count()).toBe(0);
        expect(ui.calls('setDemo').map((c) => c.input)).toEqual([{ on: true }, { on: false }]);
        expect(errors).toEqual([]);
        await context.close();
      } finally {
        await ui.close();
      }
    });
  }
});

describe('the demo line in the window', () => {
  for (const language of ['en', 'zh'] as const) {
    it(`offers "Ring the demo line" while the demo runs, and names the line in ${language}`, { timeout: 90_000 }, async () => {
      const ui = await startUiUnderTest({ noLines: true });
      try {
        const { context, page, errors } = await openApp(browser, ui, { language });
        const l = text[language];
        expect(await page.getByTestId('demo-ring').count()).toBe(0);
        await page.getByRole('button', { name: l.try }).click();
        const panel = page.getByTestId('demo-ring');
        await panel.getByRole('heading', { name: l.panel }).waitFor();
        const card = page.locator('.line-health');
        await expect.poll(async () => (await card.textContent()) ?? '', { timeout: 15_000 }).toContain(l.name);
        expect(await card.textContent()).toContain(l.badge);
        if (language === 'zh') expect(await page.locator('main').textContent()).not.toContain('Simulated line');

        await panel.getByRole('button', { name: l.normal }).click();
        const live = page.locator('[data-testid="live-call"]').filter({ hasText: '136 0000 1111' });
        await live.waitFor();
        expect(await live.textContent()).toContain(l.name);
        await panel.getByRole('button', { name: l.flood }).click();
        await expect.poll(async () => ui.calls('ringDemo').map((c) => (c.input as { kind: string }).kind), { timeout: 15_000 }).toEqual(['normal', 'flood']);
        expect(errors).toEqual([]);
        await context.close();
      } finally {
        await ui.close();
      }
    });
  }
});
