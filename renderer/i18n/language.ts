// Which of the two languages to show. Pure, so it is tested without a browser.
export type { Language } from '../../shared/domain.ts';
import type { Language } from '../../shared/domain.ts';
export type LanguageSetting = 'system' | Language;

/** The system language: Chinese for any zh-* locale first in the list, otherwise English. */
export function systemLanguage(languages: readonly string[]): Language {
  for (const l of languages) {
    const base = l.toLowerCase().split(/[-_]/)[0];
    if (base === 'zh') return 'zh';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export function resolveLanguage(setting: LanguageSetting, languages: readonly string[]): Language {
  return setting === 'system' ? systemLanguage(languages) : setting;
}
