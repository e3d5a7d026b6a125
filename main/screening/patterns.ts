// What a rule VALUE means, and how a pattern is matched. A value is classified once, when the rule is
// written (`+86170*` is a prefix, `138????0000` a wildcard, `withheld` a presentation, anything else a
// number), and stored in a canonical form so that the same rule typed two ways is one rule.
import type { Presentation, RuleKind, Text } from '../../shared/domain.ts';
import { RuleError } from './errors.ts';
import { normalizeNumber } from './numbers.ts';
import { regexTexts, ruleTexts } from './texts.ts';

export type RuleValue = { kind: RuleKind; value: string };

const PRESENTATIONS: Record<string, Exclude<Presentation, 'allowed'>> = {
  withheld: 'withheld',
  unavailable: 'unavailable',
  none: 'none',
};

const SEPARATORS = /[\s\-.()/\u00a0\u3000]/g;

/** Digits, `+`, `?` and `*` only; `00` (the international prefix) is written `+`. */
function cleanPattern(raw: string): string {
  const cleaned = raw.normalize('NFKC').replace(SEPARATORS, '');
  return cleaned.startsWith('00') ? `+${cleaned.slice(2)}` : cleaned;
}

const fail = (code: string, text: Text): never => {
  throw new RuleError(code, text);
};

/**
 * Classifies and canonicalises a VALUE as the CLI and the UI accept it: a number in any common form, a
 * prefix ending in `*`, a wildcard (`?` one digit, `*` any run), withheld|unavailable|none, or — only when
 * `kind` says so — a regex or a caller name.
 */
export function parseRuleValue(raw: string, kind: RuleKind | undefined, homeCountry: string): RuleValue {
  const text = raw.trim();
  if (text === '') fail('empty-value', ruleTexts.valueEmpty());
  if (kind === 'regex') return { kind, value: validateRegex(text) };
  if (kind === 'name') return { kind, value: parseName(text) };
  const presentation = PRESENTATIONS[text.toLowerCase()];
  if (kind === 'presentation' || (kind === undefined && presentation)) {
    if (!presentation) fail('invalid-presentation', ruleTexts.notPresentation(text));
    return { kind: 'presentation', value: presentation as string };
  }
  const pattern = cleanPattern(text);
  const wild = /[?*]/.test(pattern);
  if (kind === 'prefix' || (kind === undefined && wild && /^\+?\d+\*$/.test(pattern))) return { kind: 'prefix', value: parsePrefix(pattern, text) };
  if (kind === 'wildcard' || (kind === undefined && wild)) return { kind: 'wildcard', value: parseWildcard(pattern, text) };
  const number = normalizeNumber(text, homeCountry);
  if (number === null) {
    fail('invalid-number', ruleTexts.notNumber(text));
  }
  return { kind: 'number', value: number as string };
}

function parsePrefix(pattern: string, text: string): string {
  const digits = pattern.endsWith('*') ? pattern.slice(0, -1) : pattern;
  const ok = /^\+\d{1,14}$/.test(digits) || /^\d{2,15}$/.test(digits);
  if (!ok) {
    fail('invalid-prefix', ruleTexts.notPrefix(text));
  }
  return digits;
}

function parseWildcard(pattern: string, text: string): string {
  if (!/^\+?[\d?*]{1,24}$/.test(pattern) || !/\d/.test(pattern)) {
    fail('invalid-wildcard', ruleTexts.notWildcard(text));
  }
  return pattern;
}

function parseName(text: string): string {
  const name = text.normalize('NFKC').replace(/\s+/g, ' ');
  if (name.length > 100) fail('invalid-name', ruleTexts.nameTooLong());
  return name;
}

/**
 * Expert regexes run on every call, so only a restricted syntax is accepted: digit atoms (`5`, `\d`, `.`,
 * `[0-9]`, `\+`), anchors, groups and alternation, and quantifiers on single atoms only. Backreferences,
 * lookaround and quantified groups are refused: without them a backtracking engine cannot blow up
 * (no nested quantifiers), and the inputs are numbers of at most 17 characters, so the worst case is small
 * and bounded. Returns the source with capturing groups made non-capturing, ready to combine.
 */
export function validateRegex(source: string): string {
  checkRegex(source);
  return source;
}

/** The validated source with every group non-capturing, so many regexes can be combined into one. */
export function safeRegexSource(source: string): string {
  return checkRegex(source);
}

