// Phone numbers for people — THE number formatter, used by the UI, the CLI and the exports' display
// columns alike: a number of the home country in its national form ("135 1111 2222"), any other in the
// international form ("+852 5123 4567"). Also the prefix a "block prefix" action suggests, and the number
// range a number belongs to (for grouping rotating numbers). libphonenumber-js knows every country's
// numbering plan; we do not hand-roll one.
import { getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import metadata from 'libphonenumber-js/min/metadata';

// Parsing a number is the slow part of drawing a History row; a flood repeats the same few numbers, and
// scrolling redraws the same rows, so remember recent answers (bounded, oldest dropped first).
const formatted = new Map<string, string>();
const REMEMBERED = 2000;

/**
 * One number, one way of writing it, whatever form the modem or the history holds it in: "13511112222",
 * "+8613511112222" and "008613511112222" are all "135 1111 2222" at home in China and "+86 135 1111 2222"
 * for a user whose home country is elsewhere. A number without a country code is read as a number of
 * `homeCountry`. Anything unparsable is shown exactly as the modem gave it.
 */
export function formatNumber(number: string, homeCountry?: string): string {
  const key = `${homeCountry ?? ''}|${number}`;
  const known = formatted.get(key);
  if (known !== undefined) return known;
  const parsed = parse(number, homeCountry);
  const home = isCountry(homeCountry) ? homeCountry : undefined;
  const national = parsed !== undefined && home !== undefined && parsed.countryCallingCode === getCountryCallingCode(home);
  const result = parsed ? (national ? parsed.formatNational() : parsed.formatInternational()) : number;
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

// Country calling codes (1 to 3 digits) → the main region using each: libphonenumber's metadata lists the
// main country first (US for +1, RU for +7).
function regionOfCallingCode(code: string): string | undefined {
  return (metadata as { country_calling_codes: Record<string, string[]> }).country_calling_codes[code]?.[0];
}

/**
 * The number range a number belongs to, for grouping the numbers call bombers rotate through: the country
 * code and the first three national digits ("+8617012345678" → "+86170", China's operator blocks and
 * area codes), with the region of the country code. Works on a number's first digits alone, so the history
 * can group by a short head of each number. Numbers without a country code keep their first four digits.
 */
export function numberRange(number: string): { prefix: string; region: string | null } {
  if (number.startsWith('+')) {
    for (const len of [1, 2, 3]) {
      const cc = number.slice(1, 1 + len);
      const region = regionOfCallingCode(cc);
      if (region) return { prefix: `+${cc}${number.slice(1 + len, 4 + len)}`, region };
    }
  }
  return { prefix: number.slice(0, 4), region: null };
}
