import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber, normalizeNumber } from '../../../main/screening/index.ts';
import { normalizeNumberSlow } from '../../../main/screening/numbers.ts';

// 179xx is excluded: China's IP-dialling carrier codes (17900–17999, e.g. 17951) are stripped like a
// trunk prefix, so 17900008000 is genuinely ambiguous and libphonenumber keeps it as dialled.
const chineseMobile = fc
  .tuple(fc.constantFrom('13', '15', '17', '18', '19'), fc.stringMatching(/^\d{9}$/))
  .map(([a, b]) => `${a}${b}`)
  .filter((n) => !n.startsWith('179'));
const separated = (digits: string, sep: string) => digits.replace(/(\d{3})(\d{4})(\d+)/, `$1${sep}$2${sep}$3`);

describe('number normalisation', () => {
  it('treats the four Chinese forms of a mobile number as one number', () => {
    for (const form of ['+8613800138000', '8613800138000', '008613800138000', '13800138000']) {
      expect(normalizeNumber(form, 'CN')).toBe('+8613800138000');
    }
  });

  it('keeps short service numbers as dialled', () => {
    for (const short of ['10086', '95555', '12321', '110']) expect(normalizeNumber(short, 'CN')).toBe(short);
  });

  it('reads a national landline with its trunk prefix', () => {
    expect(normalizeNumber('010-12345678', 'CN')).toBe('+861012345678');
    expect(normalizeNumber('(0755) 1234 5678', 'CN')).toBe('+8675512345678');
  });

  it('accepts full-width digits typed with a Chinese input method', () => {
    expect(normalizeNumber('１３８００１３８０００', 'CN')).toBe('+8613800138000');
  });

  it('refuses text that is not a phone number', () => {
    for (const bad of ['abc', '12', '', '+', '138-0013-800a', '+999123']) expect(normalizeNumber(bad, 'CN')).toBeNull();
  });

  it('uses the home country for national numbers', () => {
    expect(normalizeNumber('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalizeNumber('(650) 253-0000', 'US')).toBe('+16502530000');
  });

  it('gives every written form of a generated mobile number the same E.164 key', () => {
    fc.assert(
      fc.property(chineseMobile, fc.constantFrom(' ', '-', ''), (n, sep) => {
        const expected = `+86${n}`;
        const forms = [n, `+86${n}`, `86${n}`, `0086${n}`, separated(n, sep), `+86 ${separated(n, sep)}`];
        for (const f of forms) expect(normalizeNumber(f, 'CN')).toBe(expected);
      }),
    );
  });

  it('is idempotent: a normalised number normalises to itself', () => {
    fc.assert(
      fc.property(fc.oneof(chineseMobile, fc.stringMatching(/^\d{3,12}$/), fc.stringMatching(/^\+[1-9]\d{6,13}$/)), (raw) => {
        const once = normalizeNumber(raw, 'CN');
        if (once !== null) expect(normalizeNumber(once, 'CN')).toBe(once);
      }),
    );
  });

  it('agrees with libphonenumber on the fast paths, for any home country and input', () => {
    const input = fc.oneof(
      fc.stringMatching(/^\d{3,14}$/),
      fc.stringMatching(/^\+[1-9]\d{6,14}$/),
      fc.stringMatching(/^\+(86|1|44|7|852|886|81|49)\d{4,12}$/),
      fc.stringMatching(/^1[3-9]\d{9}$/),
      fc.stringMatching(/^0\d{9,11}$/),
      fc.stringMatching(/^(00|011|001)(86|1|44|7|852)\d{6,11}$/),
    );
    fc.assert(
      fc.property(input, fc.constantFrom('CN', 'US', 'GB', 'RU', 'DE', 'HK', 'TW'), (raw, home) => {
        expect(normalizeNumber(raw, home)).toBe(normalizeNumberSlow(raw, home));
      }),
      { numRuns: 5000 },
    );
  });

  it('displays home numbers nationally and others internationally', () => {
    expect(formatNumber('+8613800138000', 'CN')).toBe('138 0013 8000');
    expect(formatNumber('+16502530000', 'CN')).toBe('+1 650 253 0000');
    expect(formatNumber('10086', 'CN')).toBe('10086');
  });
});
