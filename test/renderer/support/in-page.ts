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

/**
 * How the page's colours read: the relative luminance of the page background (0 black … 1 white) and every
 * visible text or form field whose WCAG 2 contrast against what is behind it (backgrounds composited up
 * the tree, opacity included) is under 4.5:1, or 3:1 for large text. Disabled controls are exempt, as in
 * WCAG. Colours are read back through a canvas, so any CSS colour syntax works; SVG text (the charts) is
 * checked by its fill.
 */
export const contrastScript = `() => {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 1;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const rgba = (css) => {
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = 'rgba(0, 0, 0, 0)';
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return a === 0 ? { r: 0, g: 0, b: 0, a: 0 } : { r: (r * 255) / a, g: (g * 255) / a, b: (b * 255) / a, a: a / 255 };
  };
  const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
  const luminance = ({ r, g, b }) => {
    const lin = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c.a > 0) layers.push(c);
      if (c.a >= 0.999) break;
    }
    // Nothing opaque up to <html>: the browser's canvas, white.
    let bg = layers.length && layers[layers.length - 1].a >= 0.999 ? layers.pop() : { r: 255, g: 255, b: 255, a: 1 };
    while (layers.length) bg = over(layers.pop(), bg);
    return bg;
  };
  const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  const seen = new Set();
  const lowContrast = [];
  const check = (el, label) => {
    if (seen.has(el) || el.closest(':disabled, [aria-disabled="true"]')) return;
    seen.add(el);
    const style = getComputedStyle(el);
    const paint = el instanceof SVGElement ? style.fill : style.color;
    if (!paint || paint === 'none' || paint.startsWith('url(')) return;
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= Number(getComputedStyle(e).opacity);
    const bg = background(el);
    const ink = rgba(paint);
    const fg = over({ ...ink, a: ink.a * opacity }, bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) lowContrast.push(label.slice(0, 40) + ': ' + hex(fg) + ' on ' + hex(bg) + ' is ' + ratio.toFixed(2) + ':1');
  };
  const visible = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    const text = node.textContent && node.textContent.trim();
    if (!text || !el || el.closest('script, style, noscript, option') || !visible(el)) continue;
    check(el, text);
  }
  for (const el of document.body.querySelectorAll('input:not([type="checkbox"], [type="radio"], [type="hidden"], [type="range"], [type="color"]), select, textarea')) {
    if (visible(el)) check(el, el.value || el.getAttribute('aria-label') || el.tagName.toLowerCase());
  }
  return { background: luminance(background(document.body)), checked: seen.size, lowContrast };
}`;
