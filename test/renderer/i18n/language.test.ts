import { describe, expect, it } from 'vitest';
import { resolveLanguage, systemLanguage } from '../../../renderer/i18n/language.ts';

describe('which language to show', () => {
  it('follows the first system language it has: Chinese for any zh locale, else English', () => {
    expect(systemLanguage(['zh-CN', 'en-US'])).toBe('zh');
    expect(systemLanguage(['zh-Hant-TW'])).toBe('zh');
    expect(systemLanguage(['en-GB', 'zh-CN'])).toBe('en');
    expect(systemLanguage(['fr-FR', 'zh_CN'])).toBe('zh');
    expect(systemLanguage(['de-DE'])).toBe('en');
    expect(systemLanguage([])).toBe('en');
  });

  it('lets the setting override the system', () => {
    expect(resolveLanguage('en', ['zh-CN'])).toBe('en');
    expect(resolveLanguage('zh', ['en-US'])).toBe('zh');
    expect(resolveLanguage('system', ['zh-CN'])).toBe('zh');
  });
});
