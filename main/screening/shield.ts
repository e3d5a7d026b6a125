// The flood shield as a pure state machine: (state, event, clock) → state. It engages when untrusted calls
// cross a threshold or by hand, counts what it rejects for the incident, and ends after a quiet period or
// at the time the user chose. The shell (screening.ts) persists each state and tells listeners.
import type { ShieldState, ShieldTrigger } from '../../shared/domain.ts';
import type { ScreeningSettings } from '../../shared/settings.ts';
import type { RecentCalls } from './recent.ts';
import { texts } from './texts.ts';

export type Shield = {
  active: boolean;
  /** Epoch ms. */
  since: number | null;
  trigger: ShieldTrigger | null;
  until: number | null;
  incidentId: number | null;
  callsBlocked: number;
  /** Distinct numbers rejected in this incident (withheld calls have none). */
  numbers: ReadonlySet<string>;
  withheldBlocked: number;
  lastRejectAt: number | null;
};

export const idleShield = (): Shield => ({
  active: false,
  since: null,
  trigger: null,
  until: null,
  incidentId: null,
  callsBlocked: 0,
  numbers: new Set(),
  withheldBlocked: 0,
  lastRejectAt: null,
});

type Thresholds = ScreeningSettings['shield'];

/**
 * Which threshold the call just counted crossed, if any, most specific first. The counts include that
 * call, so with the defaults the fifth untrusted call in ten minutes engages the shield (and is rejected).
 */
export function crossedThreshold(recent: RecentCalls, t: Thresholds, at: number, number: string | null, withheld: boolean): ShieldTrigger | null {
  if (!t.enabled) return null;
  const from = at - t.windowMinutes * 60_000;
  if (number !== null && recent.numberSince(number, from) >= t.sameNumber) return 'same-number';
  if (withheld && recent.withheldSince(from) >= t.withheld) return 'withheld';
  if (recent.untrustedSince(from) >= t.calls) return 'calls';
  return null;
}

/** `incidentId` may be null until the shell has written the incident (it does that after the call, not inside decide). */
export function engage(shield: Shield, trigger: ShieldTrigger, at: number, incidentId: number | null, until: number | null = null): Shield {
  if (shield.active) return { ...shield, until: until ?? shield.until };
  return { ...idleShield(), active: true, since: at, trigger, until, incidentId };
}

/** A call was rejected (for any reason) while the shield was on: it belongs to the incident. */
export function rejected(shield: Shield, at: number, number: string | null, withheld: boolean): Shield {
  if (!shield.active) return shield;
  const numbers = number !== null && !shield.numbers.has(number) ? new Set(shield.numbers).add(number) : shield.numbers;
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

export const withheldShare = (s: Pick<Shield, 'callsBlocked' | 'withheldBlocked'>): number =>
  s.callsBlocked === 0 ? 0 : s.withheldBlocked / s.callsBlocked;

export function minutesOn(shield: Shield, at: number): number {
  return Math.max(1, Math.round((at - (shield.since ?? at)) / 60_000));
}

/** The shape the API and the UI see. */
export function shieldState(shield: Shield, quietMinutes: number, at: number): ShieldState {
  return {
    active: shield.active,
    since: shield.since === null ? null : new Date(shield.since).toISOString(),
    trigger: shield.trigger,
    until: shield.until === null ? null : new Date(shield.until).toISOString(),
    quietMinutes,
    incidentId: shield.incidentId,
    callsBlocked: shield.callsBlocked,
    distinctNumbers: shield.numbers.size,
    text: shield.active ? texts.shield(new Date(shield.since ?? at), shield.callsBlocked, shield.numbers.size, minutesOn(shield, at)) : null,
  };
}
