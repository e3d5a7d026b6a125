// Can the caller's name still change the decision? A landline sends the number before the name (or no name
// at all), and waiting for it costs the hang-up a few hundred milliseconds. When no name could change the
// outcome — the number is explicitly blocked or trusted, or no rule of either list looks at names, or the
// call is held back (shield, quiet hours) with no breakthrough a name could deny — the decision taken on the
// number alone is final, and the line acts at once. Pure: the same inputs as decide().
import type { CallerId, Decision, Reason } from '../../shared/domain.ts';
import { decideMatched, matchCaller, type DecideContext } from './decide.ts';

/** Decisions a name cannot overturn once no trusted name rule exists: the shield and the schedules hold
 *  everyone untrusted back, and a blocked name rule could only deny a breakthrough, which this is not. */
const held: ReadonlySet<Reason> = new Set<Reason>(['shield', 'schedule', 'unknown-caller']);
/** Number patterns outrank name rules in the block list (see ListIndex.matchPattern). */
const numberPatterns: ReadonlySet<Reason> = new Set<Reason>(['blocked-prefix', 'blocked-pattern', 'blocked-regex']);

/**
 * The decision for this caller whatever name arrives later, or null when a name could still change it.
 * Counts nothing (decide() in the engine does that when the call is really decided).
 */
export function decisionWhateverName(caller: CallerId, ctx: DecideContext): Decision | null {
  const nameless: CallerId = { ...caller, name: null };
  const m = matchCaller(nameless, ctx);
  const d = decideMatched(nameless, m, ctx);
  // An explicit block outranks everything, and a caller already trusted stays trusted.
  if (m.explicitBlock || m.trusted) return d;
  // Any trusted name rule could make this caller trusted.
  if (ctx.rules.trusted.hasNameRules) return null;
  if (!ctx.rules.blocked.hasNameRules) return d;
  return held.has(d.reason) || numberPatterns.has(d.reason) ? d : null;
}
