// Text fields in the character set the modem was told to use (AT+CSCS, 3GPP TS 27.007 §5.5). Ringfence puts
// GSM modems in "UCS2" — the one set in which a Chinese caller name arrives intact — and then a name (the
// <alpha> of +CLIP, +CLCC and +CCWA) and the operator's name come as hex, four digits per UTF-16 code unit:
// "5F204E09" is 张三. Numbers stay digits (SIMCom's SIM800 manual: only <alpha> follows +CSCS), but some
// firmware encodes them as well ("002B00380036…"), so digits in UCS2 are decoded too.
//
// Where the set is not known (a transcript, a modem that refused UCS2 and sends hex names anyway) a field is
// decoded only when it cannot be anything else: whole UTF-16 text, every unit printable, and either Latin
// text in UCS2 form ("004A004F0048004E" for JOHN) or Chinese characters. A name that merely looks like hex
// ("CAFE", "BEEF") stays as it came.
//
// This decodes; it does not clean. The caller-ID sanitiser (hostile's, one function every parser calls) takes
// what comes out of here like any other delivered text.

export type Charset = 'UCS2' | 'IRA' | null;

const hexUnits = /^(?:[0-9A-Fa-f]{4})+$/;

/**
 * UTF-16BE hex → text, or null when it is not whole UTF-16 (lone surrogates) or, unless `controls` is set,
 * holds control characters. Where the set is known to be UCS2 a control is what the caller sent (a hostile
 * name full of escape sequences): it is decoded, and the sanitiser shows it as a visible picture — better
 * evidence than hex digits.
 */
export function decodeUcs2Hex(field: string, controls = false): string | null {
  const hex = field.trim();
  if (hex.length < 4 || !hexUnits.test(hex)) return null;
  const units: number[] = [];
  for (let i = 0; i < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  const text = String.fromCharCode(...units);
  if (!text.isWellFormed()) return null;
  if (controls) return text;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return null;
  }
  return text;
}

const latinInUcs2 = /^(?:00[0-9A-Fa-f]{2})+$/;
const chinese = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/u;

/** A name or other text field. */
export function decodeText(field: string, charset: Charset): string {
  if (charset === 'UCS2') return decodeUcs2Hex(field, true) ?? field;
  const decoded = decodeUcs2Hex(field);
  if (decoded === null) return field;
  // Unknown set: only what cannot be plain text.
  const hex = field.trim();
  if (hex.length >= 8 && latinInUcs2.test(hex)) return decoded;
  if (hex.length >= 8 && [...decoded].every((ch) => chinese.test(ch))) return decoded;
  return field;
}

/** A number field: digits (and + * #) in UCS2 form are decoded; anything else is left for the number rules. */
export function decodeNumber(field: string, charset: Charset): string {
  const hex = field.trim();
  if (!/^(?:00(?:3[0-9]|2[AB3]|2b|2a))+$/i.test(hex)) return field;
  // Unknown set: "0031…" could be a real number; only a long run of UCS2 digits is taken as one.
  if (charset !== 'UCS2' && hex.length < 12) return field;
  return decodeUcs2Hex(hex) ?? field;
}
