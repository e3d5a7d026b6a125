// Phone numbers for people: grouped the way the country writes them, and the prefix a "block prefix"
// action suggests. libphonenumber-js knows every country's numbering plan; we do not hand-roll one.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

// Parsing a number is the slow part of drawing a History row; a flood repeats the same few numbers, and
// scrolling redraws the same rows, so remember recent answers (bounded, oldest dropped first).
const formatted = new Map<string, string>();
const REMEMBERED = 2000;

/** "+8617012345678" → "+86 170 1234 5678"; anything unparsable is shown exactly as the modem gave it. */
export function formatNumber(number: string): string {
  const known = formatted.get(number);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(number);
  const result = parsed?.isPossible() ? parsed.formatInternational() : number;
  if (formatted.size >= REMEMBERED) formatted.delete(formatted.keys().next().value!);
  formatted.set(number, result);
  return result;
}

/**
 * The prefix to block for "block numbers like this": the country code plus the first three national
 * digits, which in China is the operator block (170/171 are the virtual operators call bombers rent).
 * Numbers we cannot parse keep their first four digits. Always ends in `*`, the API's prefix syntax.
 */
export function suggestedPrefix(number: string): string {
  const parsed = parsePhoneNumberFromString(number);
  if (parsed?.isPossible() && number.startsWith('+')) {
    return `+${parsed.countryCallingCode}${parsed.nationalNumber.slice(0, 3)}*`;
  }
  const digits = number.replace(/[^\d+]/g, '');
  return `${digits.slice(0, digits.startsWith('+') ? 5 : 4)}*`;
}
