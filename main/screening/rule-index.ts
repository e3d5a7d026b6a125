// The rules in memory, shaped for the questions a decision asks: is this exact number listed (ExactTable),
// does a prefix or wildcard cover it (a trie walked once along the number), does an expert regex match
// (all regexes combined into one), does the name or the presentation match. Pure data: no I/O, no clock.
import type { Presentation, RuleList } from '../../shared/domain.ts';
import { ExactTable } from './exact-table.ts';
import type { ExactColumns } from './exact-table.ts';
import { ruleActive } from './indexed-rule.ts';
import type { IndexedRule } from './indexed-rule.ts';
import { callingCodePrefix, trunkPrefix } from './numbers.ts';
import { keyForms, literalPrefix, regexLiteralPrefix, safeRegexSource, wildcardMatches } from './patterns.ts';

/** The number in the forms the patterns are written in (see patterns.ts keyForms). */
export type CallerKeys = {
  /** Trie keys: the E.164 form, and either the national significant number or `#` + a short code. */
  trie: string[];
  /** What expert regexes see: the E.164 form and the national digits. */
  regex: string[];
};

export function callerKeys(normalized: string | null, callingCode: string | null): CallerKeys {
  if (normalized === null) return { trie: [], regex: [] };
  if (!normalized.startsWith('+')) return { trie: [`#${normalized}`], regex: [normalized] };
  if (callingCode !== null && normalized.startsWith(callingCode)) {
    const nsn = normalized.slice(callingCode.length);
    return { trie: [normalized, nsn], regex: [normalized, nsn] };
  }
  return { trie: [normalized], regex: [normalized] };
}

/** Runs a regex a few times now, so its compilation happens here and not inside the first decision it meets. */
function warm(re: RegExp): RegExp {
  for (let i = 0; i < 3; i++) re.test('+8613800138000');
  return re;
}

type Wildcard = { rule: IndexedRule; pattern: string };
type AnchoredRegex = { rule: IndexedRule; re: RegExp };
type TrieNode = { next: (TrieNode | undefined)[] | null; prefixes: IndexedRule[] | null; wildcards: Wildcard[] | null; regexes: AnchoredRegex[] | null };

const node = (): TrieNode => ({ next: null, prefixes: null, wildcards: null, regexes: null });
/** '0'–'9' → 0–9, '+' → 10, '#' → 11; anything else cannot be in a key. */
const slot = (code: number): number => (code >= 48 && code <= 57 ? code - 48 : code === 43 ? 10 : code === 35 ? 11 : -1);

class PrefixTrie {
  readonly root = node();

