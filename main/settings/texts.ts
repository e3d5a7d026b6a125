// The settings' sentences, in English and Chinese: why a value or a key was refused.
import type { Text } from '../../shared/domain.ts';

export const texts = {
  invalidValue: (where: string, problem: string | null): Text => ({
    en: `Setting ${where} is invalid: ${problem ?? 'unknown problem'}.`,
    zh: `设置 ${where} 无效：${problem ?? '未知问题'}。`,
  }),
  notAName: (key: string): Text => ({ en: `"${key}" is not a setting name.`, zh: `“${key}”不是设置名称。` }),
  noSuchSetting: (key: string, known: string[]): Text => ({
    en: `There is no setting "${key}". Known settings: ${known.join(', ')}.`,
    zh: `没有名为“${key}”的设置。已有的设置：${known.join('、')}。`,
  }),
};
