// What the history says to a person, in English and Chinese: a record or a search it refuses (what was
// wrong and what to send instead) and why a record could not be saved (and that it is kept and retried).
// The evidence documents (complaint.ts, filing.ts, export/) compose their own texts, one language at a time.
import type { Text } from '../../shared/domain.ts';

export const texts = {
  // --- records it refuses ---
  invalidCall: (where: string): Text => ({
    en: `This call record is not valid and was not saved: ${where}.`,
    zh: `通话记录无效，未保存：${where}。`,
  }),
  invalidSms: (where: string): Text => ({
    en: `This SMS record is not valid and was not saved: ${where}.`,
    zh: `短信记录无效，未保存：${where}。`,
  }),
  noSuchCall: (id: number): Text => ({ en: `There is no call with id ${id}.`, zh: `没有编号为 ${id} 的通话。` }),
  callIdNotWhole: (id: number): Text => ({ en: `A call id is a whole number (got ${id}).`, zh: `通话编号必须是整数（收到 ${id}）。` }),
  noteLength: (max: number): Text => ({ en: `A note needs 1 to ${max} characters of text.`, zh: `备注需要 1 到 ${max} 个字符。` }),
  retentionDays: (days: number): Text => ({
    en: `Retention must be a whole number of days, at least 1 (got ${days}).`,
    zh: `保留天数必须是至少为 1 的整数（收到 ${days}）。`,
  }),

  // --- searches and statistics it refuses ---
  notIsoTime: (text: string): Text => ({ en: `"${text}" is not an ISO 8601 time.`, zh: `“${text}”不是 ISO 8601 时间。` }),
  foreignCursor: (): Text => ({
    en: 'The page cursor is not one this history issued: start again from the first page.',
    zh: '分页游标无效：请从第一页重新开始。',
  }),
  cursorOtherOrder: (): Text => ({
    en: 'The page cursor belongs to the other sort order: start again from the first page after changing the order.',
    zh: '分页游标属于另一种排序：更改排序后请从第一页重新开始。',
  }),
  invalidSearch: (where: string): Text => ({ en: `The call search is not valid: ${where}.`, zh: `通话查询无效：${where}。` }),
  searchReversed: (from: string, to: string): Text => ({
    en: `The search range ends (${to}) before it starts (${from}): swap from and to.`,
    zh: `查询时间范围的结束（${to}）早于开始（${from}）：请交换起止时间。`,
  }),
  noDigits: (typed: string): Text => ({
    en: `"${typed}" has no digits: search for a number with at least one digit.`,
    zh: `“${typed}”不含数字：请输入至少一位数字进行搜索。`,
  }),
  invalidStatistics: (where: string): Text => ({ en: `The statistics request is not valid: ${where}.`, zh: `统计请求无效：${where}。` }),
  statisticsReversed: (from: string, to: string): Text => ({
    en: `The statistics range ends (${to}) before it starts (${from}).`,
    zh: `统计时间范围的结束（${to}）早于开始（${from}）。`,
  }),
  /** `detail`: the bucket counter's own English sentence (how many buckets, the most allowed). */
  tooManyBuckets: (detail: string): Text => ({ en: `${detail}.`, zh: '时间段过多：请缩短时间范围或选择更大的统计单位。' }),

  // --- records it could not save (the caller keeps the record and tries again) ---
  diskFull: (detail: string): Text => ({
    en: `The call record could not be saved: the disk is full (${detail}). Free some space; the record is kept and saved again automatically.`,
    zh: `无法保存通话记录：磁盘已满（${detail}）。请释放磁盘空间；记录已保留，将自动重新保存。`,
  }),
  readOnly: (detail: string): Text => ({
    en: `The call record could not be saved: the database cannot be written (${detail}). Check the data folder's permissions and that the disk is not mounted read-only; the record is kept and saved again automatically.`,
    zh: `无法保存通话记录：数据库不可写（${detail}）。请检查数据文件夹的权限以及磁盘是否为只读；记录已保留，将自动重新保存。`,
  }),
  busy: (detail: string): Text => ({
    en: `The call record could not be saved: another program holds the database (${detail}). Close other tools using it; the record is kept and saved again automatically.`,
    zh: `无法保存通话记录：数据库正被其他程序占用（${detail}）。请关闭正在使用它的其他工具；记录已保留，将自动重新保存。`,
  }),
  corrupt: (detail: string): Text => ({
    en: `The call record could not be saved: the database is damaged (${detail}). Restart Ringfence: it sets the damaged file aside and starts a new one.`,
    zh: `无法保存通话记录：数据库已损坏（${detail}）。请重新启动 Ringfence：它会保留损坏的文件并新建数据库。`,
  }),
  writeFailed: (detail: string): Text => ({
    en: `The call record could not be saved (${detail}). Check the disk; the record is kept and saved again automatically.`,
    zh: `无法保存通话记录（${detail}）。请检查磁盘；记录已保留，将自动重新保存。`,
  }),
};
