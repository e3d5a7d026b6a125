// The decision, as a pure function of the caller, the rules, recent history and the clock. Precedence,
// highest first (the first that applies decides):
//
//   1. explicit block   — this exact number is on the block list (even if it is also trusted)
//   2. trusted          — the trusted list matches (number, prefix, pattern, regex or name)
//   3. breakthrough     — a caller no block rule matches called again within N minutes, not faster than a
//                         human redials, at most once an hour: it rings through despite 6–7 (during the
//                         shield only when the user turned that on: bots redial too)
//   4. block patterns   — prefix, wildcard, regex, name, presentation (withheld/unavailable/none), then
//                         numbers that cannot exist (when that block is on)
//   5. rate limit       — the same number more than K times a day is blocked for a day
//   6. one-ring callers — when blocking them is on
//   7. shield           — the flood shield is on: only trusted callers ring through; where the line can
//                         gate and the gate is on, an unknown caller is answered by the pass gate instead
//                         (reason `gate`), and a number holding a pass rings through (`gate-pass`)
//   8. schedules        — quiet hours (only trusted callers), then the unknown-callers rule
//   9. default          — ring through (or, with the gate set to `always`, the pass gate)
//
// A pass (earned by pressing the digit asked, for `gate.passMinutes`) lets a caller no block rule matches
// ring through despite 7–9: it is the person's way in during a flood.
//
// A decision names the most specific rule that decided it: a caller matching a block-list prefix is
// "matched prefix 400" (and counts as that rule's hit) whether or not the shield is on, because the rule
// would have stopped it anyway. Only when the shield or a schedule is stricter than the rule (a rule that
// merely silences, during the shield) do 7–8 decide. "A caller no block rule matches" (3) follows the
// issue's "non-blocked caller": a redial from a blocked prefix, a rate-limited bot or an impossible number
// never breaks through.
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
  /** Whether the line this call is on can run the pass gate (LineStatus.gate.supported). */
  canGate?: boolean;
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
    ctx.rules.trusted.matchExact(number, ctx.now) ??
    (number !== null || caller.name ? ctx.rules.trusted.matchPattern(keys, caller.name, caller.presentation, ctx.now) : null);
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
  if (m.explicitBlock)
    return decision(m.explicitBlock.action, 'explicit-block', m.explicitBlock, texts.explicitBlock(m.explicitBlock.action, m.explicitBlock.label));
  if (m.trusted) return decision('allow', 'trusted', m.trusted, texts.trusted(m.trusted.label));

  const blocked = blockedDecision(caller, m, ctx);
  const pass = blocked === null ? passUntil(m.number, ctx) : null;
  if (pass !== null) return decision('allow', 'gate-pass', null, texts.gatePass(new Date(pass)));
  const held = heldDecision(m, ctx);
  if (held) {
    if (blocked && severity(blocked.action) >= severity(held.action)) return blocked;
    const minutes = breakthroughMinutes(m.number, ctx);
    if (minutes !== null && blocked === null) return decision('allow', 'breakthrough', null, texts.breakthrough(minutes));
    if (blocked === null && held.reason === 'shield' && gates(ctx, 'during-shield'))
      return decision('answer-hangup', 'gate', null, texts.gateShield(texts.shield(...shieldFacts(m, ctx))));
    return held;
  }
  if (blocked) return blocked;
  if (gates(ctx, 'always')) return decision('answer-hangup', 'gate', null, texts.gateUnknown());
  return decision('allow', 'default', null, unusable(caller, m) ? texts.defaultUnusable() : texts.default());
}

/** Whether the gate answers this call: the line can, and the setting asks for it in this situation. */
function gates(ctx: DecideContext, when: 'during-shield' | 'always'): boolean {
  const mode = ctx.settings.screening.gate.mode;
  return ctx.canGate === true && (mode === 'always' || (mode === 'during-shield' && when === 'during-shield'));
}

/** Until when this number's pass from the gate runs, if it holds one now. */
export function passUntil(number: string | null, ctx: DecideContext): number | null {
  if (number === null) return null;
  const until = ctx.recent.of(number)?.passUntil ?? null;
  return until !== null && ctx.now.getTime() < until ? until : null;
}

/** How firmly an action keeps a caller out: the stricter of a rule and the shield decides. */
const severity = (action: Decision['action']): number => (action === 'allow' ? 0 : action === 'silent' ? 1 : 2);

/**
 * Whether a call from this (untrusted) caller is already stopped by the lists or the limits, whatever the
 * shield says: such calls are a contained threat and do not count toward engaging the shield.
 */
export function containedBy(caller: CallerId, m: CallerMatch, ctx: DecideContext): Decision | null {
  if (m.explicitBlock)
    return decision(m.explicitBlock.action, 'explicit-block', m.explicitBlock, texts.explicitBlock(m.explicitBlock.action, m.explicitBlock.label));
  if (m.trusted) return null;
  return blockedDecision(caller, m, ctx);
}

/**
 * The line presented a number field, but nothing a number rule can match: text that is not a number (kept as
 * `presentedNumber`), or digits no numbering plan can hold (too short or too long to normalise).
 */
const unusable = (caller: CallerId, m: CallerMatch) => caller.presentation === 'allowed' && m.number === null;

/** Levels 7–8: the shield and the schedules, which hold back everyone untrusted (a breakthrough may pass). */
function heldDecision(m: CallerMatch, ctx: DecideContext): Decision | null {
  const s = ctx.settings.screening;
  const now = ctx.now;
  if (ctx.shield.active) return decision('reject', 'shield', null, texts.shieldDecision(...shieldFacts(m, ctx)));
  if (s.quietHours.enabled && scheduleActive(s.quietHours.schedule, now)) {
    return decision('reject', 'schedule', null, texts.quietHours(describeSchedule(s.quietHours.schedule)));
  }
  if (s.unknownCallers.enabled && (s.unknownCallers.schedule === null || scheduleActive(s.unknownCallers.schedule, now))) {
    const span = s.unknownCallers.schedule ? describeSchedule(s.unknownCallers.schedule) : null;
    return decision(s.unknownCallers.action, 'unknown-caller', null, texts.unknownCaller(s.unknownCallers.action, span));
  }
  return null;
}

/** What the shield sentence says of this call: since when, how many calls from how many numbers, minutes on. */
function shieldFacts(m: CallerMatch, ctx: DecideContext): [Date, number, number, number] {
  const sh = ctx.shield;
  const at = ctx.now.getTime();
  const numbers = sh.numbers.size + (m.number !== null && !sh.numbers.has(m.number) ? 1 : 0);
  return [new Date(sh.since ?? at), sh.callsBlocked + 1, numbers, minutesOn(sh, at)];
}

/** Levels 4–6: the reasons a caller counts as blocked whatever the shield and the schedules say. */
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
