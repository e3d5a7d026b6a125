// The flood shield as a pure state machine: (state, event, clock) → state. It engages when untrusted calls
// cross a threshold or by hand, counts what it rejects for the incident, and ends after a quiet period or
// at the time the user chose. The shell (screening.ts) persists each state and tells listeners.
//
// What a person can predict: only calls nothing else stopped count toward engaging it (recent.ts), every
// engagement remembers in one sentence what engaged it (`cause`), and once it ends — by hand, at the chosen
// time or after the quiet period — counting starts afresh (`countFrom`): calls from before can never
// raise it again the moment it is lowered.
import type { ShieldState, ShieldTrigger } from '../../shared/domain.ts';
import type { ScreeningSettings } from '../../shared/settings.ts';
import type { RecentCalls } from './recent.ts';
import { GrowingSet } from './growing-set.ts';
import { texts } from './texts.ts';

/** What engaged the shield, counted at that moment: the calls inside the window that crossed the threshold. */
export type ShieldCause = {
  trigger: ShieldTrigger;
  /** Counted calls in the window (for 'same-number': that number's calls). */
  calls: number;
  /** Distinct numbers among them. */
  numbers: number;
  /** Calls among them without a number (withheld, unavailable, none). */
  noNumber: number;
  /** From the first of those calls to the one that engaged the shield. */
  spanMs: number;
  /** 'same-number': the number (E.164 or the digits as dialled — never text from the line). */
  number: string | null;
};

export type Shield = {
  active: boolean;
  /** Epoch ms. */
  since: number | null;
  trigger: ShieldTrigger | null;
  cause: ShieldCause | null;
  until: number | null;
  incidentId: number | null;
  callsBlocked: number;
  /** Distinct numbers rejected in this incident (withheld calls have none). */
  numbers: GrowingSet;
  withheldBlocked: number;
  lastRejectAt: number | null;
  /** Calls before this time (the last time the shield ended) never count toward engaging it again. */
  countFrom: number | null;
};

export const idleShield = (countFrom: number | null = null): Shield => ({
  active: false,
  since: null,
  trigger: null,
  cause: null,
  until: null,
  incidentId: null,
  callsBlocked: 0,
  numbers: GrowingSet.of(),
  withheldBlocked: 0,
  lastRejectAt: null,
  countFrom,
});

export const manualCause = (): ShieldCause => ({ trigger: 'manual', calls: 0, numbers: 0, noNumber: 0, spanMs: 0, number: null });

type Thresholds = ScreeningSettings['shield'];

/**
 * Which threshold the call just counted crossed, if any, most specific first, and what crossed it. The
 * counts include that call, so with the defaults the fifth untrusted call in ten minutes engages the shield
 * (and is rejected). Calls before `countFrom` are not counted.
 */
export function crossedThreshold(
  recent: RecentCalls,
  t: Thresholds,
  at: number,
  number: string | null,
  withheld: boolean,
  countFrom: number | null = null,
): ShieldCause | null {
  if (!t.enabled) return null;
  const from = Math.max(at - t.windowMinutes * 60_000, countFrom ?? -Infinity);
  if (number !== null && recent.numberCountedSince(number, from) >= t.sameNumber) {
    const times = recent.numberCountedTimes(number, from);
    return { trigger: 'same-number', calls: times.length, numbers: 1, noNumber: 0, spanMs: at - (times[0] ?? at), number };
  }
  if (withheld && recent.withheldSince(from) >= t.withheld) {
    const times = recent.withheldTimes(from);
    return { trigger: 'withheld', calls: times.length, numbers: 0, noNumber: times.length, spanMs: at - (times[0] ?? at), number: null };
  }
  if (recent.untrustedSince(from) >= t.calls) {
    const calls = recent.countedSince(from);
    const numbers = new Set(calls.flatMap((c) => (c.number === null ? [] : [c.number])));
    const noNumber = calls.filter((c) => c.number === null).length;
    return { trigger: 'calls', calls: calls.length, numbers: numbers.size, noNumber, spanMs: at - (calls[0]?.at ?? at), number: null };
  }
  return null;
}

/** `incidentId` may be null until the shell has written the incident (it does that after the call, not inside decide). */
export function engage(shield: Shield, cause: ShieldCause, at: number, incidentId: number | null, until: number | null = null): Shield {
  if (shield.active) return { ...shield, until: until ?? shield.until };
  return { ...idleShield(shield.countFrom), active: true, since: at, trigger: cause.trigger, cause, until, incidentId };
}

/** The shield ended at `at`: idle, and counting starts afresh from then. */
export const ended = (at: number): Shield => idleShield(at);

/** A call was rejected (for any reason) while the shield was on: it belongs to the incident. */
export function rejected(shield: Shield, at: number, number: string | null, withheld: boolean): Shield {
  if (!shield.active) return shield;
  const numbers = number !== null ? shield.numbers.with(number) : shield.numbers;
  return {
    ...shield,
    callsBlocked: shield.callsBlocked + 1,
    numbers,
    withheldBlocked: shield.withheldBlocked + (withheld ? 1 : 0),
    lastRejectAt: at,
  };
}

/** When the shield ends by itself: at `until` if the user chose one, else after `quietMinutes` without a rejection. */
export function endsAt(shield: Shield, quietMinutes: number): number | null {
  if (!shield.active) return null;
  if (shield.until !== null) return shield.until;
  return (shield.lastRejectAt ?? shield.since ?? 0) + quietMinutes * 60_000;
}

export function shouldEnd(shield: Shield, quietMinutes: number, at: number): boolean {
  const end = endsAt(shield, quietMinutes);
  return end !== null && at >= end;
}

export const withheldShare = (s: Pick<Shield, 'callsBlocked' | 'withheldBlocked'>): number => (s.callsBlocked === 0 ? 0 : s.withheldBlocked / s.callsBlocked);

export function minutesOn(shield: Shield, at: number): number {
  return Math.max(1, Math.round((at - (shield.since ?? at)) / 60_000));
}

/** The shape the API and the UI see. */
export function shieldState(shield: Shield, quietMinutes: number, at: number): ShieldState {
  return {
    active: shield.active,
    since: shield.since === null ? null : new Date(shield.since).toISOString(),
    trigger: shield.trigger,
    cause: shield.active ? texts.shieldCause(shield.cause ?? { ...manualCause(), trigger: shield.trigger ?? 'manual' }) : null,
    until: shield.until === null ? null : new Date(shield.until).toISOString(),
    quietMinutes,
    incidentId: shield.incidentId,
    callsBlocked: shield.callsBlocked,
    distinctNumbers: shield.numbers.size,
    text: shield.active ? texts.shield(new Date(shield.since ?? at), shield.callsBlocked, shield.numbers.size, minutesOn(shield, at)) : null,
  };
}
