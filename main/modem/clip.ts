// `+CLIP: <number>,<type>[,<subaddr>,<satype>[,<alpha>[,<CLI validity>]]]` (3GPP TS 27.007 §7.6), in the
// shapes real modems send: 2 to 6 fields, number quoted or not, with or without a space after the colon.
import type { CallerId } from '../../shared/domain.ts';
import { intField, payloadAfter, splitFields } from './at-fields.ts';
import { absenceWord } from './caller-id.ts';
import { decodeNumber, decodeText, type Charset } from './charset.ts';
import { callerIdFrom } from './presented.ts';

/** A type-of-address octet always has bit 8 set (128–255); anything else means this is not a caller ID. */
export const isAddressType = (type: number | null) => type === null || (type >= 128 && type <= 255);

/** CLI validity → presentation (0 valid, 1 withheld by the caller, 2–4 not available from the network). */
export function presentationFromValidity(validity: number | null): 'withheld' | 'unavailable' | null {
  if (validity === 1) return 'withheld';
  if (validity !== null && validity >= 2) return 'unavailable';
  return null;
}

/**
 * Whether an unquoted first field looks like a number at all (digits, a leading +, the * and # of service
 * codes): it tells a `+CLIP: 07700900123,129` caller ID from the `+CLIP: <n>,<m>` status reply. Only a
 * structural test — what is stored and matched is decided by callerIdFrom.
 */
export const plausibleNumber = (text: string) => /^\+?[\d*#]+$/.test(text.trim());

/**
 * Identity from the parts a +CLIP / +CLCC / +CCWA line shares, its text in the modem's character set:
 * decoded from UCS2 hex here (charset.ts only decodes), then made safe by callerIdFrom like any delivered text.
 */
export function gsmCallerId(
  numberText: string,
  type: number | null,
  rawAlpha: string | null,
  validity: number | null,
  raw: string[],
  charset: Charset = null,
): CallerId {
  const alpha = rawAlpha === null ? null : decodeText(rawAlpha, charset);
  numberText = decodeNumber(numberText, charset);
  const byValidity = presentationFromValidity(validity);
  if (byValidity) return callerIdFrom({ presentation: byValidity, nameText: alpha, raw });
  const number = numberText.trim();
  const word = absenceWord(number);
  if (word) return callerIdFrom({ presentation: word, nameText: alpha, raw });
  // An empty number: with no validity field the usual cause is the caller's CLIR; with validity 0 it is
  // contradictory, and "not available" is the honest reading.
  if (number === '') return callerIdFrom({ presentation: validity === 0 ? 'unavailable' : 'withheld', nameText: alpha, raw });
  // Anything else was presented as a number; callerIdFrom keeps it as text when it is not one (line noise,
  // or a caller presenting `+8*`): "number unusable", never a pattern.
  return callerIdFrom({ presentation: 'allowed', numberText: number, nameText: alpha, raw, international: type === 145 });
}

/** Parses one +CLIP line; null when the line is not a caller-ID notification (e.g. `+CLIP: 1,1`, the reply to AT+CLIP?). */
export function parseClip(line: string, charset: Charset = null): CallerId | null {
  const payload = payloadAfter(line, '+CLIP');
  if (payload === null) return null;
  const fields = splitFields(payload);
  const first = fields[0];
  // A number whose closing quote never came was cut off: it may be missing digits.
  if (!first || first.open) return null;
  if (!first.quoted) {
    // Unquoted numbers exist (some ZTE/Wavecom firmware) but must look like one, and a lone unquoted
    // field is the `+CLIP: <n>` status form.
    if (fields.length < 2 || !plausibleNumber(decodeNumber(first.text, charset))) return null;
  }
  const typeField = fields[1];
  const type = intField(typeField);
  if (typeField && typeField.text !== '' && type === null) return null;
  if (!isAddressType(type)) return null;
  const alpha = fields[4]?.text ?? null;
  const validity = intField(fields[5]);
  return gsmCallerId(first.text, type, alpha, validity, [line], charset);
}
