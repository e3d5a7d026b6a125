// What a person sees on the page, for the language tests: every visible text node and every accessible
// name/placeholder, minus user data (numbers, names, paths) which the UI marks data-verbatim because it is
// shown exactly as stored, in whatever language it was written.
import type { Page } from 'playwright-core';
import { inPage, visibleStringsScript } from './in-page.ts';

/** Latin-letter words that are the same in Chinese UI text: product, formats, standards, AT commands, port names (/dev/ttyUSB1, COM3). */
const sameInChinese = new Set([
  'Ringfence',
  'ringfence',
  'serve',
  'token',
  'CSV',
  'JSON',
  'vCard',
  'NCID',
  'SIM',
  'USB',
  'dBm',
  'AT',
  'CHUP',
  'ATH',
  'CHLD',
  'HH',
  'MM',
  'Linux',
  'dialout',
  'IMEI',
  'GSM',
  'ttyUSB',
  'COM',
  'dev',
]);

/** Words of two or more Latin letters that are not on the list above (a two-letter country code is fine). */
export function englishWords(text: string): string[] {
  return (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !sameInChinese.has(w) && !/^[A-Z]{2}$/.test(w));
}

/** Strings that look like an i18next key shown raw ("history.col.when"), or a known key verbatim. */
export function rawKeys(text: string, knownKeys: ReadonlySet<string>): string[] {
  const dotted = text.match(/\b[a-z][a-zA-Z]+(\.[a-zA-Z][\w-]*)+\b/g) ?? [];
  return dotted.filter((d) => knownKeys.has(d) || /^[a-z]+[A-Z]?\w*\.[a-z]/.test(d));
}

export function visibleStrings(page: Page): Promise<string[]> {
  return inPage<string[]>(page, visibleStringsScript);
}
