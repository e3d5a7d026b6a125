// Which of our two languages the shell (tray, notifications, dialogs) speaks: the user's choice, else the
// system's. Chinese for any zh locale (zh-CN, zh-Hans-CN, zh-TW…), English otherwise.
import type { Text } from '../../shared/domain.ts';
import type { Settings } from '../../shared/settings.ts';

export type { Language } from '../../shared/domain.ts';
import type { Language } from '../../shared/domain.ts';

export function shellLanguage(choice: Settings['language'], systemLocale: string): Language {
  if (choice !== 'system') return choice;
  return /^zh\b/i.test(systemLocale) ? 'zh' : 'en';
}

export function say(text: Text, language: Language): string {
  return text[language];
}
