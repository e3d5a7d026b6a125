// Code that runs inside the page under test. It is kept as JavaScript text on purpose: the Node typecheck
// project (tsconfig.json) has no DOM types, and adding them there would let DOM globals leak into main/.
// Every script here is exercised by the tests that use it, so a mistake fails loudly.
import type { Page } from 'playwright-core';

/** Runs `fn` (the source of a JavaScript function of one argument) in the page and returns its result. */
export function inPage<R>(page: Page, fn: string, arg: unknown = null): Promise<R> {
  return page.evaluate(`(${fn})(${JSON.stringify(arg)})`) as Promise<R>;
}

/** Every visible text node and accessible name/title/placeholder, minus data-verbatim user data. */
export const visibleStringsScript = `() => {
  const out = [];
  const skip = (el) => !!el && !!el.closest('[data-verbatim], script, style, noscript');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent && node.textContent.trim();
    if (!text || !el || skip(el)) continue;
    // A closed <select> shows only its chosen option.
    const option = el.closest('option');
    if (option ? !option.selected : !el.checkVisibility({ visibilityProperty: true })) continue;
    out.push(text);
  }
  for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (skip(el)) continue;
    for (const attr of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(attr);
      if (v && v.trim()) out.push(v.trim());
    }
  }
  return out;
}`;

/** Whether the page is wider than the window (something sticks out sideways). */
export const pageWidthScript = `() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })`;

export const bodyBackgroundScript = `() => getComputedStyle(document.body).backgroundColor`;

/** Scrolls an element (by CSS selector) to its end. */
export const scrollToEndScript = `(selector) => { const el = document.querySelector(selector); el.scrollTo(0, el.scrollHeight); }`;
