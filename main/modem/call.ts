// One call as the tracker follows it, and the record it becomes when it ends. Pure values: every change
// makes a new Call (the tracker's step function never mutates its input), and the outcome rules and the
// timings relative to the call's first event live here, away from the timers.
import type { CallerId, CallOutcome, CallTimings, Decision, GateReport } from '../../shared/domain.ts';
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
  /**
   * Kept so older settings files and the drill's timing tables still parse; no longer used. The tracker
   * once held back rings for this long after a hang-up, and swallowed the next caller's call with them
   * (issue 14): what follows an acknowledged hang-up is always a new call (see call-state.ts).
   */
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
  /** What the pass gate did, when the call was gated. */
  gate: GateReport | null;
};

export type HangupHandle = { done: Promise<HangupResult>; cancel(): void };

export type CallMoments = {
  firstRing: number | null;
  callerId: number | null;
  decision: number | null;
  hangupSent: number | null;
  hangupConfirmed: number | null;
};

export type Call = {
  readonly key: string;
  readonly startedAt: Date;
  /** Monotonic time of the call's first event: every timing is relative to it. */
  readonly t0: number;
  readonly rings: number;
  readonly callerId: CallerId | null;
  readonly source: CallerIdSource | null;
  readonly decision: Decision | null;
  readonly answered: boolean;
  readonly at: Readonly<CallMoments>;
  readonly hangupCommand: string | null;
  readonly hangupFailed: boolean;
  readonly raw: readonly string[];
  /** When the latest ring came, and how many rings came since the caller was identified. */
  readonly lastRingAt: number | null;
  readonly ringsSinceId: number;
  /** Announced by call waiting (+CCWA) while another call was in progress: its outcome says so. */
  readonly waiting: boolean;
  /** The pass gate's report, once the gate handed the call back. */
  readonly gate: GateReport | null;
};

const noMoments: CallMoments = { firstRing: null, callerId: null, decision: null, hangupSent: null, hangupConfirmed: null };

/** Keys are unique per line and per tracker: the line, the start's wall-clock time and a sequence number. */
export function callKey(lineId: string, wallClock: Date, seq: number): string {
  return `${lineId}-${wallClock.getTime().toString(36)}-${seq}`;
}

export function newCall(key: string, now: number, wallClock: Date, options: { waiting?: boolean } = {}): Call {
  return {
    key,
    startedAt: wallClock,
    t0: now,
    rings: 0,
    callerId: null,
    source: null,
    decision: null,
    answered: false,
    at: noMoments,
    hangupCommand: null,
    hangupFailed: false,
    raw: [],
    lastRingAt: null,
    ringsSinceId: 0,
    waiting: options.waiting ?? false,
    gate: null,
  };
}

/** A ring of this call, at `now`. */
export function withRing(c: Call, line: string, now: number): Call {
  return {
    ...c,
    raw: [...c.raw, line],
    rings: c.rings + 1,
    lastRingAt: now,
    ringsSinceId: c.callerId !== null ? c.ringsSinceId + 1 : c.ringsSinceId,
    at: c.at.firstRing === null ? { ...c.at, firstRing: now } : c.at,
  };
}

export function withRaw(c: Call, lines: readonly string[]): Call {
  return lines.length ? { ...c, raw: [...c.raw, ...lines] } : c;
}

export function withMoments(c: Call, moments: Partial<CallMoments>): Call {
  return { ...c, at: { ...c.at, ...moments } };
}

export function outcomeOf(c: Call, lost: boolean): CallOutcome {
  if (c.waiting) {
    // Released with AT+CHLD=0 (or it went while the release was on its way): rejected; otherwise it was let
    // wait, and rang or waited until its caller gave up or somebody answered.
    if (c.at.hangupConfirmed !== null || (c.at.hangupSent !== null && !c.hangupFailed)) return 'waiting-rejected';
    return lost ? 'line-lost' : 'waiting-let-through';
  }
  // The gate's verdict is the outcome; a gate the modem could not run ends like any rejected call.
  const gate = c.gate?.result;
  if (gate === 'passed') return 'gate-passed';
  if (gate === 'withheld') return 'gate-withheld';
  if (gate === 'failed' || gate === 'hung-up') return 'gate-failed';
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

/**
 * The call without its latest ring (it turned out to be the next call's first), and that ring, or null
 * when there is none to give. A call gives a ring away at most once.
 */
export function takeLastRing(c: Call): { call: Call; ring: { at: number; line: string } } | null {
  if (c.lastRingAt === null || c.rings === 0) return null;
  const i = c.raw.map((l) => /RING/i.test(l)).lastIndexOf(true);
  const line = i >= 0 ? (c.raw[i] ?? 'RING') : 'RING';
  const raw = i >= 0 ? [...c.raw.slice(0, i), ...c.raw.slice(i + 1)] : [...c.raw];
  const call: Call = { ...c, raw, rings: c.rings - 1, ringsSinceId: Math.max(0, c.ringsSinceId - 1), lastRingAt: null };
  return { call, ring: { at: c.lastRingAt, line } };
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
    raw: [...c.raw],
    gate: c.gate,
  };
}
