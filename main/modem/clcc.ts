// `+CLCC: <id>,<dir>,<stat>,<mode>,<mpty>[,<number>,<type>[,<alpha>[,<priority>[,<CLI validity>]]]]`
// (3GPP TS 27.007 §7.18): the list of current calls. Used to learn an incoming number when +CLIP never
// came, and to tell whether a call is still there (an empty list means the line is idle).
import type { CallerId } from '../../shared/domain.ts';
import { intField, payloadAfter, splitFields } from './at-fields.ts';
import { decodeNumber, decodeText, type Charset } from './charset.ts';
import { gsmCallerId, isAddressType } from './clip.ts';

export const ClccState = { active: 0, held: 1, dialing: 2, alerting: 3, incoming: 4, waiting: 5 } as const;

export type ClccEntry = {
  index: number;
  incoming: boolean;
  state: number;
  voice: boolean;
  number: string;
  type: number | null;
  alpha: string | null;
  validity: number | null;
  line: string;
};

/** `charset`: the modem's +CSCS; number and alpha come back decoded (see charset.ts). */
export function parseClcc(line: string, charset: Charset = null): ClccEntry | null {
  const payload = payloadAfter(line, '+CLCC');
  if (payload === null) return null;
  const f = splitFields(payload);
  const index = intField(f[0]);
  const dir = intField(f[1]);
  const state = intField(f[2]);
  const mode = intField(f[3]);
  if (index === null || dir === null || state === null || state > 7) return null;
  const type = intField(f[6]);
  if (!isAddressType(type) || f[5]?.open) return null;
  return {
    index,
    incoming: dir === 1,
    state,
    voice: mode === null || mode === 0,
    number: decodeNumber(f[5]?.text ?? '', charset),
    type,
    alpha: f[7] ? decodeText(f[7].text, charset) : null,
    validity: intField(f[9]),
    line,
  };
}

/** A ringing (or waiting) incoming voice call. */
export const isRingingIn = (e: ClccEntry) => e.incoming && e.voice && (e.state === ClccState.incoming || e.state === ClccState.waiting);

/**
 * The identity a ringing incoming entry gives, or null when it says nothing (no number and no validity:
 * the modem just does not know, which is not the same as the caller withholding it).
 */
export function clccCallerId(entry: ClccEntry): CallerId | null {
  if (!isRingingIn(entry)) return null;
  if (entry.number.trim() === '' && entry.validity === null) return null;
  return gsmCallerId(entry.number, entry.type, entry.alpha, entry.validity, [entry.line]);
}
