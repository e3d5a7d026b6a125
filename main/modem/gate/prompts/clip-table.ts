// Every clip the pass gate can play, by id: what eSpeak NG says for it (generate.ts turns this table into
// clips.ts). A prompt is a run of clips (prompt-audio.ts): "Press" + "seven" + "to be put through", and in
// Chinese 请按 + 七 + 接通, so ten digits cost ten short words instead of ten sentences per language.
export type ClipLanguage = 'en' | 'zh';

const enDigits = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const zhDigits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export const passMinutesChoices = [3, 5, 10] as const;

const table: Record<string, { language: ClipLanguage; text: string }> = {
  'en-press': { language: 'en', text: 'Press' },
  'en-connect': { language: 'en', text: 'to be put through.' },
  'en-withheld': { language: 'en', text: 'Please call again with your number shown.' },
  'zh-press': { language: 'zh', text: '请按' },
  'zh-connect': { language: 'zh', text: '接通。' },
  'zh-withheld': { language: 'zh', text: '请显示您的号码后再拨打。' },
};
enDigits.forEach((text, d) => (table[`en-${d}`] = { language: 'en', text }));
zhDigits.forEach((text, d) => (table[`zh-${d}`] = { language: 'zh', text }));
// "Please call again within" + three/five/ten + "minutes." (请在 + 三 + 分钟内再拨一次。)
table['en-again'] = { language: 'en', text: 'Please call again within' };
table['en-minutes'] = { language: 'en', text: 'minutes.' };
table['en-10'] = { language: 'en', text: 'ten' };
table['zh-again'] = { language: 'zh', text: '请在' };
table['zh-minutes'] = { language: 'zh', text: '分钟内再拨一次。' };
table['zh-10'] = { language: 'zh', text: '十' };

export const clipTable = table;
