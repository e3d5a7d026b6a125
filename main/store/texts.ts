// The data store's sentences, in English and Chinese: why the database could not be opened, and who holds
// the data folder.
import type { Text } from '../../shared/domain.ts';
import type { LockOwner } from './lock.ts';

export const texts = {
  targetExists: (path: string): Text => ({
    en: `${path} already exists and was left as it is: choose another name, or add --force to replace it.`,
    zh: `${path} 已存在，未做改动：请换一个文件名，或加上 --force 覆盖它。`,
  }),
  databaseTarget: (path: string): Text => ({
    en: `${path} is one of Ringfence's own database files; writing there would destroy the history and rules. Choose a file outside the data folder's database (for example in your Documents folder).`,
    zh: `${path} 是 Ringfence 自身的数据库文件，写入会毁掉通话记录和规则。请选择数据库以外的文件（例如“文档”文件夹中）。`,
  }),
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
  setAside: (problem: string, aside: string): Text => ({
    en: `The call history database was damaged (${problem}), so Ringfence started a new, empty one. The old file was kept, not deleted: ${aside}. It may be partly recoverable with "sqlite3 ${aside} .recover".`,
    zh: `通话记录数据库已损坏（${problem}），Ringfence 已新建一个空数据库。旧文件已保留、未删除：${aside}。可尝试用“sqlite3 ${aside} .recover”恢复部分数据。`,
  }),
  unreadable: (path: string, detail: string): Text => ({
    en: `Cannot open ${path}: ${detail}. Check that the file is readable and writable.`,
    zh: `无法打开 ${path}：${detail}。请检查该文件是否可读写。`,
  }),
};

/** "2026-12-02 01:20:43" in this computer's time: a person compares it with what they started and when. */
function localStamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function heldBy(dir: string, owner: LockOwner): Text {
  const when = localStamp(owner.startedAt);
  return {
    en: `The data folder ${dir} is already in use by ${owner.what} (process ${owner.pid}, started ${when}). Only one Ringfence may screen calls and write one history at a time: stop that one first, or use another data folder (--data-dir).`,
    zh: `数据文件夹 ${dir} 正被 ${owner.what} 使用（进程 ${owner.pid}，启动于 ${when}）。同一时间只能有一个 Ringfence 筛选来电并写入同一份通话记录：请先停止它，或改用其他数据文件夹（--data-dir）。`,
  };
}

export function heldElsewhere(dir: string, path: string, owner: LockOwner): Text {
  const when = localStamp(owner.startedAt);
  return {
    en: `The data folder ${dir} is in use by ${owner.what} on the computer "${owner.host}" (process ${owner.pid}, started ${when}). Stop it there first. If that computer is no longer running it, delete ${path}.`,
    zh: `数据文件夹 ${dir} 正被计算机“${owner.host}”上的 ${owner.what} 使用（进程 ${owner.pid}，启动于 ${when}）。请先在那台计算机上停止它。如果那台计算机上已不再运行，请删除 ${path}。`,
  };
}

export function unreadableLock(dir: string, path: string): Text {
  return {
    en: `The data folder ${dir} could not be locked for this Ringfence: ${path} keeps reappearing. Is another Ringfence starting on it right now? Try again in a moment.`,
    zh: `无法为此 Ringfence 锁定数据文件夹 ${dir}：${path} 不断重新出现。是否有另一个 Ringfence 正在用它启动？请稍后再试。`,
  };
}
