// Errors the history hands back: a stable code a program can test and a sentence in each language a person
// can act on. SQLite's own failures are translated here, once.
import type { Text } from '../../shared/domain.ts';
import { DomainError, type ErrorStatus } from '../../shared/errors.ts';

export type HistoryErrorCode =
  | 'invalid-call'
  | 'invalid-sms'
  | 'no-such-message'
  | 'invalid-query'
  | 'invalid-cursor'
  | 'no-such-call'
  | 'disk-full'
  | 'read-only'
  | 'busy'
  | 'corrupt'
  | 'write-failed'
  | 'export-failed';

/** Bad arguments are the caller's to fix (400); a storage failure is the disk's or another program's (503). */
const statusOf = (code: HistoryErrorCode): ErrorStatus =>
  code === 'no-such-call' || code === 'no-such-message' ? 404 : code === 'invalid-call' || code === 'invalid-sms' || code === 'invalid-query' || code === 'invalid-cursor' ? 400 : 503;

export class HistoryError extends DomainError {
  declare readonly code: HistoryErrorCode;
  constructor(code: HistoryErrorCode, text: Text, options?: { cause?: unknown }) {
    super(code, text, { status: statusOf(code), ...(options?.cause !== undefined ? { cause: options.cause } : {}) });
  }
}

type SqliteError = Error & { errcode?: number };

/** SQLite primary result codes (the low byte of extended codes). */
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;

/** Why a record could not be written, in words that say what to do. The record itself is not lost: the caller keeps it. */
export function writeFailure(error: unknown): HistoryError {
  if (error instanceof HistoryError) return error;
  const code = ((error as SqliteError).errcode ?? -1) & 0xff;
  const detail = error instanceof Error ? error.message : String(error);
  switch (code) {
    case SQLITE_FULL:
      return new HistoryError(
        'disk-full',
        {
          en: `The call record could not be saved: the disk is full (${detail}). Free some space; the record is kept and saved again automatically.`,
          zh: `无法保存通话记录：磁盘已满（${detail}）。请释放磁盘空间；记录已保留，将自动重新保存。`,
        },
        { cause: error },
      );
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
      return new HistoryError(
        'read-only',
        {
          en: `The call record could not be saved: the database cannot be written (${detail}). Check the data folder's permissions and that the disk is not mounted read-only; the record is kept and saved again automatically.`,
          zh: `无法保存通话记录：数据库不可写（${detail}）。请检查数据文件夹的权限以及磁盘是否为只读；记录已保留，将自动重新保存。`,
        },
        { cause: error },
      );
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return new HistoryError(
        'busy',
        {
          en: `The call record could not be saved: another program holds the database (${detail}). Close other tools using it; the record is kept and saved again automatically.`,
          zh: `无法保存通话记录：数据库正被其他程序占用（${detail}）。请关闭正在使用它的其他工具；记录已保留，将自动重新保存。`,
        },
        { cause: error },
      );
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return new HistoryError(
        'corrupt',
        {
          en: `The call record could not be saved: the database is damaged (${detail}). Restart Ringfence: it sets the damaged file aside and starts a new one.`,
          zh: `无法保存通话记录：数据库已损坏（${detail}）。请重新启动 Ringfence：它会保留损坏的文件并新建数据库。`,
        },
        { cause: error },
      );
    case SQLITE_IOERR:
    default:
      return new HistoryError(
        'write-failed',
        {
          en: `The call record could not be saved (${detail}). Check the disk; the record is kept and saved again automatically.`,
          zh: `无法保存通话记录（${detail}）。请检查磁盘；记录已保留，将自动重新保存。`,
        },
        { cause: error },
      );
  }
}

/** A bad argument: what is wrong, where, and what to send instead. Nothing was changed. */
export function invalid(code: 'invalid-call' | 'invalid-sms' | 'invalid-query' | 'invalid-cursor', en: string, zh: string): HistoryError {
  return new HistoryError(code, { en, zh });
}
