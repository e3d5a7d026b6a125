// What an import says to a person, in both languages: limits it hit, why nothing was written, what to do.
import type { Text } from '../../../shared/domain.ts';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const count = (n: number) => n.toLocaleString('en-US');

export const importTexts = {
  entryTooLong: (line: number, max: number): Text => ({
    en: `Line ${line} runs on for more than ${mb(max)} without ending: this does not look like a list of numbers (is it the right file?).`,
    zh: `第 ${line} 行超过 ${mb(max)} 仍未结束：这看起来不是号码名单（文件选对了吗？）。`,
  }),
  tooManyEntries: (max: number): Text => ({
    en: `The list has more than ${count(max)} entries, the most one import takes: split it into smaller files and import them one after another.`,
    zh: `名单超过 ${count(max)} 条，超出单次导入的上限：请拆分为较小的文件，逐个导入。`,
  }),
  busy: (max: number): Text => ({
    en: `${max} import previews are already being prepared: wait for one to finish, then try again.`,
    zh: `已有 ${max} 个导入预览正在准备：请等其中一个完成后再试。`,
  }),
  replaced: (): Text => ({
    en: 'A newer import preview from the same window replaced this one: use the newer one.',
    zh: '同一窗口的新导入预览已取代此预览：请使用新的预览。',
  }),
  expired: (): Text => ({
    en: 'This import preview is unknown or has expired: preview the file again.',
    zh: '此导入预览不存在或已过期：请重新预览文件。',
  }),
  cardNoEnd: (): Text => ({ en: 'this card has no END:VCARD; the file may be cut short', zh: '此名片缺少 END:VCARD，文件可能不完整' }),
  someInvalid: (invalid: number, first: { line: number; reason: Text }): Text => ({
    en: `Nothing was imported: ${invalid} line(s) are invalid (first: line ${first.line}, ${first.reason.en}). Fix them and import again, or import only the good lines.`,
    zh: `未导入任何内容：${invalid} 行无效（第一处：第 ${first.line} 行，${first.reason.zh}）。请修正后重新导入，或只导入有效的行。`,
  }),
  unreadable: (detail: string): Text => ({
    en: `The list could not be read: ${detail}.`,
    zh: `无法读取名单：${detail}。`,
  }),
  failed: (detail: string): Text => ({
    en: `The import could not be prepared: ${detail}. Nothing was changed.`,
    zh: `无法准备导入：${detail}。未做任何更改。`,
  }),
  exactOnly: (value: string): Text => ({
    en: `"${value}" is not a phone number; a phone field of a contact card or CSV is imported as an exact number only (to import a prefix or wildcard, give a "kind" column in the CSV, or use a plain-text list)`,
    zh: `“${value}”不是电话号码；名片或 CSV 的电话字段只按完整号码导入（如需导入号段或通配符，请在 CSV 中加“kind”列，或使用纯文本名单）`,
  }),
};