function checkRegex(source: string): string {
  const refuse = (why: Text): never => fail('invalid-regex', ruleTexts.regexRefused(source, why));
  if (source.length > 200) refuse(regexTexts.tooLong());
  let out = '';
  let unbounded = 0;
  let depth = 0;
  let i = 0;
  /** What the previous token was: a quantifier may follow only a single-character atom or `?` a group. */
  let previous: 'atom' | 'group' | 'quantifier' | 'none' = 'none';
  while (i < source.length) {
    const c = source[i] as string;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined) refuse(regexTexts.loneBackslash());
      if (/[1-9k]/.test(next as string)) refuse(regexTexts.backreference());
      if (!/[d+.\-*?()[\]{}|^$\\]/.test(next as string)) refuse(regexTexts.escape(next as string));
      out += c + next;
      i += 2;
      previous = 'atom';
      continue;
    }
    if (c === '[') {
      const end = source.indexOf(']', i + 1);
      if (end < 0) refuse(regexTexts.unclosedClass());
      const body = source.slice(i + 1, end);
      if (!/^\^?(?:\d-\d|\d|\\d|\\\+|\+)+$/.test(body)) refuse(regexTexts.classBody(body));
      out += source.slice(i, end + 1);
      i = end + 1;
      previous = 'atom';
      continue;
    }
    if (c === '(') {
      if (source[i + 1] === '?') {
        if (source[i + 2] !== ':') refuse(regexTexts.lookaround());
        i += 3;
      } else {
        i += 1;
      }
      out += '(?:';
      depth++;
      previous = 'none';
      continue;
    }
    if (c === ')') {
      if (depth === 0) refuse(regexTexts.unopenedGroup());
      depth--;
      out += c;
      i++;
      previous = 'group';
      continue;
    }
    const quantifier = /^(?:[*+?]|\{\d{1,2}(?:,\d{0,2})?\})\??/.exec(source.slice(i))?.[0];
    if (quantifier) {
      const base = quantifier.replace(/\?$/, '') || '?';
      if (previous === 'group' && base !== '?') refuse(regexTexts.repeatedGroup());
      if (previous !== 'atom' && previous !== 'group') refuse(regexTexts.nothingToRepeat(quantifier));
      if (base === '*' || base === '+' || /,\}$/.test(base)) unbounded++;
      out += quantifier;
      i += quantifier.length;
      previous = 'quantifier';
      continue;
    }
    if (c === '{' || c === '}') refuse(regexTexts.braces());
    if (!/[\d.+|^$]/.test(c)) refuse(regexTexts.notPhoneCharacter(c));
    out += c;
    i++;
    previous = c === '|' || c === '^' ? 'none' : c === '$' ? 'none' : 'atom';
  }
  if (depth !== 0) refuse(regexTexts.unclosedGroup());
  if (unbounded > 4) refuse(regexTexts.tooManyRepeats());
  try {
    new RegExp(out);
  } catch (error) {
    refuse(regexTexts.engine((error as Error).message));
  }
  return out;
}

/**
 * The literal text an anchored regex must start with ("^\\+86199" → "+86199"), or '' when it has none (no ^,
 * a top-level |, or a class or group first). A literal right before a quantifier is optional, so it is left out.
 */
export function regexLiteralPrefix(source: string): string {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return '';
  }
  if (!source.startsWith('^')) return '';
  let literal = '';
  let i = 1;
  while (i < source.length) {
    const two = source.slice(i, i + 2);
    const char = /^\d$/.test(source[i] ?? '') ? (source[i] as string) : two === '\\+' ? '+' : null;
    if (char === null) break;
    const width = char === '+' ? 2 : 1;
    if (/^[?*+{]/.test(source[i + width] ?? '')) break;
    literal += char;
    i += width;
  }
  return literal;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Does `key` match the wildcard form `pattern` (`?` one digit, `*` any run of digits, anything else itself)?
 * Hand-written rather than a RegExp per pattern: ten thousand distinct patterns would each be compiled by
 * the regex engine on first use (tens of microseconds each, right inside a decision). This is the classic
 * linear glob match with one remembered star.
 */
export function wildcardMatches(pattern: string, key: string): boolean {
  let p = 0;
  let k = 0;
  let star = -1;
  let mark = 0;
  while (k < key.length) {
    const pc = p < pattern.length ? pattern.charCodeAt(p) : -1;
    const kc = key.charCodeAt(k);
    if (pc === 63 ? isDigit(kc) : pc !== 42 && pc === kc) {
      p++;
      k++;
    } else if (pc === 42) {
      star = p++;
      mark = k;
    } else if (star >= 0 && isDigit(key.charCodeAt(mark))) {
      p = star + 1;
      k = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern.charCodeAt(p) === 42) p++;
  return p === pattern.length;
}

/** The literal text before the first wildcard character: where a wildcard hangs in the prefix trie. */
export function literalPrefix(keyPattern: string): string {
  const at = keyPattern.search(/[?*]/);
  return at < 0 ? keyPattern : keyPattern.slice(0, at);
}

/**
 * The trie key forms a prefix or wildcard written in `value` is matched on. `+…` values match the E.164
 * form. National values match the national significant number of a home-country number (trunk prefix
 * removed: 010 → 10) and, separately, short codes as dialled (`#` marks the short-code form, so blocking
 * 010* never blocks 10086).
 */
export function keyForms(value: string, trunk: string | null): string[] {
  if (value.startsWith('+')) return [value];
  const nsn = trunk && value.startsWith(trunk) && value.length > trunk.length ? value.slice(trunk.length) : value;
  return [nsn, `#${value}`];
}
