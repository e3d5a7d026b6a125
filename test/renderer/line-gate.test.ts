// The line card says whether the line can hold the pass gate and how it asks (issue 16): the method the
// set-up probe found — text-to-speech, a recorded prompt copied to the module, the voice modem, the Huawei
// audio port — in the UI's language, and the reason when the line cannot gate.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateSupport } from '../../shared/domain.ts';
import { launchChromium } from '../support/browser.ts';
import { gsmLine } from './support/fake-data.ts';
import { openApp, startUiUnderTest } from './support/ui-under-test.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const filePlayback: GateSupport = {
  supported: true,
  method: 'simcom-file',
  text: { en: 'Can ask callers for a key (recorded prompt).', zh: '可以请来电方按键（录音提示语）。' },
};
const cannot: GateSupport = {
  supported: false,
  method: null,
  text: { en: 'Cannot gate: the module refused AT+FSWRITE.', zh: '无法验证：模块拒绝了 AT+FSWRITE。' },
};
const words = {
  en: { how: 'How it asks', method: 'The SIMCom module plays the recorded prompt, copied to it each time the line starts' },
  zh: { how: '提示方式', method: '芯讯通模块播放录音提示语（每次线路启动时复制到模块中）' },
} as const;

describe('the line card and the pass gate', () => {
  for (const language of ['en', 'zh'] as const) {
    it(`says how a line without text-to-speech asks, and why a line cannot gate, in ${language}`, { timeout: 90_000 }, async () => {
      const ui = await startUiUnderTest();
      try {
        const { context, page, errors } = await openApp(browser, ui, { language });
        const card = page.locator('.line-health').first();
        await card.waitFor();
        ui.push({ type: 'line-status', line: { ...gsmLine, gate: filePlayback } });
        await card.locator('dd.gate-yes').waitFor();
        expect(await card.locator('dd.gate-yes').textContent()).toBe(filePlayback.text[language]);
        const how = card.locator('dt', { hasText: words[language].how });
        await how.waitFor();
        expect(await card.textContent()).toContain(words[language].method);

        ui.push({ type: 'line-status', line: { ...gsmLine, gate: cannot } });
        await card.locator('dd.gate-no').waitFor();
        expect(await card.locator('dd.gate-no').textContent()).toBe(cannot.text[language]);
        // No method: no "how it asks" row.
        await how.waitFor({ state: 'detached' });
        expect(errors).toEqual([]);
        await context.close();
      } finally {
        await ui.close();
      }
    });
  }
});
