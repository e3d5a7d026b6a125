// What a person sees on the page, for the language tests: every visible text node and every accessible
// name/placeholder, minus user data (numbers, names, paths) which the UI marks data-verbatim because it is
// shown exactly as stored, in whatever language it was written.
import type { Page } from 'playwright-core';

/** Latin-letter words that are the same in Chinese UI text: product, formats, standards, AT commands. */
const sameInChinese = new Set(['Ringfence', 'ringfence', 'serve', 'token', 'CSV', 'JSON', 'vCard', 'NCID', 'SIM', 'USB', 'dBm', 'AT', 'CHUP', 'ATH', 'CHLD', 'HH', 'MM', 'Linux', 'dialout', 'IMEI', 'GSM']);

/** Words of two or more Latin letters that are not on the list above (a two-letter country code is fine). */
export function englishWords(text: string): string[] {
  return (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !sameInChinese.has(w) && !/^[A-Z]{2}$/.test(w));
}

/** Strings that look like an i18next key shown raw ("history.col.when"), or a known key verbatim. */
export function rawKeys(text: string, knownKeys: ReadonlySet<string>): string[] {
  const dotted = text.match(/\b[a-z][a-zA-Z]+(\.[a-zA-Z][\w-]*)+\b/g) ?? [];
  return dotted.filter((d) => knownKeys.has(d) || /^[a-z]+[A-Z]?\w*\.[a-z]/.test(d));
}

export async function visibleStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const skip = (el: Element | null) => !!el?.closest('[data-verbatim], script, style, noscript');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      const text = node.textContent?.trim();
      if (!text || !el || skip(el)) continue;
      // A closed <select> shows only its chosen option.
      const option = el.closest('option');
      if (option ? !(option as HTMLOptionElement).selected : !el.checkVisibility({ visibilityProperty: true })) continue;
      out.push(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder]')) {
      if (skip(el)) continue;
      for (const attr of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(attr)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  });
}
