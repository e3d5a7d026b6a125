// One call as the tracker follows it, and the record it becomes when it ends. Pure: the outcome rules
// and the timings relative to the call's first event live here, away from the timers.
import type { CallerId, CallOutcome, CallTimings, Decision } from '../../shared/domain.ts';
import type { CallerIdSource } from './caller-id.ts';
import { noCallerId } from './caller-id.ts';
import type { HangupResult } from './hangup.ts';

export type LineTiming = {
  /** GSM: how long to wait after a ring for +CLIP before asking AT+CLCC. */
  clipWaitMs: number;
  /** Landline: how long the number field waits for NAME. */
  nameWaitMs: number;
  /** No ring for this long ends a call (rings come every ~5 s on GSM, ~6 s on a landline). */
  ringSilenceGsmMs: number;
  ringSilenceLandlineMs: number;
  /** Landline hang-up: how long to stay off-hook (or answered) before going back on-hook. */
  hangupPauseMs: number;
  /** After our hang-up, rings and repeats of that call still in the pipe are held back for this long. */
  settleMs: number;
};

export const defaultTiming: LineTiming = {
  clipWaitMs: 600,
  nameWaitMs: 300,
  ringSilenceGsmMs: 7000,
  ringSilenceLandlineMs: 9000,
  hangupPauseMs: 1500,
  settleMs: 1000,
};

export type EndedCall = {
  key: string;
  lineId: string;
  startedAt: Date;
  callerId: CallerId;
  decision: Decision | null;
  outcome: CallOutcome;
  rings: number;
  oneRing: boolean;
  timings: CallTimings;
  /** caller-id known → hang-up command written, ms. */
  hangupLatencyMs: number | null;
  hangupCommand: string | null;
  raw: string[];
};

export type HangupHandle = { done: Promise<HangupResult>; cancel(): void };

export type Call = {
  key: string;
  startedAt: Date;
  /** Monotonic time of the call's first event: every timing is relative to it. */
  t0: number;
  rings: number;
  callerId: CallerId | null;
  source: CallerIdSource | null;
  decision: Decision | null;
  answered: boolean;
  at: { firstRing: number | null; callerId: number | null; decision: number | null; hangupSent: number | null; hangupConfirmed: number | null };
  hangup: HangupHandle | null;
  hangupCommand: string | null;
  hangupFailed: boolean;
  raw: string[];
  /** When the latest ring came, and how many rings came since the caller was identified. */
  lastRingAt: number | null;
  ringsSinceId: number;
  stopSilence: (() => void) | null;
  stopWait: (() => void) | null;
  clccAsked: boolean;
};

let sequence = 0;

export function newCall(lineId: string, now: number, wallClock: Date): Call {
  return {
    key: `${lineId}-${wallClock.getTime().toString(36)}-${++sequence}`,
    startedAt: wallClock,
    t0: now,
    rings: 0,
    callerId: null,
    source: null,
    decision: null,
    answered: false,
    at: { firstRing: null, callerId: null, decision: null, hangupSent: null, hangupConfirmed: null },
    hangup: null,
    hangupCommand: null,
    hangupFailed: false,
    raw: [],
    lastRingAt: null,
    ringsSinceId: 0,
    stopSilence: null,
    stopWait: null,
    clccAsked: false,
  };
}

export function outcomeOf(c: Call, lost: boolean): CallOutcome {
  if (c.at.hangupConfirmed !== null) return 'rejected';
  if (lost) return 'line-lost';
  // We sent the hang-up and the call is gone: that is our rejection, even if the modem's final answer
  // was overtaken by the call's end (or by the next call, in a call-bombing burst).
  if (c.at.hangupSent !== null && !c.hangupFailed) return 'rejected';
  if (c.answered) return 'answered';
  // We meant to hang up and could not: the call rang through to the phone.
  if (c.hangupFailed) return 'rang-through';
  // Otherwise it stopped ringing by itself (whoever picked up a landline extension, we cannot tell).
  return 'caller-hung-up';
}

/** Removes the call's latest ring (it turned out to be the next call's first) and says when it came. */
export function takeLastRing(c: Call): { at: number; line: string } | null {
  if (c.lastRingAt === null || c.rings === 0) return null;
  const at = c.lastRingAt;
  const i = c.raw.map((l) => /RING/i.test(l)).lastIndexOf(true);
  const line = i >= 0 ? (c.raw.splice(i, 1)[0] ?? 'RING') : 'RING';
  c.rings--;
  if (c.ringsSinceId > 0) c.ringsSinceId--;
  c.lastRingAt = null; // that ring is gone; never take another one back
  return { at, line };
}

const ms = (t: number) => Math.round(t * 1000) / 1000;

export function endedCall(c: Call, lineId: string, outcome: CallOutcome, now: number): EndedCall {
  const rel = (t: number | null) => (t === null ? null : ms(t - c.t0));
  return {
    key: c.key,
    lineId,
    startedAt: c.startedAt,
    callerId: c.callerId ?? noCallerId(c.raw.filter((l) => /RING/i.test(l))),
    decision: c.decision,
    outcome,
    rings: c.rings,
    // The scam pattern: the caller gave up after at most one ring, hoping for a call back.
    oneRing: outcome === 'caller-hung-up' && c.rings <= 1,
    timings: {
      firstRing: rel(c.at.firstRing),
      callerId: rel(c.at.callerId),
      decision: rel(c.at.decision),
      hangupSent: rel(c.at.hangupSent),
      hangupConfirmed: rel(c.at.hangupConfirmed),
      end: rel(now),
    },
    hangupLatencyMs: c.at.hangupSent !== null && c.at.callerId !== null ? ms(c.at.hangupSent - c.at.callerId) : null,
    hangupCommand: c.hangupCommand,
    raw: c.raw,
  };
}
