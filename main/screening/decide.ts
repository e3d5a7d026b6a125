// The decision, as a pure function of the caller, the rules, recent history and the clock. Precedence,
// highest first (the first that applies decides):
//
//   1. explicit block   — this exact number is on the block list (even if it is also trusted)
//   2. trusted          — the trusted list matches (number, prefix, pattern, regex or name)
//   3. breakthrough     — a caller no block rule matches called again within N minutes, not faster than a
//                         human redials, at most once an hour: it rings through despite 4–7
//   4. shield           — the flood shield is on: only trusted callers ring through
//   5. schedules        — quiet hours (only trusted callers), then the unknown-callers rule
//   6. block patterns   — prefix, wildcard, regex, name, presentation (withheld/unavailable/none), then
//                         numbers that cannot exist (when that block is on)
//   7. rate limit       — the same number more than K times a day is blocked for a day
//   8. one-ring callers — when blocking them is on
//   9. default          — ring through
//
// "A caller no block rule matches" (3) follows the "non-blocked caller": a redial from a blocked
// prefix, a rate-limited bot or an impossible number never breaks through; only levels 4–5 can be overridden.
import type { CallerId, Decision, Reason } from '../../shared/domain.ts';
import type { Settings } from '../../shared/settings.ts';
import type { IndexedRule } from './indexed-rule.ts';
import { isValidNumber, regionOf } from './numbers.ts';
import { DAY_MS } from './recent.ts';
import type { RecentCalls } from './recent.ts';
import { callerKeys } from './rule-index.ts';
import type { CallerKeys, RuleIndex } from './rule-index.ts';
import { describeSchedule, scheduleActive } from './schedule.ts';
import { minutesOn } from './shield.ts';
import type { Shield } from './shield.ts';
import { countryName, texts } from './texts.ts';

export type DecideContext = {
  rules: RuleIndex;
  recent: RecentCalls;
  shield: Shield;
  settings: Settings;
  /** normalizeNumber bound to the home country (usually memoised). */
  normalize: (raw: string) => string | null;
  oneRingFlagged: (number: string) => boolean;
  now: Date;
};

/** What the lists say about the caller: enough for the shell to know whether the call counts as untrusted. */
export type CallerMatch = {
  number: string | null;
  keys: CallerKeys;
  explicitBlock: IndexedRule | null;
  trusted: IndexedRule | null;
};

export function matchCaller(caller: CallerId, ctx: DecideContext): CallerMatch {
  const number = caller.number ? ctx.normalize(caller.number) : null;
  const keys = callerKeys(number, ctx.rules.callingCode);
  const explicitBlock = ctx.rules.blocked.matchExact(number, ctx.now);
  const trusted =
    ctx.rules.trusted.matchExact(number, ctx.now) ?? (number !== null || caller.name ? ctx.rules.trusted.matchPattern(keys, caller.name, caller.presentation, ctx.now) : null);
  return { number, keys, explicitBlock, trusted };
}

const decision = (action: Decision['action'], reason: Reason, rule: IndexedRule | null, text: Decision['text']): Decision => ({
  action,
  reason,
  ruleId: rule?.id ?? null,
  ruleLabel: rule ? rule.label : null,
  text,
});

export function decide(caller: CallerId, ctx: DecideContext): Decision {
  return decideMatched(caller, matchCaller(caller, ctx), ctx);
}

export function decideMatched(caller: CallerId, m: CallerMatch, ctx: DecideContext): Decision {
  if (m.explicitBlock) return decision(m.explicitBlock.action, 'explicit-block', m.explicitBlock, texts.explicitBlock(m.explicitBlock.action, m.explicitBlock.label));
  if (m.trusted) return decision('allow', 'trusted', m.trusted, texts.trusted(m.trusted.label));

  const held = heldDecision(m, ctx);
  if (held) {
    const minutes = breakthroughMinutes(m.number, ctx);
    if (minutes !== null && blockedDecision(caller, m, ctx) === null) return decision('allow', 'breakthrough', null, texts.breakthrough(minutes));
    return held;
  }
  return blockedDecision(caller, m, ctx) ?? decision('allow', 'default', null, unusable(caller, m) ? texts.defaultUnusable() : texts.default());
}

/**
 * The line presented a number field, but nothing a number rule can match: text that is not a number (kept as
 * `presentedNumber`), or digits no numbering plan can hold (too short or too long to normalise).
 */
const unusable = (caller: CallerId, m: CallerMatch) => caller.presentation === 'allowed' && m.number === null;

