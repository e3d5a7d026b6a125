// Errors the history hands back: a stable code a program can test and a sentence in each language a person
// can act on. SQLite's own failures are translated here, once.
import type { Text } from '../../shared/domain.ts';
import { DomainError, type ErrorStatus } from '../../shared/errors.ts';
import { texts } from './texts.ts';

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
  code === 'no-such-call' || code === 'no-such-message'
    ? 404
    : code === 'invalid-call' || code === 'invalid-sms' || code === 'invalid-query' || code === 'invalid-cursor'
      ? 400
      : 503;

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
      return new HistoryError('disk-full', texts.diskFull(detail), { cause: error });
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
      return new HistoryError('read-only', texts.readOnly(detail), { cause: error });
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return new HistoryError('busy', texts.busy(detail), { cause: error });
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return new HistoryError('corrupt', texts.corrupt(detail), { cause: error });
    case SQLITE_IOERR:
    default:
      return new HistoryError('write-failed', texts.writeFailed(detail), { cause: error });
  }
}

type InvalidCode = 'invalid-call' | 'invalid-sms' | 'invalid-query' | 'invalid-cursor';

/** A bad argument: what is wrong, where, and what to send instead (a sentence from texts.ts). Nothing was changed. */
export function invalid(code: InvalidCode, text: Text): HistoryError;
/** The same with the sentence written at the call site (the exports still write theirs so). */
export function invalid(code: InvalidCode, en: string, zh: string): HistoryError;
export function invalid(code: InvalidCode, text: Text | string, zh?: string): HistoryError {
  return new HistoryError(code, typeof text === 'string' ? { en: text, zh: zh ?? '' } : text);
}
