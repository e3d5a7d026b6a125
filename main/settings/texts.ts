// What the settings say to a person, in English and Chinese: an unknown setting name (with the names it was
// probably meant to be) and a value the schema refuses, in words rather than the validator's jargon
// ("Too small: expected number to be >=2"), and what was reset when the settings file could not be used.
import type { Text } from '../../shared/domain.ts';

export type ValueRule =
  | { kind: 'integer'; min: number | null; max: number | null; nullable: boolean }
  | { kind: 'number'; min: number | null; max: number | null; nullable: boolean }
  | { kind: 'boolean' }
  | { kind: 'choice'; options: string[] }
  | { kind: 'pattern'; hint: string }
  | { kind: 'other'; message: string };

const shown = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'nothing'));

function range(min: number | null, max: number | null): Text {
  if (min !== null && max !== null) return { en: `from ${min} to ${max}`, zh: `${min} 到 ${max} 之间` };
  if (min !== null) return { en: `of at least ${min}`, zh: `不小于 ${min}` };
  if (max !== null) return { en: `of at most ${max}`, zh: `不大于 ${max}` };
  return { en: '', zh: '' };
}

/** "screening.shield.calls must be a whole number from 2 to 1000 (you gave 1)." */
export function invalidValue(key: string, rule: ValueRule, value: unknown): Text {
  const gave = { en: ` (you gave ${shown(value)})`, zh: `（您填的是 ${shown(value)}）` };
  switch (rule.kind) {
    case 'integer':
    case 'number': {
      const r = range(rule.min, rule.max);
      const whole = rule.kind === 'integer';
      const orNull = rule.nullable ? { en: ', or null for none', zh: '，或用 null 表示不限' } : { en: '', zh: '' };
      return {
        en: `${key} must be a ${whole ? 'whole ' : ''}number ${r.en}`.trimEnd() + `${orNull.en}${gave.en}.`,
        zh: `${key} 必须是${r.zh ? ` ${r.zh} ` : ''}的${whole ? '整数' : '数字'}${orNull.zh}${gave.zh}。`,
      };
    }
    case 'boolean':
      return { en: `${key} is true or false${gave.en}.`, zh: `${key} 只能是 true 或 false${gave.zh}。` };
    case 'choice':
      return { en: `${key} must be one of ${rule.options.join(', ')}${gave.en}.`, zh: `${key} 必须是以下之一：${rule.options.join('、')}${gave.zh}。` };
    case 'pattern':
      return { en: `${key}: ${rule.hint}${gave.en}.`, zh: `${key}：${patternHintZh(rule.hint)}${gave.zh}。` };
    case 'other':
      return { en: `${key} is not valid: ${rule.message}${gave.en}.`, zh: `${key} 的值无效：${rule.message}${gave.zh}。` };
  }
}

// The schema's own hints are English; the few it has get their Chinese here.
const patternHints: Record<string, string> = {
  'use a two-letter country code such as CN or GB': '请使用两个字母的国家或地区代码，如 CN 或 GB',
  'use HH:MM, e.g. 22:00': '请使用 HH:MM 格式，如 22:00',
  'use HH:MM, e.g. 07:00': '请使用 HH:MM 格式，如 07:00',
};
const patternHintZh = (hint: string) => patternHints[hint] ?? hint;

/** `There is no setting "shield.calls". Did you mean screening.shield.calls?` */
export function unknownSetting(key: string, suggestions: string[]): Text {
  if (suggestions.length === 0) {
    return {
      en: `There is no setting "${key}". "ringfence settings get" lists every setting with its value.`,
      zh: `没有名为“${key}”的设置。运行“ringfence settings get”可列出所有设置及其取值。`,
    };
  }
  return {
    en: `There is no setting "${key}". Did you mean ${suggestions.join(' or ')}?`,
    zh: `没有名为“${key}”的设置。您是不是要设置 ${suggestions.join(' 或 ')}？`,
  };
}

export function notASettingName(key: string): Text {
  return {
    en: `"${key}" is not a setting name: use a dot path such as homeCountry or screening.shield.calls.`,
    zh: `“${key}”不是设置名：请使用以点分隔的路径，如 homeCountry 或 screening.shield.calls。`,
  };
}

export function settingsInvalid(): Text {
  return { en: 'The settings are not valid.', zh: '设置无效。' };
}

/** The notice when the settings file could not be used as it was (recovery.ts). */
export const recoveryTexts = {
  unreadable: (path: string, problem: string, backup: string, homeCountry: string): Text => ({
    en: `The settings file ${path} could not be read (${problem}), so every setting is back to its default (home country: ${homeCountry}). The old file was kept as ${backup}; open Settings to set again what you had.`,
    zh: `无法读取设置文件 ${path}（${problem}），所有设置已恢复为默认值（所在国家/地区：${homeCountry}）。旧文件已保留为 ${backup}；请打开“设置”重新设置原来的选项。`,
  }),
  partlyReset: (path: string, reset: string[], backup: string): Text => ({
    en: `Some settings in ${path} were invalid and are back to their defaults: ${reset.join(', ')}. Every other setting was kept. The old file was kept as ${backup}.`,
    zh: `${path} 中有些设置无效，已恢复为默认值：${reset.join('、')}。其他设置均已保留。旧文件已保留为 ${backup}。`,
  }),
};
