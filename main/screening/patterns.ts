// What a rule VALUE means, and how a pattern is matched. A value is classified once, when the rule is
// written (`+86170*` is a prefix, `138????0000` a wildcard, `withheld` a presentation, anything else a
// number), and stored in a canonical form so that the same rule typed two ways is one rule.
import type { Presentation, RuleKind } from '../../shared/domain.ts';
import { RuleError } from './errors.ts';
import { normalizeNumber } from './numbers.ts';

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

const fail = (code: string, en: string, zh: string): never => {
  throw new RuleError(code, { en, zh });
};

/**
 * Classifies and canonicalises a VALUE as the CLI and the UI accept it: a number in any common form, a
 * prefix ending in `*`, a wildcard (`?` one digit, `*` any run), withheld|unavailable|none, or — only when
 * `kind` says so — a regex or a caller name.
 */
export function parseRuleValue(raw: string, kind: RuleKind | undefined, homeCountry: string): RuleValue {
  const text = raw.trim();
  if (text === '') fail('empty-value', 'The value is empty: give a number, a prefix such as +86170*, or withheld.', '值为空：请填写号码、号段（如 +86170*）或 withheld。');
  if (kind === 'regex') return { kind, value: validateRegex(text) };
  if (kind === 'name') return { kind, value: parseName(text) };
  const presentation = PRESENTATIONS[text.toLowerCase()];
  if (kind === 'presentation' || (kind === undefined && presentation)) {
    if (!presentation) fail('invalid-presentation', `"${text}" is not a presentation: use withheld, unavailable or none.`, `“${text}”不是来电显示类型：请使用 withheld、unavailable 或 none。`);
    return { kind: 'presentation', value: presentation as string };
  }
  const pattern = cleanPattern(text);
  const wild = /[?*]/.test(pattern);
  if (kind === 'prefix' || (kind === undefined && wild && /^\+?\d+\*$/.test(pattern))) return { kind: 'prefix', value: parsePrefix(pattern, text) };
  if (kind === 'wildcard' || (kind === undefined && wild)) return { kind: 'wildcard', value: parseWildcard(pattern, text) };
  const number = normalizeNumber(text, homeCountry);
  if (number === null) {
    fail(
      'invalid-number',
      `"${text}" is not a phone number: use digits with an optional leading + (e.g. +8613800138000 or 13800138000), a prefix ending in *, or withheld.`,
      `“${text}”不是电话号码：请使用数字，可带前导 +（如 +8613800138000 或 13800138000），或以 * 结尾的号段，或 withheld。`,
    );
  }
  return { kind: 'number', value: number as string };
}

function parsePrefix(pattern: string, text: string): string {
  const digits = pattern.endsWith('*') ? pattern.slice(0, -1) : pattern;
  const ok = /^\+\d{1,14}$/.test(digits) || /^\d{2,15}$/.test(digits);
  if (!ok) {
    fail(
      'invalid-prefix',
      `"${text}" is not a prefix: use at least two digits ending in *, e.g. +86170* or 400*.`,
      `“${text}”不是号段：请至少使用两位数字并以 * 结尾，如 +86170* 或 400*。`,
    );
  }
  return digits;
}

function parseWildcard(pattern: string, text: string): string {
  if (!/^\+?[\d?*]{1,24}$/.test(pattern) || !/\d/.test(pattern)) {
    fail(
      'invalid-wildcard',
      `"${text}" is not a wildcard pattern: use digits, ? for one digit and * for any digits, e.g. +86138****0000.`,
      `“${text}”不是通配号码：请使用数字、? 代表一位数字、* 代表任意位数字，如 +86138****0000。`,
    );
  }
  return pattern;
}

function parseName(text: string): string {
  const name = text.normalize('NFKC').replace(/\s+/g, ' ');
  if (name.length > 100) fail('invalid-name', 'A caller name to match is at most 100 characters.', '要匹配的来电名称最多 100 个字符。');
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
  const refuse = (why: string, zh: string): never =>
    fail('invalid-regex', `The regex /${source}/ is refused: ${why}`, `正则表达式 /${source}/ 不被接受：${zh}`);
  if (source.length > 200) refuse('it is longer than 200 characters.', '超过 200 个字符。');
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
      if (next === undefined) refuse('it ends with a lone backslash.', '以单独的反斜杠结尾。');
      if (/[1-9k]/.test(next as string)) refuse('backreferences (\\1, \\k<…>) are not allowed.', '不允许反向引用（\\1、\\k<…>）。');
      if (!/[d+.\-*?()[\]{}|^$\\]/.test(next as string)) refuse(`the escape \\${next} is not supported; use \\d, \\+ or a digit.`, `不支持转义 \\${next}；请使用 \\d、\\+ 或数字。`);
      out += c + next;
      i += 2;
      previous = 'atom';
      continue;
    }
    if (c === '[') {
      const end = source.indexOf(']', i + 1);
      if (end < 0) refuse('a [ has no matching ].', '[ 没有对应的 ]。');
      const body = source.slice(i + 1, end);
      if (!/^\^?(?:\d-\d|\d|\\d|\\\+|\+)+$/.test(body)) refuse(`the class [${body}] may hold only digits, ranges such as 0-9, \\d and +.`, `字符类 [${body}] 只能包含数字、如 0-9 的范围、\\d 和 +。`);
      out += source.slice(i, end + 1);
      i = end + 1;
      previous = 'atom';
      continue;
    }
    if (c === '(') {
      if (source[i + 1] === '?') {
        if (source[i + 2] !== ':') refuse('lookahead, lookbehind and named groups are not allowed; use (…) or (?:…).', '不允许先行断言、后行断言和命名分组；请使用 (…) 或 (?:…)。');
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
      if (depth === 0) refuse('a ) has no matching (.', ') 没有对应的 (。');
      depth--;
      out += c;
      i++;
      previous = 'group';
      continue;
    }
    const quantifier = /^(?:[*+?]|\{\d{1,2}(?:,\d{0,2})?\})\??/.exec(source.slice(i))?.[0];
    if (quantifier) {
      const base = quantifier.replace(/\?$/, '') || '?';
      if (previous === 'group' && base !== '?') refuse('a group may not be repeated (only made optional with ?): nested repetition can backtrack without end.', '分组不能重复（只能用 ? 设为可选）：嵌套重复可能导致无休止的回溯。');
      if (previous !== 'atom' && previous !== 'group') refuse(`the quantifier ${quantifier} has nothing to repeat.`, `量词 ${quantifier} 前面没有可重复的内容。`);
      if (base === '*' || base === '+' || /,\}$/.test(base)) unbounded++;
      out += quantifier;
      i += quantifier.length;
      previous = 'quantifier';
      continue;
    }
    if (c === '{' || c === '}') refuse('use {n}, {n,} or {n,m} with numbers up to 99.', '请使用 {n}、{n,} 或 {n,m}，数字不超过 99。');
    if (!/[\d.+|^$]/.test(c)) refuse(`the character "${c}" cannot appear in a phone number; numbers hold only digits and +.`, `字符“${c}”不会出现在电话号码中；号码只含数字和 +。`);
    out += c;
    i++;
    previous = c === '|' || c === '^' ? 'none' : c === '$' ? 'none' : 'atom';
  }
  if (depth !== 0) refuse('a ( has no matching ).', '( 没有对应的 )。');
  if (unbounded > 4) refuse('it has more than four unbounded repeats (*, +, {n,}); simplify it.', '无上限的重复（*、+、{n,}）超过四个；请简化。');
  try {
    new RegExp(out);
  } catch (error) {
    refuse(`${(error as Error).message}.`, `${(error as Error).message}。`);
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
