// The data store's sentences, in English and Chinese: why the database could not be opened.
import type { Text } from '../../shared/domain.ts';

export const texts = {
  cannotOpen: (path: string, detail: string): Text => ({
    en: `Cannot open the database ${path}: ${detail}. Check that the data folder is readable and writable.`,
    zh: `无法打开数据库 ${path}：${detail}。请检查数据文件夹是否可读写。`,
  }),
  noData: (dir: string): Text => ({
    en: `There is no Ringfence data in ${dir} (no ringfence.db there). Pass the data folder with --data-dir.`,
    zh: `${dir} 中没有 Ringfence 数据（那里没有 ringfence.db）。请用 --data-dir 指定数据文件夹。`,
  }),
  damaged: (path: string, detail: string): Text => ({
    en: `Cannot open ${path}: it is damaged (${detail}). Start Ringfence once: it sets the damaged file aside and begins a new one.`,
    zh: `无法打开 ${path}：文件已损坏（${detail}）。请启动一次 Ringfence：它会把损坏的文件放到一边并新建一个。`,
  }),
  unreadable: (path: string, detail: string): Text => ({
    en: `Cannot open ${path}: ${detail}. Check that the file is readable and writable.`,
    zh: `无法打开 ${path}：${detail}。请检查该文件是否可读写。`,
  }),
};