  #at(path: string): TrieNode {
    let n = this.root;
    for (let i = 0; i < path.length; i++) {
      const s = slot(path.charCodeAt(i));
      if (s < 0) throw new Error(`cannot index "${path}"`);
      n.next ??= [];
      n = n.next[s] ??= node();
    }
    return n;
  }

  addPrefix(path: string, rule: IndexedRule): void {
    (this.#at(path).prefixes ??= []).push(rule);
  }

  addWildcard(path: string, wildcard: Wildcard): void {
    (this.#at(literalPrefix(path)).wildcards ??= []).push(wildcard);
  }

  /** An anchored regex hangs at its literal start, so only regexes that can match this number are run. */
  addRegex(path: string, regex: AnchoredRegex): void {
    (this.#at(path).regexes ??= []).push(regex);
  }

  /** The first active anchored regex along `key` that matches it (short codes are tested without their `#`). */
  matchRegex(key: string, at: Date): IndexedRule | null {
    const subject = key.startsWith('#') ? key.slice(1) : key;
    let n: TrieNode | undefined = this.root;
    for (let i = 0; n !== undefined; i++) {
      if (n.regexes) for (const r of n.regexes) if (r.re.test(subject) && ruleActive(r.rule, at)) return r.rule;
      if (i >= key.length || n.next === null) break;
      n = n.next[slot(key.charCodeAt(i))];
    }
    return null;
  }

  /** The most specific active match along `key`: the longest prefix, else the deepest matching wildcard. */
  match(key: string, at: Date): IndexedRule | null {
    let n: TrieNode | undefined = this.root;
    let prefix: IndexedRule | null = null;
    let wildcard: IndexedRule | null = null;
    for (let i = 0; n !== undefined; i++) {
      if (n.prefixes) for (const r of n.prefixes) if (ruleActive(r, at)) prefix = r;
      if (n.wildcards) for (const w of n.wildcards) if (wildcardMatches(w.pattern, key) && ruleActive(w.rule, at)) wildcard = w.rule;
      if (i >= key.length || n.next === null) break;
      n = n.next[slot(key.charCodeAt(i))];
    }
    return prefix ?? wildcard;
  }
}

class RegexSet {
  readonly #rules: IndexedRule[];
  readonly #each: RegExp[];
  readonly #combined: RegExp | null;

  constructor(rules: IndexedRule[]) {
    this.#rules = rules;
    const sources = rules.map((r) => safeRegexSource(r.value));
    this.#each = sources.map((s) => new RegExp(s));
    // One combined regex runs the whole set in one native pass; each rule is one capturing group.
    this.#combined = sources.length ? warm(new RegExp(sources.map((s) => `(${s})`).join('|'))) : null;
  }

  match(keys: string[], at: Date): IndexedRule | null {
    if (this.#combined === null) return null;
    for (const key of keys) {
      const m = this.#combined.exec(key);
      if (!m) continue;
      const group = m.findIndex((g, i) => i > 0 && g !== undefined);
      const rule = this.#rules[group - 1];
      if (rule && ruleActive(rule, at)) return rule;
      // The first match is out of its schedule or expired: look for another one, rule by rule.
      for (let i = 0; i < this.#each.length; i++) {
        const r = this.#rules[i] as IndexedRule;
        if ((this.#each[i] as RegExp).test(key) && ruleActive(r, at)) return r;
      }
    }
    return null;
  }
}

/** One list (blocked or trusted): its exact numbers and its patterns. */
export class ListIndex {
  readonly exact: ExactTable;
  readonly #patterns: IndexedRule[] = [];
  #trie = new PrefixTrie();
  #regexes = new RegexSet([]);
  #names: IndexedRule[] = [];
  #presentation = new Map<Presentation, IndexedRule>();
  readonly #trunk: string | null;
  /** Set by put/remove; the next match rebuilds once, so a journal of many changes costs one rebuild. */
  #dirty = false;

  constructor(list: RuleList, columns: ExactColumns | undefined, patterns: IndexedRule[], trunk: string | null) {
    this.exact = new ExactTable(list, columns);
    this.#trunk = trunk;
    this.#patterns = patterns.slice();
    this.#rebuild();
  }

  get patternCount(): number {
    return this.#patterns.length;
  }

  /** Whether any name rule is listed (active or not): only then can a caller's name change a decision. */
  get hasNameRules(): boolean {
    if (this.#dirty) this.#rebuild();
    return this.#names.length > 0;
  }

  /** A rule of any kind was added or changed. */
  put(rule: IndexedRule): void {
    if (rule.kind === 'number') {
      this.exact.set(rule);
      return;
    }
    const at = this.#patterns.findIndex((r) => r.id === rule.id);
    if (at >= 0) this.#patterns.splice(at, 1, rule);
    else this.#patterns.push(rule);
    this.#dirty = true;
  }

  remove(rule: Pick<IndexedRule, 'id' | 'kind' | 'value'>): void {
    if (rule.kind === 'number') {
      this.exact.delete(rule.value);
      return;
    }
    const at = this.#patterns.findIndex((r) => r.id === rule.id);
    if (at >= 0) {
      this.#patterns.splice(at, 1);
      this.#dirty = true;
    }
  }

  /** Patterns are few (thousands): rebuilding them after a change is simpler than editing the trie in place. */
  #rebuild(): void {
    this.#dirty = false;
    const trie = new PrefixTrie();
    const regexes: IndexedRule[] = [];
    const names: IndexedRule[] = [];
    const presentation = new Map<Presentation, IndexedRule>();
    for (const rule of this.#patterns) {
      if (rule.kind === 'prefix') for (const form of keyForms(rule.value, this.#trunk)) trie.addPrefix(form, rule);
      else if (rule.kind === 'wildcard') for (const form of keyForms(rule.value, this.#trunk)) trie.addWildcard(form, { rule, pattern: form });
      else if (rule.kind === 'regex') {
        const literal = regexLiteralPrefix(rule.value);
        if (literal === '') regexes.push(rule);
        else {
          const re = warm(new RegExp(safeRegexSource(rule.value)));
          for (const form of literal.startsWith('+') ? [literal] : [literal, `#${literal}`]) trie.addRegex(form, { rule, re });
        }
      } else if (rule.kind === 'name') names.push({ ...rule, value: rule.value.toLowerCase() });
      else if (rule.kind === 'presentation') presentation.set(rule.value as Presentation, rule);
    }
    this.#trie = trie;
    this.#regexes = new RegexSet(regexes);
    this.#names = names;
    this.#presentation = presentation;
  }

  matchExact(normalized: string | null, at: Date): IndexedRule | null {
    if (normalized === null) return null;
    const rule = this.exact.get(normalized);
    return rule && ruleActive(rule, at) ? rule : null;
  }

  /** The first active pattern match: prefix, then wildcard, then regex, then name, then presentation. */
  matchPattern(keys: CallerKeys, name: string | null, presentation: Presentation, at: Date): IndexedRule | null {
    if (this.#dirty) this.#rebuild();
    let best: IndexedRule | null = null;
    for (const key of keys.trie) {
      const m = this.#trie.match(key, at);
      if (m && (best === null || (best.kind === 'wildcard' && m.kind === 'prefix'))) best = m;
    }
    if (best) return best;
    for (const key of keys.trie) {
      const anchored = this.#trie.matchRegex(key, at);
      if (anchored) return anchored;
    }
    const regex = this.#regexes.match(keys.regex, at);
    if (regex) return regex;
    if (name && this.#names.length) {
      const lower = name.normalize('NFKC').toLowerCase();
      for (const r of this.#names) if (lower.includes(r.value) && ruleActive(r, at)) return r;
    }
    const p = this.#presentation.get(presentation);
    return p && ruleActive(p, at) ? p : null;
  }
}

/** Both lists, for one home country (it decides what a national pattern means). */
export class RuleIndex {
  readonly homeCountry: string;
  readonly callingCode: string | null;
  readonly trunk: string | null;
  readonly blocked: ListIndex;
  readonly trusted: ListIndex;

  constructor(
    homeCountry: string,
    load: { blocked?: { exact?: ExactColumns; patterns?: IndexedRule[] }; trusted?: { exact?: ExactColumns; patterns?: IndexedRule[] } } = {},
  ) {
    this.homeCountry = homeCountry;
    this.callingCode = callingCodePrefix(homeCountry);
    this.trunk = trunkPrefix(homeCountry);
    this.blocked = new ListIndex('blocked', load.blocked?.exact, load.blocked?.patterns ?? [], this.trunk);
    this.trusted = new ListIndex('trusted', load.trusted?.exact, load.trusted?.patterns ?? [], this.trunk);
  }

  list(list: RuleList): ListIndex {
    return list === 'blocked' ? this.blocked : this.trusted;
  }
}
