// Phone numbers in one form. Rules and callers are matched in E.164 (+8613800138000) so that every way a
// number is written or delivered — +86…, 86…, 0086…, the national 138… or 010-… — is one key. Short service
// numbers (10086, 95555, 12321) have no E.164 form and stay as dialled. libphonenumber-js does the real work;
// this file only decides what to do with what it cannot place.
import { Metadata, getCountries, getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import { formatNumber as formatForPeople } from '../../shared/phone.ts';

/** Separators people and address books put inside numbers; never meaningful for matching. */
const SEPARATORS = /[\s\-.()/\u00a0\u3000]/g;

/** Full-width digits and plus (Chinese input methods) become ASCII; everything else is kept for the check. */
function clean(raw: string): string {
  return raw.normalize('NFKC').replace(SEPARATORS, '');
}

function country(homeCountry: string): CountryCode | undefined {
  return isSupportedCountry(homeCountry) ? homeCountry : undefined;
}

/**
 * E.164 when libphonenumber can place the number; a short or local number (not possible as a full number
 * for the home country) as its digits; null when the text is not a phone number at all.
 */
export function normalizeNumber(raw: string, homeCountry: string): string | null {
  return normalize(raw, homeCountry, true);
}

function normalize(raw: string, homeCountry: string, fastOk: boolean): string | null {
  const cleaned = clean(raw);
  if (!/^\+?\d+$/.test(cleaned)) return null;
  const international = cleaned.startsWith('+');
  const digits = international ? cleaned.slice(1) : cleaned;
  if (digits.length < 3 || digits.length > 17) return null;
  const fast = !fastOk ? null : international ? fastInternational(digits) : (fastNational(digits, homeCountry) ?? fastDialledAbroad(digits, homeCountry));
  if (fast !== null) return fast;
  const parsed = parsePhoneNumberFromString(cleaned, country(homeCountry));
  if (!parsed) return international ? null : digits;
  if (international || parsed.isPossible()) {
    // Only numbers that lost digits, or kept a leading 0 after the country code, can change again.
    const unsettled = international ? parsed.number.length !== cleaned.length : parsed.nationalNumber.startsWith('0');
    return unsettled ? settle(parsed.number) : parsed.number;
  }
  // 10086, 95555, 12321, 110: service codes are not full numbers anywhere; keep them as dialled.
  return digits;
}

/**
 * libphonenumber drops one national prefix after the country code per parse (+86 0 431… → +86431…,
 * +1 1 709… → +1709…), so such a number would change again on the next pass; parse until it stops.
 */
function settle(e164: string): string {
  let value = e164;
  for (let i = 0; i < 4; i++) {
    const again = parsePhoneNumberFromString(value)?.number;
    if (!again || again === value) break;
    value = again;
  }
  return value;
}

/**
 * The numbering-plan facts the fast paths need, from libphonenumber's own metadata. libphonenumber allocates
 * a great deal per parse (its p99 on a busy machine is ~30 µs, mostly garbage collection), while the common
 * caller ID — an E.164 number, or a national number with nothing to strip — needs none of that work.
 */
type Plan = { code: string; prefixForParsing: RegExp | null; idd: RegExp | null; lengths: Set<number>; pattern: RegExp };
const plans = new Map<string, Plan | null>();

function planOf(key: { country?: string; code?: string }): Plan | null {
  const id = key.country ?? `+${key.code}`;
  if (plans.has(id)) return plans.get(id) ?? null;
  let plan: Plan | null;
  try {
    const metadata = new Metadata();
    const country = key.country ?? null;
    if (country && !isSupportedCountry(country)) throw new Error('unknown country');
    if (country) metadata.selectNumberingPlan(country as CountryCode);
    else (metadata as unknown as { selectNumberingPlan(c: undefined, code: string): void }).selectNumberingPlan(undefined, key.code as string);
    const p = metadata.numberingPlan as unknown as {
      callingCode(): string;
      nationalPrefixForParsing(): string | undefined;
      IDDPrefix(): string | undefined;
      possibleLengths(): number[];
      nationalNumberPattern(): string;
    };
    // A code shared by several regions (+1, +44, +7) needs libphonenumber to tell which region's rules apply.
    if (getCountries().filter((c) => getCountryCallingCode(c) === p.callingCode()).length !== 1) throw new Error('shared calling code');
    const npfp = p.nationalPrefixForParsing();
    const idd = p.IDDPrefix();
    plan = {
      code: p.callingCode(),
      prefixForParsing: npfp ? new RegExp(`^(?:${npfp})`) : null,
      idd: idd ? new RegExp(`^(?:${idd})`) : null,
      lengths: new Set(p.possibleLengths()),
      pattern: new RegExp(`^(?:${p.nationalNumberPattern()})$`),
    };
  } catch {
    plan = null;
  }
  plans.set(id, plan);
  return plan;
}

/** "+<code><rest>" is already canonical when the rest has a possible length and nothing libphonenumber would strip. */
function fastInternational(digits: string): string | null {
  const split = splitCallingCode(`+${digits}`);
  if (!split) return null;
  const plan = planOf({ code: split.code.slice(1) });
  if (!plan || !plan.lengths.has(split.rest.length) || !plan.pattern.test(split.rest) || plan.prefixForParsing?.test(split.rest)) return null;
  return `+${digits}`;
}

/** A national number with no trunk, carrier or international prefix to strip and a possible length. */
function fastNational(digits: string, homeCountry: string): string | null {
  const plan = planOf({ country: homeCountry });
  if (!plan || !plan.lengths.has(digits.length) || !plan.pattern.test(digits) || digits.startsWith(plan.code)) return null;
  if (plan.prefixForParsing?.test(digits) || plan.idd?.test(digits)) return null;
  return `+${plan.code}${digits}`;
}

/** 0086… dialled from China: the international prefix stands for +, the rest is an international number. */
function fastDialledAbroad(digits: string, homeCountry: string): string | null {
  const plan = planOf({ country: homeCountry });
  const idd = plan?.idd?.exec(digits)?.[0];
  return idd ? fastInternational(digits.slice(idd.length)) : null;
}

/** The libphonenumber path alone, for tests that prove the fast paths agree with it. */
export function normalizeNumberSlow(raw: string, homeCountry: string): string | null {
  return normalize(raw, homeCountry, false);
}

/**
 * normalizeNumber bound to a home country. No memo: the fast paths cost about a microsecond, and a flood of
 * rotating numbers would only churn one.
 */
export function numberNormalizer(homeCountry: string): (raw: string) => string | null {
  return (raw) => normalizeNumber(raw, homeCountry);
}

/**
 * The display form: national for home-country numbers (138 0013 8000), international otherwise — the one
 * formatter the UI uses too (shared/phone.ts), so the CLI and the UI write a number the same way.
 */
export function formatNumber(number: string, homeCountry: string): string {
  return formatForPeople(number, homeCountry);
}

/** Numbers that cannot exist (per libphonenumber's full metadata): a cheap sign of a spoofed caller ID. */
export function isValidNumber(normalized: string): boolean {
  if (!normalized.startsWith('+')) return true; // short service codes are not judged
  return parsePhoneNumberFromString(normalized)?.isValid() ?? false;
}

/**
 * The country an E.164 number belongs to (CN), when libphonenumber can tell — for an invalid number, the one
 * country that uses its calling code; null when the code is shared (+1, +7, +44) or used by no country.
 */
export function regionOf(e164: string): string | null {
  const country = parsePhoneNumberFromString(e164)?.country;
  if (country) return country;
  const split = splitCallingCode(e164);
  if (!split) return null;
  const code = split.code.slice(1);
  const users = getCountries().filter((c) => getCountryCallingCode(c) === code);
  return users.length === 1 ? (users[0] as string) : null;
}

/** "+86" for CN; null for an unknown country. */
export function callingCodePrefix(homeCountry: string): string | null {
  const home = country(homeCountry);
  return home ? `+${getCountryCallingCode(home)}` : null;
}

/** The trunk prefix dialled before national numbers: "0" in China and the UK, "1" in the US. */
export function trunkPrefix(homeCountry: string): string | null {
  const home = country(homeCountry);
  if (!home) return null;
  const metadata = new Metadata();
  metadata.selectNumberingPlan(home);
  const plan = metadata.numberingPlan as unknown as { nationalPrefix(): string | undefined } | undefined;
  return plan?.nationalPrefix() ?? null;
}

/**
 * The forms a caller is matched in: `e164` for rules written with +, `national` (the national significant
 * number of a home-country number, or a short code as is) for rules written the national way.
 */
export type NumberKeys = { e164: string | null; national: string | null };

export function numberKeys(normalized: string | null, homeCallingCode: string | null): NumberKeys {
  if (normalized === null) return { e164: null, national: null };
  if (!normalized.startsWith('+')) return { e164: null, national: normalized };
  const national = homeCallingCode !== null && normalized.startsWith(homeCallingCode) ? normalized.slice(homeCallingCode.length) : null;
  return { e164: normalized, national };
}

/** The E.164 digits as a number (exact in a double up to 15 digits): the compact key of the exact-number index. */
export function numericKey(e164: string): number | null {
  if (!/^\+[1-9]\d{1,14}$/.test(e164)) return null;
  return Number(e164.slice(1));
}

let callingCodes: Set<string> | null = null;

/** "+86170" → { code: "+86", rest: "170" }: calling codes are prefix-free, so at most one of 1–3 digits fits. */
export function splitCallingCode(value: string): { code: string; rest: string } | null {
  callingCodes ??= new Set(getCountries().map((c) => getCountryCallingCode(c) as string));
  for (let n = 1; n <= 3; n++) {
    const code = value.slice(1, 1 + n);
    if (code.length === n && callingCodes.has(code)) return { code: `+${code}`, rest: value.slice(1 + n) };
  }
  return null;
}
