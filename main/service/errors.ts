// The one place a thrown value becomes what the API says about it. Electron IPC (main/app/ipc.ts) and
// HTTP (main/server/server.ts) both answer with toApiError(), so a failure reaches the UI identically
// over either transport: the same code, status, sentence and bilingual text.
import type { ApiError } from '../../shared/api.ts';
import { DomainError } from '../../shared/errors.ts';
import { texts } from './texts.ts';

export type ApiErrorReply = ApiError & { status: number };

/** Any thrown value as the contract's error shape. Anything that is not a DomainError is a bug: 'internal', 500. */
export function toApiError(error: unknown): ApiErrorReply {
  if (error instanceof DomainError) {
    return { code: error.code, message: error.message, text: error.text, status: error.status, ...(error.issues ? { issues: error.issues } : {}) };
  }
  const text = texts.internal(error instanceof Error ? error.message : String(error));
  return { code: 'internal', message: text.en, text, status: 500 };
}
