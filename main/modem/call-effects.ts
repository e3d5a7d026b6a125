// Building blocks the call tracker's transitions share (call-steps.ts, waiting-call.ts): starting and
// ending a call, the events of a decision, timers, and how one step follows another. Pure.
import type { CallerId } from '../../shared/domain.ts';
import { sameIdentity } from './caller-id.ts';
import { callKey, endedCall, newCall, outcomeOf, takeLastRing, withMoments, withRing, type Call } from './call.ts';
import type { Emit, Idle, Moment, Releasing, Step, TrackerEffect, TrackerEvents, TrackerState } from './call-types.ts';

export const idle: Idle = { phase: 'idle' };

export const emit = <E extends keyof TrackerEvents>(event: E, payload: TrackerEvents[E]): TrackerEffect => ({ type: 'emit', event, payload }) as Emit;

export const noStep = (s: TrackerState): Step => ({ state: s, effects: [] });

export const ringSilence = (m: Moment) => (m.kind === 'gsm' ? m.timing.ringSilenceGsmMs : m.timing.ringSilenceLandlineMs);
/** How recent a ring must be to count as the next call's first when that call's caller ID follows: on GSM
 *  +CLIP follows its RING within milliseconds, on a landline the block comes a second or two after ring 1. */
const carryWindow = (m: Moment) => (m.kind === 'gsm' ? m.timing.clipWaitMs : m.timing.ringSilenceLandlineMs * 0.45);

export const started = (s: TrackerState, c: Call): TrackerEffect => emit('call-started', { key: c.key, lineId: s.lineId, wallClock: c.startedAt, at: c.t0 });

export const armSilence = (c: Call, m: Moment): TrackerEffect => ({ type: 'set-timer', timer: 'silence', key: c.key, ms: ringSilence(m) });

/** A new call whose first event is now (or `carried`, a ring that turned out to be this call's first). */
export function startCall(
  s: TrackerState,
  m: Moment,
  carried: { at: number; line: string } | null = null,
  options: { waiting?: boolean } = {},
): { s: TrackerState; call: Call } {
  const seq = s.seq + 1;
  const fresh = newCall(callKey(s.lineId, m.wall, seq), m.at, m.wall, options);
  const call = carried ? withRing({ ...fresh, t0: carried.at, startedAt: new Date(m.wall.getTime() - (m.at - carried.at)) }, carried.line, carried.at) : fresh;
  return { s: { ...s, seq }, call };
}

/** The record of a call that ended now (and, unless the line was lost, whether it came without caller ID). */
export function ended(s: TrackerState, call: Call, m: Moment, lost = false): TrackerEffect[] {
  const effects: TrackerEffect[] = [emit('call-ended', endedCall(call, s.lineId, outcomeOf(call, lost), m.at))];
  if (!lost && !call.waiting && (call.source === null || call.callerId?.presentation === 'none')) effects.push({ type: 'caller-id-missing' });
  return effects;
}

/** Ends the line's call: its record goes out, its timers stop, an unfinished hang-up stops escalating. */
export function endCall(s: TrackerState, call: Call, m: Moment, how: { lost?: boolean; releasing?: boolean } = {}): Step {
  const effects: TrackerEffect[] = [
    { type: 'clear-timer', timer: 'silence' },
    { type: 'clear-timer', timer: 'clip-wait' },
    { type: 'clear-timer', timer: 'name-wait' },
  ];
  if (how.releasing) effects.push({ type: 'cancel-hang-up', key: call.key });
  effects.push(...ended(s, call, m, how.lost ?? false));
  return { state: { ...s, phase: idle }, effects };
}

/**
 * A call we were hanging up is over: released when the modem acknowledged it, else now. (A hang-up that was
 * never written — the modem busy with another command — confirms nothing: the outcome rules judge it.)
 */
export function endReleased(s: TrackerState, r: Releasing, m: Moment, patch: Partial<Call> = {}): Step {
  const call = { ...r.call, ...patch };
  if (call.at.hangupSent === null) return endCall(s, call, m, { releasing: true });
  const confirmed = call.at.hangupConfirmed ?? r.acknowledgedAt ?? m.at;
  return endCall(s, withMoments(call, { hangupConfirmed: confirmed }), m, { releasing: true });
}

/** One step, then another on the state it left. */
export const andThen = (first: Step, next: (s: TrackerState) => Step): Step => {
  const second = next(first.state);
  return { state: second.state, effects: [...first.effects, ...second.effects] };
};

/** The same caller as far as a call's boundaries go; a number repeated without its name is a repeat too. */
export const isRepeat = (known: CallerId, callerId: CallerId) =>
  sameIdentity(known, callerId) || (known.number !== null && known.number === callerId.number && callerId.name === null);

/**
 * When another caller's ID ends a call, the call's latest ring goes with it if it came after the old call's
 * caller ID and just before the new one (within the carry window): it was the new call's first ring.
 */
export const carriedRing = (c: Call, m: Moment) =>
  c.lastRingAt !== null && c.ringsSinceId > 0 && m.at - c.lastRingAt <= carryWindow(m) ? takeLastRing(c) : null;
