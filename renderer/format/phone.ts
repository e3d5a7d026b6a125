// Phone numbers for people: grouped the way the country writes them, and the prefix a "block prefix"
// action suggests. libphonenumber-js knows every country's numbering plan; we do not hand-roll one.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

// Parsing a number is the slow part of drawing a History row; a flood repeats the same few numbers, and
// scrolling redraws the same rows, so remember recent answers (bounded, oldest dropped first).
const formatted = new Map<string, string>();
const REMEMBERED = 2000;

/**
 * "+8617012345678" → "+86 170 1234 5678". A number without a country code (landlines and many dongles
 * deliver "13912345678") is read as a number of `homeCountry` and written the way that country writes
 * it. Anything unparsable is shown exactly as the modem gave it.
 */
export function formatNumber(number: string, homeCountry?: string): string {
  const key = `${homeCountry ?? ''}|${number}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const parsed = parse(number, homeCountry);
  const result = parsed ? (number.startsWith('+') || number.startsWith('00') ? parsed.formatInternational() : parsed.formatNational()) : number;
  if (formatted.size >= REMEMBERED) formatted.delete(formatted.keys().next().value!);
  formatted.set(key, result);
  return result;
}

function parse(number: string, homeCountry?: string) {
  const parsed = parsePhoneNumberFromString(number, isCountry(homeCountry) ? homeCountry : undefined);
  return parsed?.isPossible() ? parsed : undefined;
}

function isCountry(code: string | undefined): code is CountryCode {
  return code !== undefined && /^[A-Z]{2}$/.test(code);
}

/**
 * The prefix to block for "block numbers like this": the country code plus the first three national
 * digits, which in China is the operator block (170/171 are the virtual operators call bombers rent).
 * Numbers we cannot parse keep their first four digits. Always ends in `*`, the API's prefix syntax.
 */
export function suggestedPrefix(number: string, homeCountry?: string): string {
  const parsed = parse(number, homeCountry);
  if (parsed) {
    return `+${parsed.countryCallingCode}${parsed.nationalNumber.slice(0, 3)}*`;
  }
  const digits = number.replace(/[^\d+]/g, '');
  return `${digits.slice(0, digits.startsWith('+') ? 5 : 4)}*`;
}
