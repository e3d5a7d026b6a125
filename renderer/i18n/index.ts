// i18next with the two languages Ringfence ships. Resources are bundled (no loading flash), the key type
// comes from en.ts so a missing or misspelt key is a type error, and zh.ts must have exactly en's shape.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.ts';
import { zh } from './zh.ts';
import { systemLanguage, type Language } from './language.ts';

export { resolveLanguage, systemLanguage, type Language, type LanguageSetting } from './language.ts';

export function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, zh: { translation: zh } },
  lng: systemLanguage(typeof navigator === 'undefined' ? [] : browserLanguages()),
  fallbackLng: false,
  supportedLngs: ['en', 'zh'],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

export function applyLanguage(lang: Language) {
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
}

export function currentLanguage(): Language {
  return i18n.language === 'zh' ? 'zh' : 'en';
}