/** Levels 4–5: the shield and the schedules, which hold back everyone untrusted (a breakthrough may pass). */
function heldDecision(m: CallerMatch, ctx: DecideContext): Decision | null {
  const s = ctx.settings.screening;
  const now = ctx.now;
  const at = now.getTime();
  if (ctx.shield.active) {
    const sh = ctx.shield;
    const numbers = sh.numbers.size + (m.number !== null && !sh.numbers.has(m.number) ? 1 : 0);
    return decision('reject', 'shield', null, texts.shieldDecision(new Date(sh.since ?? at), sh.callsBlocked + 1, numbers, minutesOn(sh, at)));
  }
  if (s.quietHours.enabled && scheduleActive(s.quietHours.schedule, now)) {
    return decision('reject', 'schedule', null, texts.quietHours(describeSchedule(s.quietHours.schedule)));
  }
  if (s.unknownCallers.enabled && (s.unknownCallers.schedule === null || scheduleActive(s.unknownCallers.schedule, now))) {
    const span = s.unknownCallers.schedule ? describeSchedule(s.unknownCallers.schedule) : null;
    return decision(s.unknownCallers.action, 'unknown-caller', null, texts.unknownCaller(s.unknownCallers.action, span));
  }
  return null;
}

/** Levels 6–8: the reasons a caller counts as blocked whatever the shield and the schedules say. */
function blockedDecision(caller: CallerId, m: CallerMatch, ctx: DecideContext): Decision | null {
  const { settings, now } = ctx;
  const s = settings.screening;
  const rule = ctx.rules.blocked.matchPattern(m.keys, caller.name, caller.presentation, now);
  if (rule) return patternDecision(rule);
  if (s.blockInvalidNumbers && unusable(caller, m)) return decision('reject', 'invalid-number', null, texts.unusableNumber());
  if (m.number !== null && s.blockInvalidNumbers && !isValidNumber(m.number)) {
    // The sentence names the number's own country, not the home country: "+1 999… cannot exist in China"
    // would be false. A number invalid under a shared or unused code is valid in no country at all.
    const region = regionOf(m.number);
    return decision('reject', 'invalid-number', null, region ? texts.invalidNumber(countryName(region)) : texts.invalidNumberAnywhere());
  }
  if (m.number !== null && s.rateLimit.enabled) {
    const h = ctx.recent.of(m.number);
    const at = now.getTime();
    const today = ctx.recent.numberSince(m.number, at - DAY_MS);
    const until = h?.rateLimitedUntil ?? null;
    // This call would be call K+1 of the day (or the number is still serving its day).
    if (today >= s.rateLimit.perDay || (until !== null && at < until)) {
      const end = until !== null && at < until ? until : at + DAY_MS;
      return decision('reject', 'rate-limit', null, texts.rateLimit(today + 1, s.rateLimit.perDay, new Date(end)));
    }
  }
  if (m.number !== null && s.oneRing.block && ctx.oneRingFlagged(m.number)) return decision('reject', 'one-ring', null, texts.oneRing());
  return null;
}

function patternDecision(rule: IndexedRule): Decision {
  switch (rule.kind) {
    case 'prefix':
      return decision(rule.action, 'blocked-prefix', rule, texts.prefix(rule.action, rule.display, rule.label));
    case 'wildcard':
      return decision(rule.action, 'blocked-pattern', rule, texts.pattern(rule.action, rule.display, rule.label));
    case 'regex':
      return decision(rule.action, 'blocked-regex', rule, texts.regex(rule.action, rule.value, rule.label));
    case 'name':
      return decision(rule.action, 'blocked-name', rule, texts.name(rule.action, rule.display, rule.label));
    case 'presentation':
      return decision(rule.action, 'presentation', rule, texts.presentation(rule.action, rule.value as CallerId['presentation'], rule.label));
    default:
      return decision(rule.action, 'blocked-number', rule, texts.explicitBlock(rule.action, rule.label));
  }
}

/** Minutes since this number's previous call ended when a redial may break through, else null. */
export function breakthroughMinutes(number: string | null, ctx: DecideContext): number | null {
  const b = ctx.settings.screening.breakthrough;
  if (number === null || !b.enabled) return null;
  if (ctx.shield.active && !b.duringFlood) return null;
  const h = ctx.recent.of(number);
  if (!h || h.lastEndedAt === null) return null;
  const at = ctx.now.getTime();
  const gap = at - h.lastEndedAt;
  // Bots redial the instant the line drops; a person takes a while to redial.
  if (gap < b.minRedialSeconds * 1000 || gap > b.windowMinutes * 60_000) return null;
  if (h.lastBreakthroughAt !== null && at - h.lastBreakthroughAt < 60 * 60_000) return null;
  return Math.max(1, Math.ceil(gap / 60_000));
}

