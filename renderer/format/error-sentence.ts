// Every failure the user sees is a sentence saying what happened and what to do — the server's own
// sentence in the user's language when it sent one, otherwise ours for the error's code. Never a raw
// error object or a stack.
import type { TFunction } from 'i18next';
import { toApiCallError } from '../api/errors.ts';
import type { Language } from '../i18n/language.ts';

export function errorSentence(e: unknown, lang: Language, t: TFunction): string {
  const error = toApiCallError(e);
  if (error.text) return error.text[lang];
  switch (error.code) {
    case 'unauthorized':
      return t('errors.unauthorized');
    case 'unreachable':
      return t('errors.unreachable');
    case 'unknown-method':
      return t('errors.unknownMethod');
    case 'not-found':
      return t('errors.notFound');
    default:
      break;
  }
  if (error.status === 400 || error.code === 'invalid-input') {
    // The server's detail names the field and the problem ("value: use HH:MM"); it is the useful part.
    const detail = error.issues.length ? error.issues.map(stripPath).join('; ') : stripPrefix(error.message);
    return t('errors.invalid', { detail });
  }
  return t('errors.server');
}

function stripPath(issue: string): string {
  return issue.replace(/^[\w.()]+:\s*/, '');
}

function stripPrefix(message: string): string {
  return message.replace(/^Invalid input for \w+:\s*/, '');
}
