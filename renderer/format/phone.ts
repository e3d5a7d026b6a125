// Phone numbers for people: grouped the way the country writes them, and the prefix a "block prefix"
// action suggests. libphonenumber-js knows every country's numbering plan; we do not hand-roll one.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/** "+8617012345678" → "+86 170 1234 5678"; anything unparsable is shown exactly as the modem gave it. */
export function formatNumber(number: string): string {
  const parsed = parsePhoneNumberFromString(number);
  return parsed?.isPossible() ? parsed.formatInternational() : number;
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
