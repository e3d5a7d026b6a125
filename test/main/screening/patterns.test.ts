import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RuleError } from '../../../main/screening/index.ts';
import { parseRuleValue, regexLiteralPrefix, safeRegexSource, validateRegex, wildcardMatches } from '../../../main/screening/patterns.ts';
import { callerKeys, RuleIndex } from '../../../main/screening/rule-index.ts';
import { rule } from './helpers.ts';

const refused = (source: string) => {
  try {
    validateRegex(source);
  } catch (e) {
    expect(e).toBeInstanceOf(RuleError);
    return (e as RuleError).message;
  }
  throw new Error(`/${source}/ was accepted`);
};

describe('rule values', () => {
  it('classifies each VALUE form the CLI accepts', () => {
    expect(parseRuleValue('+86170*', undefined, 'CN')).toEqual({ kind: 'prefix', value: '+86170' });
    expect(parseRuleValue('0086 170*', undefined, 'CN')).toEqual({ kind: 'prefix', value: '+86170' });
    expect(parseRuleValue('400*', undefined, 'CN')).toEqual({ kind: 'prefix', value: '400' });
    expect(parseRuleValue('+86138****0000', undefined, 'CN')).toEqual({ kind: 'wildcard', value: '+86138****0000' });
    expect(parseRuleValue('138?????000', undefined, 'CN')).toEqual({ kind: 'wildcard', value: '138?????000' });
    expect(parseRuleValue('Withheld', undefined, 'CN')).toEqual({ kind: 'presentation', value: 'withheld' });
    expect(parseRuleValue('138 0013 8000', undefined, 'CN')).toEqual({ kind: 'number', value: '+8613800138000' });
    expect(parseRuleValue('Loan  Offers', 'name', 'CN')).toEqual({ kind: 'name', value: 'Loan Offers' });
  });

  it('refuses a number that is not one, saying what to write instead', () => {
    expect(() => parseRuleValue('call me', undefined, 'CN')).toThrow(/not a phone number: use digits/);
    expect(() => parseRuleValue('+*', undefined, 'CN')).toThrow(RuleError);
    expect(() => parseRuleValue('7*', undefined, 'CN')).toThrow(/at least two digits/);
  });
});

describe('expert regexes', () => {
  it('accepts the restricted syntax', () => {
    for (const ok of ['^\\+86170\\d{8}$', '^1[3-9]\\d{9}$', '^(?:400|800)\\d+$', '^(95|96)\\d{3}$', '0000$', '^\\+86(10|21)?8\\d*$']) {
      expect(validateRegex(ok)).toBe(ok);
    }
  });

  it('refuses backreferences, lookaround and nested quantifiers, which can hang a backtracking engine', () => {
    expect(refused('(\\d)\\1')).toMatch(/backreferences/);
    expect(refused('^(?=1)\\d+')).toMatch(/lookahead/);
    expect(refused('(?<!0)1')).toMatch(/lookahead/);
    expect(refused('^(\\d+)+$')).toMatch(/may not be repeated/);
    expect(refused('(1|11)*$')).toMatch(/may not be repeated/);
    expect(refused('\\d**')).toMatch(/nothing to repeat/);
    expect(refused('\\d*\\d*\\d*\\d*\\d*')).toMatch(/more than four unbounded/);
  });

  it('refuses what cannot be in a number and unbalanced syntax', () => {
    expect(refused('^[a-z]+$')).toMatch(/class/);
    expect(refused('abc')).toMatch(/cannot appear in a phone number/);
    expect(refused('(12')).toMatch(/no matching \)/);
    expect(refused('\\w')).toMatch(/escape/);
  });

  it('finds the literal start an anchored regex is indexed under', () => {
    expect(regexLiteralPrefix('^\\+86199\\d{8}$')).toBe('+86199');
    expect(regexLiteralPrefix('^1[3-9]\\d{9}$')).toBe('1');
    expect(regexLiteralPrefix('^12?3')).toBe('1');
    expect(regexLiteralPrefix('^123|^456')).toBe('');
    expect(regexLiteralPrefix('0000$')).toBe('');
  });

  it('matches anchored and unanchored regexes on both number forms', () => {
    const index = new RuleIndex('CN');
    const anchored = rule('blocked', '^\\+86199\\d{8}$', { kind: 'regex' });
    const national = rule('blocked', '^95\\d{3}$', { kind: 'regex' });
    const tail = rule('blocked', '8888$', { kind: 'regex' });
    for (const r of [anchored, national, tail]) index.blocked.put(r);
    const m = (n: string) => index.blocked.matchPattern(callerKeys(n, '+86'), null, 'allowed', new Date())?.id ?? null;
    expect(m('+8619912345678')).toBe(anchored.id);
    expect(m('95555')).toBe(national.id);
    expect(m('+8613912348888')).toBe(tail.id);
    expect(m('+8613912348880')).toBeNull();
  });

  it('makes groups non-capturing so the set combines into one regex', () => {
    expect(safeRegexSource('^(95|96)\\d{3}$')).toBe('^(?:95|96)\\d{3}$');
  });
});

describe('pattern matching', () => {
  it('matches wildcards exactly as the equivalent regex would, for generated patterns and numbers', () => {
    const oracle = (pattern: string) => new RegExp(`^${pattern.replace(/\+/g, '\\+').replace(/\?/g, '\\d').replace(/\*+/g, '\\d*')}$`);
    const pattern = fc.array(fc.constantFrom('1', '3', '8', '?', '*'), { minLength: 1, maxLength: 12 }).map((p) => `+86${p.join('')}`);
    const key = fc.array(fc.constantFrom('1', '3', '8'), { minLength: 0, maxLength: 14 }).map((k) => `+86${k.join('')}`);
    fc.assert(
      fc.property(pattern, key, (p, k) => {
        expect(wildcardMatches(p, k)).toBe(oracle(p).test(k));
      }),
      { numRuns: 3000 },
    );
  });

  const match = (rules: ReturnType<typeof rule>[], number: string) => {
    const index = new RuleIndex('CN');
    for (const r of rules) index.list(r.list).put(r);
    return index.blocked.matchPattern(callerKeys(number, '+86'), null, 'allowed', new Date());
  };

  it('matches a national prefix on national numbers without touching short codes', () => {
    const beijing = rule('blocked', '010*');
    expect(match([beijing], '+861012345678')?.id).toBe(beijing.id);
    expect(match([beijing], '10086')).toBeNull();
  });

  it('matches 95* on short codes and on national 95 numbers', () => {
    const ninetyFive = rule('blocked', '95*');
    expect(match([ninetyFive], '95555')?.id).toBe(ninetyFive.id);
    expect(match([ninetyFive], '+8695105105')?.id).toBe(ninetyFive.id);
  });

  it('prefers the longest prefix', () => {
    const short = rule('blocked', '+86170*');
    const long = rule('blocked', '+861701*');
    expect(match([short, long], '+8617012345678')?.id).toBe(long.id);
    expect(match([short, long], '+8617022345678')?.id).toBe(short.id);
  });

  it('matches wildcards digit by digit', () => {
    const masked = rule('blocked', '+86138****0000');
    expect(match([masked], '+8613812340000')?.id).toBe(masked.id);
    expect(match([masked], '+8613812340001')).toBeNull();
    const national = rule('blocked', '138????0000');
    expect(match([national], '+8613812340000')?.id).toBe(national.id);
    expect(match([national], '+8613912340000')).toBeNull();
  });
});
