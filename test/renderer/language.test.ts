// English and Chinese everywhere: the language follows the system, switches live, and no page shows an
// untranslated key or a string left in the other language.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../renderer/i18n/en.ts';
import { launchChromium } from '../support/browser.ts';
import { englishWords, rawKeys, visibleStrings } from './support/text-scan.ts';
import { extraStops, pageStops } from './support/tour.ts';
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

type Tree = { [k: string]: string | Tree };
const keyPaths = (tree: Tree, prefix = ''): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keyPaths(v, `${prefix}${k}.`)));
const knownKeys = new Set(keyPaths(en as unknown as Tree).map((k) => k.replace(/_(one|other)$/, '')));
const hasCjk = (s: string) => /[\u3400-\u9fff]/.test(s);

/** Problems on the page as it is now: raw keys, and text in the wrong language. */
async function problems(page: Page, language: 'en' | 'zh'): Promise<string[]> {
  const strings = await visibleStrings(page);
  const found: string[] = [];
  for (const s of strings) {
    for (const key of rawKeys(s, knownKeys)) found.push(`raw key "${key}" in "${s}"`);
    if (language === 'zh') for (const w of englishWords(s)) found.push(`English "${w}" in "${s}"`);
    if (language === 'en' && hasCjk(s)) found.push(`Chinese in "${s}"`);
  }
  return found;
}

describe('language', () => {
  it('follows the system language', async () => {
    const zh = await openApp(browser, ui, { language: 'zh' });
    expect(await zh.page.locator('h1').textContent()).toBe('概览');
    expect(await zh.page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await zh.context.close();
    const english = await openApp(browser, ui, { language: 'en' });
    expect(await english.page.locator('h1').textContent()).toBe('Overview');
    await english.context.close();
  });

  it('switches live: every visible string changes, and back again', async () => {
    // Its own service: the language it saves must not leak into the other tests.
    const own = await startUiUnderTest();
    const { context, page, errors } = await openApp(browser, own, { language: 'en', page: 'settings' });
    try {
      const before = (await visibleStrings(page)).filter((s) => englishWords(s).length > 0);
      expect(before.length).toBeGreaterThan(40);

      await page.getByLabel('Language').selectOption('zh');
      await page.locator('html[lang="zh-CN"]').waitFor();
      await page.getByRole('heading', { name: '设置', level: 1 }).waitFor();
      const after = await visibleStrings(page);
      const unchanged = before.filter((s) => after.includes(s));
      expect(unchanged).toEqual([]);
      expect(await problems(page, 'zh')).toEqual([]);
      expect(own.calls('updateSettings').at(-1)?.input).toEqual({ patch: { language: 'zh' } });

      await page.getByLabel('语言').selectOption('system');
      await page.locator('html[lang="en"]').waitFor();
      expect(await problems(page, 'en')).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await own.close();
    }
  });

  for (const language of ['zh', 'en'] as const) {
    it(`shows every page and state entirely in ${language === 'zh' ? 'Chinese' : 'English'}`, async () => {
      const { context, page, errors } = await openApp(browser, ui, { language });
      const found: string[] = [];
      for (const stop of [...pageStops, ...extraStops]) {
        await stop.go(page, ui);
        found.push(...(await problems(page, language)).map((p) => `${stop.name}: ${p}`));
      }
      expect(found).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
