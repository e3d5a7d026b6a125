// Every page in both languages, at 100% and at 200% zoom, written to test-results/screenshots/ for a person
// to look at. At 200% zoom nothing may stick out sideways: wide tables scroll inside their own box. Every
// text must be readable against what is behind it, in the light theme and in the dark one.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { repoRoot } from '../support/paths.ts';
import { contrastScript, inPage, pageWidthScript } from './support/in-page.ts';
import { pageStops } from './support/tour.ts';
import { openApp, startUiUnderTest, type UiUnderTest } from './support/ui-under-test.ts';

const dir = join(repoRoot, 'test-results', 'screenshots');
type Contrast = { background: number; checked: number; lowContrast: string[] };
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
        const unreadable: string[] = [];
        for (const stop of pageStops) {
          await stop.go(page, ui);
          const suffix = zoom === 2 ? '-zoom200' : '';
          await page.screenshot({ path: join(dir, `${language}-${stop.name}${suffix}.png`), fullPage: true, animations: 'disabled' });
          const { scrollWidth, clientWidth } = await inPage<{ scrollWidth: number; clientWidth: number }>(page, pageWidthScript);
          if (scrollWidth > clientWidth) overflowing.push(`${stop.name}: ${scrollWidth}px wide in ${clientWidth}px`);
          if (zoom === 1) unreadable.push(...(await inPage<Contrast>(page, contrastScript)).lowContrast.map((l) => `${stop.name}: ${l}`));
        }
        expect(overflowing).toEqual([]);
        expect(unreadable).toEqual([]);
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }

  // The dark theme must actually be dark, and every text on it readable: a rule that forgets the dark
  // palette (a hard-coded colour, a missing variable) shows up as low contrast here, not only in a picture.
  it('dark theme: dark background, and every text and field readable (WCAG AA contrast)', async () => {
    const { context, page } = await openApp(browser, ui, { language: 'en', colorScheme: 'dark' });
    const unreadable: string[] = [];
    for (const stop of pageStops) {
      await stop.go(page, ui);
      await page.screenshot({ path: join(dir, `en-${stop.name}-dark.png`), fullPage: true, animations: 'disabled' });
      const { background, checked, lowContrast } = await inPage<Contrast>(page, contrastScript);
      expect(background, `${stop.name}: page background luminance`).toBeLessThan(0.05);
      expect(checked, `${stop.name}: texts checked`).toBeGreaterThan(20);
      unreadable.push(...lowContrast.map((l) => `${stop.name}: ${l}`));
    }
    expect(unreadable).toEqual([]);
    await context.close();
  });
});
