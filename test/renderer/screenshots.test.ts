// Every page in both languages, at 100% and at 200% zoom, written to test-results/screenshots/ for a person
// to look at. At 200% zoom nothing may stick out sideways: wide tables scroll inside their own box.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { repoRoot } from '../support/paths.ts';
import { inPage, pageWidthScript } from './support/in-page.ts';
import { pageStops } from './support/tour.ts';
import { openApp, startUiUnderTest, type UiUnderTest } from './support/ui-under-test.ts';

const dir = join(repoRoot, 'test-results', 'screenshots');
let ui: UiUnderTest;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  [ui, browser] = await Promise.all([startUiUnderTest(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

describe('screenshots', () => {
  for (const language of ['en', 'zh'] as const) {
    for (const zoom of [1, 2] as const) {
      it(`${language} at ${zoom * 100}% zoom`, async () => {
        const { context, page, errors } = await openApp(browser, ui, { language, zoom });
        const overflowing: string[] = [];
        for (const stop of pageStops) {
          await stop.go(page, ui);
          const suffix = zoom === 2 ? '-zoom200' : '';
          await page.screenshot({ path: join(dir, `${language}-${stop.name}${suffix}.png`), fullPage: true, animations: 'disabled' });
          const { scrollWidth, clientWidth } = await inPage<{ scrollWidth: number; clientWidth: number }>(page, pageWidthScript);
          if (scrollWidth > clientWidth) overflowing.push(`${stop.name}: ${scrollWidth}px wide in ${clientWidth}px`);
        }
        expect(overflowing).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }

  it('dark theme', async () => {
    const { context, page } = await openApp(browser, ui, { language: 'en', colorScheme: 'dark' });
    for (const stop of pageStops.filter((s) => ['overview', 'history', 'statistics'].includes(s.name))) {
      await stop.go(page, ui);
      await page.screenshot({ path: join(dir, `en-${stop.name}-dark.png`), fullPage: true, animations: 'disabled' });
    }
    await context.close();
  });
});
