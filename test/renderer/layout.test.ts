// Layout: no page clips or hides a column or a button at 1024×768 and wider, in both languages, and at
// 200 % zoom. Measured, not eyeballed: the page is no wider than the window, and every visible control and
// table cell lies inside the window and inside the box that would clip it (a scroller, a table cell).
// History's call details open as a drawer: every column keeps its width underneath.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { inPage } from './support/in-page.ts';
import { extraStops, pageStops } from './support/tour.ts';
import { startUiUnderTest, type UiUnderTest } from './support/ui-under-test.ts';

let ui: UiUnderTest;
let browser: Browser;
beforeAll(async () => {
  [ui, browser] = await Promise.all([startUiUnderTest(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await ui?.close();
});

/**
 * Everything visible that a person reads or clicks and that sticks out: of the window sideways, or of an
 * ancestor that clips (overflow other than visible) — a column scrolled out of a table, a button cut in its
 * cell, text cut by its own box (scrollWidth > clientWidth) for buttons and badges.
 */
const clippedScript = `() => {
  const out = [];
  const vw = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > vw + 1) {
    // Name the outermost elements that stick out, so a failure says where to look.
    const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > vw + 1 && e.parentElement && e.parentElement.getBoundingClientRect().right <= vw + 1);
    out.push('page: ' + document.documentElement.scrollWidth + 'px wide in ' + vw + 'px, because of ' + wide.slice(0, 3).map((e) => e.tagName.toLowerCase() + '.' + String(e.className).split(' ')[0]).join(', '));
  }
  const name = (el) => (el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '') + ' "' + (el.textContent || el.getAttribute('aria-label') || el.getAttribute('placeholder') || '').trim().slice(0, 30) + '"');
  const candidates = document.querySelectorAll('main button, main input, main select, main textarea, main th, main td, main .badge, header .protection, nav a');
  for (const el of candidates) {
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    if (el.closest('.sr-only, [aria-hidden="true"]')) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    // Visually hidden on purpose (stacked tables keep their header for screen readers in a 1px box).
    let hidden = false;
    for (let a = el; a && a !== document.body; a = a.parentElement) { const ar = a.getBoundingClientRect(); if (ar.width <= 1 || ar.height <= 1) { hidden = true; break; } }
    if (hidden) continue;
    if (r.left < -1 || r.right > vw + 1) { out.push(name(el) + ': outside the window (' + Math.round(r.left) + '…' + Math.round(r.right) + ' of ' + vw + ')'); continue; }
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const b = a.getBoundingClientRect();
      if (r.left < b.left - 1 || r.right > b.right + 1) { out.push(name(el) + ': cut by ' + name(a) + ' (' + Math.round(r.left) + '…' + Math.round(r.right) + ' in ' + Math.round(b.left) + '…' + Math.round(b.right) + ')'); break; }
    }
    const cutText = el.tagName === 'BUTTON' || el.classList.contains('badge') || (el.tagName === 'TD' && el.closest('.history-table') && !el.classList.contains('col-reason'));
    if (cutText && el.scrollWidth > el.clientWidth + 1) out.push(name(el) + ': its text is cut (' + el.scrollWidth + ' in ' + el.clientWidth + ')');
  }
  return [...new Set(out)];
}`;

const sizes = [
  { label: '1280×800', width: 1280, height: 800, zoom: 1 },
  { label: '1024×768', width: 1024, height: 768, zoom: 1 },
  { label: '1280×800 at 200 %', width: 640, height: 400, zoom: 2 },
  // The smallest window the issue names, zoomed: 512 × 384 CSS pixels.
  { label: '1024×768 at 200 %', width: 512, height: 384, zoom: 2 },
] as const;

async function open(language: 'en' | 'zh', size: (typeof sizes)[number]): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await browser.newContext({
    locale: language === 'zh' ? 'zh-CN' : 'en-GB',
    viewport: { width: size.width, height: size.height },
    deviceScaleFactor: size.zoom,
  });
  const page = await context.newPage();
  await page.goto(ui.url);
  await page.locator('h1').first().waitFor();
  return { page, close: () => context.close() };
}

describe('layout', () => {
  for (const language of ['en', 'zh'] as const) {
    for (const size of sizes) {
      it(`clips or hides nothing on any page at ${size.label}, in ${language}`, { timeout: 180_000 }, async () => {
        const { page, close } = await open(language, size);
        const problems: string[] = [];
        for (const stop of [...pageStops, ...extraStops]) {
          await stop.go(page, ui);
          for (const p of await inPage<string[]>(page, clippedScript)) problems.push(`${stop.name}: ${p}`);
        }
        await close();
        expect(problems).toEqual([]);
      });
    }
  }

  it('opens the call details without taking a column away from the History table', { timeout: 60_000 }, async () => {
    const { page, close } = await open('en', sizes[1]);
    await page.evaluate(() => ((globalThis as unknown as { location: { hash: string } }).location.hash = '#/history'));
    const widths = () =>
      inPage<number[]>(page, `() => [...document.querySelectorAll('tr[data-index="0"] td')].map((td) => Math.round(td.getBoundingClientRect().width))`);
    await page.locator('tr[data-index="0"]').waitFor();
    const before = await widths();
    expect(before.length).toBe(6);
    await page.locator('tr[data-index="1"] [data-col="caller"]').click();
    await page.getByRole('dialog').waitFor();
    expect(await widths()).toEqual(before);
    await close();
  });
});
