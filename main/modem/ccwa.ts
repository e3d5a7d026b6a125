// `+CCWA: <number>,<type>,<class>[,<alpha>][,<CLI validity>[,<subaddr>,<satype>[,<priority>]]]` (3GPP TS
// 27.007 §7.12): another caller is waiting while a call is in progress, after AT+CCWA=1,1. Shapes seen:
// `+CCWA: "+393351391306",145,1` (ModemManager's voice helpers), `+CCWA: 18005551212,129` (Multi-Tech's CDMA
// reference: unquoted, no class). The reply to a query, `+CCWA: <status>,<class>`, is not one: its second
// field is a class, never a type-of-address octet.
import type { CallerId } from '../../shared/domain.ts';
import { intField, payloadAfter, splitFields } from './at-fields.ts';
import type { Charset } from './charset.ts';
import { decodeNumber } from './charset.ts';
import { gsmCallerId, isAddressType, plausibleNumber } from './clip.ts';

/** Class 1 is voice; a waiting data or fax call is not a caller to screen. */
const VOICE = 1;

export function parseCcwa(line: string, charset: Charset = null): CallerId | null {
  const payload = payloadAfter(line, '+CCWA');
  if (payload === null) return null;
  const f = splitFields(payload);
  const first = f[0];
  if (!first || first.open || f.length < 2) return null;
  const type = intField(f[1]);
  if (type === null || !isAddressType(type)) return null;
  if (!first.quoted && first.text !== '' && !plausibleNumber(decodeNumber(first.text, charset))) return null;
  const cls = intField(f[2]);
  if (cls !== null && (cls & VOICE) === 0) return null;
  const alpha = f[3]?.text ?? null;
  const validity = intField(f[4]);
  return gsmCallerId(first.text, type, alpha, validity, [line], charset);
}
