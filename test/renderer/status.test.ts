// The status is true: one model (shared/protection.ts) drives the sidebar badge and the window title, in
// the colours the README promises (green protected, blue shield on, amber paused, red a problem), and it
// follows every state the service can be in — including the service going away.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { gsmLine } from './support/fake-data.ts';
import { inPage } from './support/in-page.ts';
import { openApp, startUiUnderTest } from './support/ui-under-test.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const labels = {
  en: {
    protected: 'Protected',
    shield: 'Shield on',
    paused: 'Screening paused',
    problem: 'Line problem',
    'no-line': 'No line connected',
    disconnected: 'Not connected',
  },
  zh: { protected: '防护中', shield: '护盾已开启', paused: '拦截已暂停', problem: '线路故障', 'no-line': '未连接线路', disconnected: '连接已断开' },
} as const;
const colourVar = {
  protected: '--ok',
  shield: '--shield-text',
  paused: '--warn',
  problem: '--danger',
  'no-line': '--danger',
  disconnected: '--danger',
} as const;
type State = keyof typeof colourVar;

// In-page JavaScript as text: the Node typecheck has no DOM types (see support/in-page.ts).
const badgeScript = `(cssVar) => {
  const el = document.querySelector('[data-testid="protection"]');
  const probe = document.createElement('span');
  probe.style.color = 'var(' + cssVar + ')';
  document.body.append(probe);
  const expected = getComputedStyle(probe).color;
  probe.remove();
  return { text: el.textContent, colour: getComputedStyle(el).color, expected, title: document.title };
}`;

/** The badge's state, text, text colour and whether that colour is the theme's colour for the state. */
async function badge(page: Page, state: State) {
  await page.locator(`[data-testid="protection"][data-state="${state}"]`).waitFor();
  return inPage<{ text: string; colour: string; expected: string; title: string }>(page, badgeScript, colourVar[state]);
}

describe('the status badge and window title', () => {
  for (const language of ['en', 'zh'] as const) {
    it(`follow protected, shield on, paused, a line problem and no line, in ${language}`, { timeout: 90_000 }, async () => {
      const ui = await startUiUnderTest();
      try {
        const { context, page, errors } = await openApp(browser, ui, { language });
        const expectState = async (state: State) => {
          const b = await badge(page, state);
          expect(b.text).toBe(labels[language][state]);
          expect(b.colour).toBe(b.expected);
          expect(b.title.startsWith(`${labels[language][state]} · `)).toBe(true);
          return b;
        };
        const green = await expectState('protected');

        await page.getByRole('button', { name: language === 'en' ? 'Turn the shield on now' : '立即开启护盾' }).click();
        const blue = await expectState('shield');

        // Pausing from the Overview: amber, and the pause outranks the shield (every call rings through).
        await page.getByRole('button', { name: language === 'en' ? 'Pause screening for an hour' : '暂停拦截一小时' }).click();
        const amber = await expectState('paused');
        await page.getByRole('button', { name: language === 'en' ? 'Resume screening now' : '立即恢复拦截' }).click();
        await expectState('shield');
        await page.getByRole('button', { name: language === 'en' ? 'End the shield' : '结束护盾' }).click();
        await expectState('protected');

        ui.push({
          type: 'line-status',
          line: { ...gsmLine, state: 'error', problem: { code: 'sim-pin', text: { en: 'The SIM card asks for its PIN.', zh: 'SIM 卡需要输入 PIN 码。' } } },
        });
        const red = await expectState('problem');
        ui.push({ type: 'line-removed', lineId: gsmLine.id });
        await expectState('no-line');

        expect(new Set([green.colour, blue.colour, amber.colour, red.colour]).size).toBe(4);
        expect(errors).toEqual([]);
        await context.close();
      } finally {
        await ui.close();
      }
    });

    it(`stops saying "Shield on" when the service goes away, in ${language}`, { timeout: 90_000 }, async () => {
      const ui = await startUiUnderTest();
      const { context, page } = await openApp(browser, ui, { language });
      // Through the page, not a pushed event: an event pushed before the page had subscribed was lost, and the
      // test then waited for a badge that could never come (it timed out whenever the machine was slow).
      await badge(page, 'protected');
      await page.getByRole('button', { name: language === 'en' ? 'Turn the shield on now' : '立即开启护盾' }).click();
      await badge(page, 'shield');
      await ui.close();
      const gone = await badge(page, 'disconnected');
      expect(gone.text).toBe(labels[language].disconnected);
      expect(gone.colour).toBe(gone.expected);
      expect(await page.getByTestId('protection').textContent()).not.toBe(labels[language].shield);
      await context.close();
    });
  }
});
