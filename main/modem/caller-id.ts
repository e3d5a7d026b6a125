// Building CallerId values the same way whatever format they came from (the fixtures README, §2).
import type { CallerId, Presentation } from '../../shared/domain.ts';
import { callerIdFrom, presentedName } from './presented.ts';

export type CallerIdSource = 'clip' | 'clcc' | 'ccwa' | 'block' | 'hex' | 'tci' | 'missed-call' | 'none';

/** Words a number field carries instead of digits, by what they mean. Compared in upper case with `-`/`_` as spaces. */
const withheldWords = new Set(['P', 'PRIVATE', 'PRIVATE NUMBER', 'ANONYMOUS', 'RESTRICTED', 'WITHHELD']);
const unavailableWords = new Set(['O', 'OUT OF AREA', 'OUTOFAREA', 'UNAVAILABLE', 'UNKNOWN', 'NOT AVAILABLE']);

/** 'withheld' / 'unavailable' when the number field holds one of the absence words, else null. */
export function absenceWord(value: string): 'withheld' | 'unavailable' | null {
  const word = value.trim().toUpperCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ');
  if (withheldWords.has(word)) return 'withheld';
  if (unavailableWords.has(word)) return 'unavailable';
  return null;
}

/**
 * A delivered name, made safe (control characters replaced) and trimmed of the padding telcos add. Null when
 * nothing arrived, the field is blank, or it holds only the one-letter absence code O or P (the formatted
 * form of MDMF parameter 08). Parsers building a whole caller ID use callerIdFrom, which also counts.
 */
export function cleanName(value: string | null | undefined): string | null {
  return presentedName(value);
}

/** An identity from a number field and a name field, both as delivered: a number, a known absence word, or empty. */
export function fromNumberField(value: string, name: string | null | undefined, raw: string[], whenEmpty: Presentation = 'unavailable'): CallerId {
  const number = value.trim();
  const absent = absenceWord(number);
  if (absent) return callerIdFrom({ presentation: absent, nameText: name, raw });
  if (number === '') return callerIdFrom({ presentation: whenEmpty, nameText: name, raw });
  return callerIdFrom({ presentation: 'allowed', numberText: value, nameText: name, raw });
}

export function noCallerId(raw: string[]): CallerId {
  return { number: null, presentation: 'none', name: null, raw };
}

/** Same caller as far as a call's boundaries go: number, presentation, name and presented text all equal. */
export function sameIdentity(a: CallerId, b: CallerId): boolean {
  return a.number === b.number && a.presentation === b.presentation && a.name === b.name && a.presentedNumber === b.presentedNumber;
}
