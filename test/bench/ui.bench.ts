// `npm run bench -- ui`: the desktop UI's speed in real Chromium, on the production bundle, against the
// contract fake (test/renderer/support). Two figures the issue sets a bar for:
//   - a call on screen: from the service sending call-decided to the decided card in the DOM (and painted);
//   - History's first rows painted, on a 1,000,000-call history (keyset paging: one page is fetched);
// plus how smoothly that history scrolls. Prints medians and 95th percentiles; asserts nothing.
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { inPage } from '../renderer/support/in-page.ts';
import { startUiUnderTest } from '../renderer/support/ui-under-test.ts';

// In-page scripts are JavaScript text: the Node typecheck project has no DOM types (see in-page.ts).

/** Resolves when the card for `key` shows its decision: the time in the DOM, and after the next frame. */
const decidedCardScript = `(key) => new Promise((resolve) => {
  const found = () => document.querySelector('[data-key="' + key + '"][data-phase="decided"]');
  const done = () => {
    const dom = performance.timeOrigin + performance.now();
    // The frame after the DOM change is the one that shows it.
    requestAnimationFrame(() => setTimeout(() => resolve({ dom, paint: performance.timeOrigin + performance.now() }), 0));
  };
  if (found()) return done();
  const observer = new MutationObserver(() => {
    if (found()) { observer.disconnect(); done(); }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
})`;

const nextFrameScript = `() => new Promise((r) => requestAnimationFrame(() => r(null)))`;

/**
 * Installed before the app runs: notes when the first History row appears and when it is painted, in ms
 * since navigation start, and the last click on the page (for in-app navigation).
 */
const firstRowsScript = `(() => {
  let click = null;
  addEventListener('click', () => (click = performance.now()), true);
  new MutationObserver((_, observer) => {
    if (!window.__rows && document.querySelector('tr[data-index="0"]')) {
      const dom = performance.now();
      requestAnimationFrame(() => setTimeout(() => (window.__rows = { dom, paint: performance.now(), click }), 0));
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
})();`;

/** Scrolls `step` px a frame for `ms`; resolves with the frame intervals. */
const scrollFramesScript = `({ selector, step, ms }) => new Promise((resolve) => {
  const el = document.querySelector(selector);
  const intervals = [];
  let last = performance.now();
  const end = last + ms;
  const frame = (t) => {
    intervals.push(t - last);
    last = t;
    el.scrollTop += step;
    if (t < end) requestAnimationFrame(frame);
    else resolve(intervals);
  };
  requestAnimationFrame(frame);
})`;

const now = () => performance.timeOrigin + performance.now();
const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};
const row = (label: string, xs: number[]) =>
  console.log(
    `${label.padEnd(58)} median ${quantile(xs, 0.5).toFixed(1).padStart(7)} ms   p95 ${quantile(xs, 0.95).toFixed(1).padStart(7)} ms   max ${Math.max(...xs)
      .toFixed(1)
      .padStart(7)} ms   (n=${xs.length})`,
  );

const browser = await launchChromium();

// ---- 1. A decided call on screen ------------------------------------------------------------------
{
  const ui = await startUiUnderTest({ token: null });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${ui.origin}/#/overview`);
  await page.locator('h1').waitFor();
  // Wait until the event socket is up: a pushed event must reach the page.
  ui.push({ type: 'call-started', call: { key: 'warmup', lineId: 'line-1', simulated: false, startedAt: new Date().toISOString() } });
  await page.locator('[data-key="warmup"]').waitFor();

  const dom: number[] = [];
  const painted: number[] = [];
  const callerId = { number: '+8617012345678', presentation: 'allowed' as const, name: null, raw: [] };
  const decision = {
    action: 'reject' as const,
    reason: 'shield' as const,
    ruleId: null,
    ruleLabel: null,
    text: { en: 'Blocked: the shield is on', zh: '已拦截：护盾开启中' },
  };
  for (let i = 0; i < 60; i++) {
    const key = `bench-${i}`;
    ui.push({ type: 'call-started', call: { key, lineId: 'line-1', simulated: false, startedAt: new Date().toISOString() } });
    await page.locator(`[data-key="${key}"]`).waitFor();
    const result = inPage<{ dom: number; paint: number }>(page, decidedCardScript, key);
    // Let the observer be installed before the event leaves the service.
    await inPage(page, nextFrameScript);
    const sent = now();
    ui.push({ type: 'call-decided', key, lineId: 'line-1', callerId, decision });
    const r = await result;
    dom.push(r.dom - sent);
    painted.push(r.paint - sent);
  }
  console.log('\nLive call card (service sends call-decided → card shows the decision)');
  row('  in the DOM', dom);
  row('  painted (next frame)', painted);
  await context.close();
  await ui.close();
}

// ---- 2. History on a 1,000,000-call history ------------------------------------------------------------
{
  const ui = await startUiUnderTest({ token: null, syntheticCalls: 1_000_000 });
  // Polled from outside (the measurement itself is taken inside the page, so polling does not skew it).
  const waitRows = async (page: Page) => {
    for (;;) {
      const rows = await inPage<{ dom: number; paint: number; click: number | null } | null>(page, '() => window.__rows || null');
      if (rows) return rows;
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  const cold: number[] = [];
  const coldDom: number[] = [];
  const inApp: number[] = [];
  for (let i = 0; i < 12; i++) {
    // Cold: a fresh browser context (no cache) opening History directly.
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.addInitScript({ content: firstRowsScript });
    await page.goto(`${ui.origin}/#/history`);
    const r = await waitRows(page);
    cold.push(r.paint);
    coldDom.push(r.dom);

    // In the app: from a click on "History" in the navigation.
    const page2 = await context.newPage();
    await page2.addInitScript({ content: firstRowsScript });
    await page2.goto(`${ui.origin}/#/overview`);
    await page2.locator('main.page-overview h1').waitFor();
    await page2.getByRole('link', { name: 'History' }).click();
    const r2 = await waitRows(page2);
    inApp.push(r2.paint - r2.click!);
    await context.close();
  }
  console.log('\nHistory with 1,000,000 calls: first rows');
  row('  cold start straight into History (navigation → painted)', cold);
  row('  cold start, rows in the DOM', coldDom);
  row('  in the app (click on History → painted)', inApp);

  // Scrolling: 200 px a frame for 3 seconds; frame intervals, and how many pages were fetched.
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${ui.origin}/#/history`);
  await page.locator('tr[data-index="0"]').waitFor();
  const before = ui.calls('queryCalls').length;
  const frames = await inPage<number[]>(page, scrollFramesScript, { selector: '[data-testid="history-scroll"]', step: 200, ms: 3000 });
  const rowsReached = await page.locator('tr[data-index]').last().getAttribute('data-index');
  console.log('\nHistory with 1,000,000 calls: scrolling 200 px a frame for 3 s');
  row('  frame interval', frames);
  console.log(
    `  frames over 50 ms: ${frames.filter((f) => f > 50).length} of ${frames.length}; reached row ${rowsReached}; pages fetched while scrolling: ${ui.calls('queryCalls').length - before} (100 calls each)`,
  );
  await context.close();
  await ui.close();
}

await browser.close();
