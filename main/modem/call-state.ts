// The call tracker's functional core: one line's calls as an explicit state union and a pure step function
// `step(state, input, moment) → { state, effects }`. The shell (call-tracker.ts) owns the timers, asks the
// screening engine, runs the hang-up and emits the events the effects name; nothing here reads a clock or
// touches the modem, so every transition is tested on virtual time (test/main/modem/call-state.test.ts).
//
//   idle ──RING──▶ ringing ──caller ID──▶ deciding ──decision──▶ decided (rings through)
//     │               │ (landline NMBR, NAME to come)      └──────▶ releasing (hang-up in progress) ──▶ idle
//     │               ▼                                                   │ (hang-up failed: rings through)
//     └─caller ID─▶ identified ──NAME / name wait──▶ deciding             └──▶ decided
//
// A later phase slots in beside these without reshaping them: every phase that has a call carries it as
// `call`, and a phase names only what is particular to it (a gate that answers, plays a prompt and reads a
// digit would be one more member, entered from `deciding` and leaving to `releasing` or `decided`).
//
// ## Which RING or caller ID belongs to which call (issue 14)
// Modems repeat a ringing call's signals, and call-bombing software rings again the moment a call is
// released, often with the same identity (withheld, or the same number). The rule:
//
// 1. While a call is the modem's — it rings, nobody released it and no end was reported — a RING is its
//    next ring and a caller ID with the same identity is its repeat. GSM modems send RING (or +CRING) and
//    +CLIP on every ring of one call: test/fixtures/modem/gsm-chan-dongle-issue82-cring-clip-repeated
//    (Huawei: +CRING/+CLIP twice, then ^CEND) and gsm-pygsmmodem-issue64-cring-clip-split-reads (the same
//    +CLIP on successive rings). A different identity is a new call: GSM presents one ringing call at a time
//    (a second one comes as +CCWA), and a landline sends its caller-ID block once per call, so a second
//    block after a ring is the next call even from the same number (callattendant-code-test-fixtures:
//    six calls told apart by their blocks alone).
// 2. Once our hang-up was acknowledged — the modem answered OK to the release command (AT+CHUP, ATH,
//    AT+CHLD=0, or the landline's final ATH0), or reported the call's end (NO CARRIER, ^CEND, …) — the
//    call is over, and every RING or caller ID after that is a new call, whatever its identity and however
//    soon it comes. Serial output is in order: a ring the modem sent for the old call arrives before its
//    OK. SIM800-style modems report nothing after an OK to AT+CHUP (gsm-sim800-pygsmmodem-issue24: the
//    withheld +CLIP is all a SIM800 says), so nothing but that OK can mark the end.
// 3. Between writing the hang-up and its acknowledgement, a ring is the old call's (the modem sent it before
//    reading our command) and a caller ID with another identity is the next call overtaking the hang-up.
// 4. The one place a repeat cannot be told from a redial: on a modem that reports no end of call (SIM800
//    reports a caller giving up, Huawei ^CEND, but not every firmware does), a call we let ring and the same
//    caller's redial before its ring silence ran out are one call. Only calls that ring through are exposed
//    to it; every call we hang up ends at the acknowledgement.
import type { Action, CallerId, Decision, LineKind } from '../../shared/domain.ts';
import type { CallerIdSource } from './caller-id.ts';
import { noCallerId, sameIdentity } from './caller-id.ts';
import type { CallSignal } from './caller-id-parser.ts';
import { callKey, endedCall, newCall, outcomeOf, takeLastRing, withMoments, withRaw, withRing, type Call, type EndedCall, type LineTiming } from './call.ts';
import { clccCallerId, isRingingIn, type ClccEntry } from './clcc.ts';
import type { HangupResult } from './hangup.ts';

export type TrackerEvents = {
  'call-started': { key: string; lineId: string; wallClock: Date; at: number };
  'caller-id': { key: string; lineId: string; callerId: CallerId; at: number };
  decided: { key: string; lineId: string; callerId: CallerId; decision: Decision; at: number };
  'hangup-sent': { key: string; command: string; at: number };
  'call-ended': EndedCall;
  warning: { code: string; message: string };
};

/** The moment an input is handled, and the line facts that shape the rules (they change when a modem is identified). */
export type Moment = { at: number; wall: Date; kind: LineKind; timing: LineTiming };

export type Idle = { readonly phase: 'idle' };
/** It rang; the caller is not known yet (GSM: +CLIP, then AT+CLCC; landline: the caller-ID block). */
export type Ringing = { readonly phase: 'ringing'; readonly call: Call; readonly clccAsked: boolean };
/** Landline: the number field arrived, the NAME field may still follow (or the number alone decides). */
export type Identified = { readonly phase: 'identified'; readonly call: Call; readonly announced: boolean };
/** The caller is known; the shell is asking the screening engine (it answers synchronously). */
export type Deciding = { readonly phase: 'deciding'; readonly call: Call; readonly announce: boolean };
/** Decided to let it ring (or the hang-up failed): it rings through until it ends. */
export type Decided = { readonly phase: 'decided'; readonly call: Call };
/** Decided to hang up: the hang-up is written; `acknowledgedAt` once the modem said the call is released. */
export type Releasing = { readonly phase: 'releasing'; readonly call: Call; readonly acknowledgedAt: number | null };
export type Phase = Idle | Ringing | Identified | Deciding | Decided | Releasing;

export type TrackerState = { readonly lineId: string; readonly seq: number; readonly phase: Phase };

export type TimerName = 'silence' | 'clip-wait' | 'name-wait';

export type TrackerInput =
  | { type: 'signal'; signal: CallSignal }
  | { type: 'timer'; timer: TimerName; key: string }
  | { type: 'clcc'; key: string; entries: ClccEntry[] | null }
  /** The screening engine's answer to a `decide` effect. */
  | { type: 'decided'; key: string; decision: Decision }
  /** The screening engine's answer to `ask-final`: the call will be hung up whatever name follows. */
  | { type: 'final'; key: string; hangsUp: boolean }
  | { type: 'hangup-written'; key: string; command: string; at: number }
  /** The modem answered OK to a release command: the call is released. */
  | { type: 'hangup-acknowledged'; key: string }
  /** AT+CLCC still lists the call after that OK: the release did not take, the next method follows. */
  | { type: 'hangup-still-ringing'; key: string }
  | { type: 'hangup-done'; key: string; result: HangupResult }
  | { type: 'line-lost' };

export type Emit = { [E in keyof TrackerEvents]: { type: 'emit'; event: E; payload: TrackerEvents[E] } }[keyof TrackerEvents];

export type TrackerEffect =
  | Emit
  /** (Re)starts the named timer; when it fires the shell feeds `{ type: 'timer', timer, key }` back. */
  | { type: 'set-timer'; timer: TimerName; key: string; ms: number }
  | { type: 'clear-timer'; timer: TimerName }
  /** Ask the screening engine whether a name could still save this caller; answered with a `final` input. */
  | { type: 'ask-final'; key: string; callerId: CallerId }
  /** Ask the screening engine; always the last effect of its step, answered with a `decided` input. */
  | { type: 'decide'; key: string; callerId: CallerId }
  | { type: 'hang-up'; key: string; action: Action; callerId: CallerId }
  | { type: 'cancel-hang-up'; key: string }
  | { type: 'query-clcc'; key: string }
  /** Have the parser report the pending landline block now (its signals come back as inputs). */
  | { type: 'flush-block' }
  /** A call rang with no caller ID at all: the modem may have dropped it (the shell re-enables it). */
  | { type: 'caller-id-missing' };

export type Step = { state: TrackerState; effects: TrackerEffect[] };

export const initialState = (lineId: string): TrackerState => ({ lineId, seq: 0, phase: { phase: 'idle' } });

const idle: Idle = { phase: 'idle' };

/** The call in progress, whatever the phase. */
export const currentCall = (s: TrackerState): Call | null => (s.phase.phase === 'idle' ? null : s.phase.call);

const emit = <E extends keyof TrackerEvents>(event: E, payload: TrackerEvents[E]): TrackerEffect => ({ type: 'emit', event, payload }) as Emit;

const ringSilence = (m: Moment) => (m.kind === 'gsm' ? m.timing.ringSilenceGsmMs : m.timing.ringSilenceLandlineMs);
/** How recent a ring must be to count as the next call's first when that call's caller ID follows: on GSM
 *  +CLIP follows its RING within milliseconds, on a landline the block comes a second or two after ring 1. */
const carryWindow = (m: Moment) => (m.kind === 'gsm' ? m.timing.clipWaitMs : m.timing.ringSilenceLandlineMs * 0.45);

const started = (s: TrackerState, c: Call): TrackerEffect => emit('call-started', { key: c.key, lineId: s.lineId, wallClock: c.startedAt, at: c.t0 });

/** A new call whose first event is now (or `carried`, a ring that turned out to be this call's first). */
function startCall(s: TrackerState, m: Moment, carried: { at: number; line: string } | null = null): { s: TrackerState; call: Call } {
  const seq = s.seq + 1;
  const fresh = newCall(callKey(s.lineId, m.wall, seq), m.at, m.wall);
  const call = carried
    ? { ...withRing({ ...fresh, t0: carried.at, startedAt: new Date(m.wall.getTime() - (m.at - carried.at)) }, carried.line, carried.at) }
    : fresh;
  return { s: { ...s, seq }, call };
}

/** Ends the call: its record goes out, the timers stop, an unfinished hang-up stops escalating. */
function endCall(s: TrackerState, call: Call, m: Moment, how: { lost?: boolean; releasing?: boolean } = {}): Step {
  const effects: TrackerEffect[] = [{ type: 'clear-timer', timer: 'silence' }, { type: 'clear-timer', timer: 'clip-wait' }, { type: 'clear-timer', timer: 'name-wait' }];
  if (how.releasing) effects.push({ type: 'cancel-hang-up', key: call.key });
  const outcome = outcomeOf(call, how.lost ?? false);
  effects.push(emit('call-ended', endedCall(call, s.lineId, outcome, m.at)));
  if (!how.lost && (call.source === null || call.callerId?.presentation === 'none')) effects.push({ type: 'caller-id-missing' });
  return { state: { ...s, phase: idle }, effects };
}

/**
 * A call we were hanging up is over: released when the modem acknowledged it, else now. (A hang-up that was
 * never written — the modem busy with another command — confirms nothing: the outcome rules judge it.)
 */
function endReleased(s: TrackerState, r: Releasing, m: Moment, patch: Partial<Call> = {}): Step {
  const call = { ...r.call, ...patch };
  if (call.at.hangupSent === null) return endCall(s, call, m, { releasing: true });
  const confirmed = call.at.hangupConfirmed ?? r.acknowledgedAt ?? m.at;
  return endCall(s, withMoments(call, { hangupConfirmed: confirmed }), m, { releasing: true });
}

const then = (first: Step, next: (s: TrackerState) => Step): Step => {
  const second = next(first.state);
  return { state: second.state, effects: [...first.effects, ...second.effects] };
};

/** The caller is known (or known to be unknowable): ask for the decision. */
function identify(s: TrackerState, call: Call, callerId: CallerId, source: CallerIdSource, m: Moment, announce: boolean): Step {
  const c = withMoments({ ...call, callerId, source }, { callerId: m.at });
  return {
    state: { ...s, phase: { phase: 'deciding', call: c, announce } },
    effects: [{ type: 'clear-timer', timer: 'clip-wait' }, { type: 'clear-timer', timer: 'name-wait' }, { type: 'decide', key: c.key, callerId }],
  };
}

/** Hang up first, then tell: the hang-up effect comes before every event of the decision. */
function decided(s: TrackerState, d: Deciding, decision: Decision, m: Moment): Step {
  const call = withMoments({ ...d.call, decision }, { decision: m.at });
  const callerId = call.callerId ?? noCallerId([...call.raw]);
  const hangsUp = decision.action === 'reject' || decision.action === 'answer-hangup';
  const effects: TrackerEffect[] = hangsUp ? [{ type: 'hang-up', key: call.key, action: decision.action, callerId }] : [];
  if (d.announce) effects.push(started(s, call));
  effects.push(emit('caller-id', { key: call.key, lineId: s.lineId, callerId, at: call.at.callerId ?? m.at }));
  effects.push(emit('decided', { key: call.key, lineId: s.lineId, callerId, decision, at: m.at }));
  const phase: Phase = hangsUp ? { phase: 'releasing', call, acknowledgedAt: null } : { phase: 'decided', call };
  return { state: { ...s, phase }, effects };
}

const armSilence = (c: Call, m: Moment): TrackerEffect => ({ type: 'set-timer', timer: 'silence', key: c.key, ms: ringSilence(m) });

/** A ring that starts a call. */
function firstRing(s0: TrackerState, line: string, m: Moment): Step {
  const { s, call } = startCall(s0, m);
  const c = withRing(call, line, m.at);
  const effects: TrackerEffect[] = [started(s, c), armSilence(c, m)];
  if (m.kind === 'gsm') effects.push({ type: 'set-timer', timer: 'clip-wait', key: c.key, ms: m.timing.clipWaitMs });
  return { state: { ...s, phase: { phase: 'ringing', call: c, clccAsked: false } }, effects };
}

function ring(s: TrackerState, line: string, m: Moment): Step {
  const p = s.phase;
  switch (p.phase) {
    case 'idle':
      return firstRing(s, line, m);
    case 'ringing': {
      const c = withRing(p.call, line, m.at);
      // The landline caller-ID burst comes between ring 1 and ring 2: it is not coming now.
      if (m.kind === 'landline' && c.rings >= 2) return then({ state: s, effects: [armSilence(c, m)] }, (s1) => identify(s1, c, noCallerId([...c.raw]), 'none', m, false));
      return { state: { ...s, phase: { ...p, call: c } }, effects: [armSilence(c, m)] };
    }
    case 'releasing':
      // Rule 2: after the acknowledgement the old call is over and this ring is the next call's first.
      if (p.acknowledgedAt !== null) return then(endReleased(s, p, m), (s1) => firstRing(s1, line, m));
      return { state: { ...s, phase: { ...p, call: withRing(p.call, line, m.at) } }, effects: [armSilence(p.call, m)] };
    case 'identified':
    case 'deciding':
    case 'decided':
      return { state: { ...s, phase: { ...p, call: withRing(p.call, line, m.at) } }, effects: [armSilence(p.call, m)] };
  }
}

/** A caller ID that starts a call (UK landlines and some GSM firmware send it before the first ring). */
function callFromCallerId(s0: TrackerState, callerId: CallerId, source: CallerIdSource, m: Moment, carried: { at: number; line: string } | null): Step {
  const { s, call } = startCall(s0, m, carried);
  const c = withRaw(call, callerId.raw);
  return then({ state: s, effects: [armSilence(c, m)] }, (s1) => identify(s1, c, callerId, source, m, true));
}

/**
 * When another caller's ID ends a call, the call's latest ring goes with it if it came after the old call's
 * caller ID and just before the new one (within the carry window): it was the new call's first ring.
 */
const carriedRing = (c: Call, m: Moment) => (c.lastRingAt !== null && c.ringsSinceId > 0 && m.at - c.lastRingAt <= carryWindow(m) ? takeLastRing(c) : null);

const isRepeat = (known: CallerId, callerId: CallerId) =>
  sameIdentity(known, callerId) || (known.number !== null && known.number === callerId.number && callerId.name === null);

function callerIdArrived(s: TrackerState, callerId: CallerId, source: CallerIdSource, m: Moment): Step {
  const p = s.phase;
  switch (p.phase) {
    case 'idle':
      return callFromCallerId(s, callerId, source, m, null);
    case 'ringing':
      return identify(s, withRaw(p.call, callerId.raw), callerId, source, m, false);
    case 'identified':
      return identify(s, withRaw(p.call, callerId.raw), callerId, source, m, !p.announced);
    case 'deciding':
      return { state: { ...s, phase: { ...p, call: withRaw(p.call, callerId.raw) } }, effects: [] };
    case 'decided': {
      const c = p.call;
      const known = c.callerId ?? noCallerId([]);
      // Rule 1: a landline sends its block once per call, so another block after a ring is the next call.
      const nextLandlineCall = m.kind === 'landline' && source !== 'clcc' && source !== 'missed-call' && c.ringsSinceId > 0;
      if (isRepeat(known, callerId) && !nextLandlineCall) return { state: { ...s, phase: { ...p, call: withRaw(c, callerId.raw) } }, effects: [] };
      // +CLIP after we decided with nothing to go on (AT+CLCC could not say): the same ringing call, decide again.
      if (known.presentation === 'none' && m.kind === 'gsm' && c.at.hangupSent === null) return identify(s, withRaw(c, callerId.raw), callerId, source, m, false);
      const carried = carriedRing(c, m);
      return then(endCall(s, carried?.call ?? c, m), (s1) => callFromCallerId(s1, callerId, source, m, carried?.ring ?? null));
    }
    case 'releasing': {
      const c = p.call;
      // Rule 2: after the acknowledgement, any caller ID is the next call's.
      if (p.acknowledgedAt !== null) return then(endReleased(s, p, m), (s1) => callFromCallerId(s1, callerId, source, m, null));
      // Rule 3: before it, the same identity is the old call repeating itself…
      if (c.callerId && isRepeat(c.callerId, callerId)) return { state: { ...s, phase: { ...p, call: withRaw(c, callerId.raw) } }, effects: [] };
      // …and another identity is the next call overtaking the hang-up; the ring just before it was its first.
      const carried = carriedRing(c, m);
      return then(endReleased(s, { ...p, call: carried?.call ?? c }, m), (s1) => callFromCallerId(s1, callerId, source, m, carried?.ring ?? null));
    }
  }
}

/**
 * Landline block fields as they arrive. The NAME field may decide the call, so it gets its moment (the name
 * wait) — unless the screening engine says no name could save this caller: then the number alone decides,
 * at once, and a NAME that follows is recorded as a late field (issue 14: decide as soon as it is certain).
 */
function blockProgress(s0: TrackerState, sig: Extract<CallSignal, { kind: 'block-progress' }>, m: Moment): Step {
  if (!sig.number) return { state: s0, effects: [] };
  if (sig.name) return { state: s0, effects: [{ type: 'flush-block' }] };
  const p = s0.phase;
  const wait = (key: string): TrackerEffect[] => [
    { type: 'set-timer', timer: 'name-wait', key, ms: m.timing.nameWaitMs },
    ...(sig.callerId ? [{ type: 'ask-final', key, callerId: sig.callerId } as const] : []),
  ];
  if (p.phase === 'idle') {
    // UK: the block comes before the first ring; the call starts with it and is announced once decided.
    const { s, call } = startCall(s0, m);
    return { state: { ...s, phase: { phase: 'identified', call, announced: false } }, effects: [armSilence(call, m), ...wait(call.key)] };
  }
  if (p.phase === 'ringing') return { state: { ...s0, phase: { phase: 'identified', call: p.call, announced: true } }, effects: wait(p.call.key) };
  // A block while a call is decided is the next call's: let its NAME have its moment too.
  return { state: s0, effects: wait(p.call.key) };
}

/** No name can save the caller: report the block now instead of waiting for a NAME that cannot matter. */
function finalAnswer(s: TrackerState, key: string, hangsUp: boolean): Step {
  const p = s.phase;
  if (!hangsUp || p.phase === 'idle' || p.call.key !== key) return { state: s, effects: [] };
  return { state: s, effects: [{ type: 'clear-timer', timer: 'name-wait' }, { type: 'flush-block' }] };
}

function callEnded(s: TrackerState, signal: Extract<CallSignal, { kind: 'call-end' }>, m: Moment): Step {
  const p = s.phase;
  if (p.phase === 'idle') return { state: s, effects: [] }; // the end of a call already over (our hang-up's ^CEND)
  let call = withRaw(p.call, [signal.line]);
  if (!call.callerId && signal.callerId) call = { ...call, callerId: signal.callerId, source: 'missed-call' };
  // Our own hang-up makes the modem say NO CARRIER/^CEND: the call is released.
  if (p.phase === 'releasing') return endReleased(s, { ...p, call }, m);
  return endCall(s, call, m);
}

function signal(s: TrackerState, sig: CallSignal, m: Moment): Step {
  const p = s.phase;
  switch (sig.kind) {
    case 'ring':
      return ring(s, sig.line, m);
    case 'caller-id':
      return callerIdArrived(s, sig.callerId, sig.source, m);
    case 'caller-id-amended':
      // A late field (NAME after the wait): the record gets it; the decision stands.
      if (p.phase === 'idle' || !p.call.callerId) return { state: s, effects: [] };
      return { state: { ...s, phase: { ...p, call: { ...p.call, callerId: sig.callerId, raw: [...p.call.raw, ...sig.callerId.raw.slice(-1)] } } }, effects: [] };
    case 'block-progress':
      return blockProgress(s, sig, m);
    case 'answered':
      if (p.phase === 'idle') return { state: s, effects: [] };
      return { state: { ...s, phase: { ...p, call: { ...p.call, answered: true, raw: [...p.call.raw, sig.line] } } }, effects: [] };
    case 'call-end':
      return callEnded(s, sig, m);
  }
}

function clccAnswer(s: TrackerState, key: string, entries: ClccEntry[] | null, m: Moment): Step {
  const p = s.phase;
  if (p.phase !== 'ringing' || p.call.key !== key) return { state: s, effects: [] };
  if (entries === null) return identify(s, p.call, noCallerId([...p.call.raw]), 'none', m, false);
  // An empty list: the line is idle, the caller gave up before we could ask.
  if (entries.length === 0) return endCall(s, p.call, m);
  const ringingIn = entries.find(isRingingIn);
  const id = ringingIn ? clccCallerId(ringingIn) : null;
  if (id) return identify(s, withRaw(p.call, id.raw), id, 'clcc', m, false);
  return identify(s, p.call, noCallerId([...p.call.raw]), 'none', m, false);
}

function timer(s: TrackerState, name: TimerName, key: string, m: Moment): Step {
  const p = s.phase;
  if (name === 'name-wait') return { state: s, effects: [{ type: 'flush-block' }] };
  if (p.phase === 'idle' || p.call.key !== key) return { state: s, effects: [] };
  if (name === 'silence') return p.phase === 'releasing' ? endReleased(s, p, m) : endCall(s, p.call, m);
  // clip-wait: +CLIP did not come; ask AT+CLCC, once.
  if (p.phase !== 'ringing' || p.clccAsked || p.call.callerId) return { state: s, effects: [] };
  return { state: { ...s, phase: { ...p, clccAsked: true } }, effects: [{ type: 'query-clcc', key }] };
}

function hangup(s: TrackerState, input: Extract<TrackerInput, { type: `hangup-${string}` }>, m: Moment): Step {
  const p = s.phase;
  if (p.phase !== 'releasing' && p.phase !== 'decided') return { state: s, effects: [] };
  if (p.call.key !== input.key) return { state: s, effects: [] };
  switch (input.type) {
    case 'hangup-written': {
      // A fallback step: the first write is the one that counts.
      if (p.call.at.hangupSent !== null) return { state: s, effects: [] };
      const call = withMoments({ ...p.call, hangupCommand: input.command }, { hangupSent: input.at });
      return { state: { ...s, phase: { ...p, call } }, effects: [emit('hangup-sent', { key: call.key, command: input.command, at: input.at })] };
    }
    case 'hangup-acknowledged':
      return p.phase === 'releasing' ? { state: { ...s, phase: { ...p, acknowledgedAt: m.at } }, effects: [] } : { state: s, effects: [] };
    case 'hangup-still-ringing':
      return p.phase === 'releasing' ? { state: { ...s, phase: { ...p, acknowledgedAt: null } }, effects: [] } : { state: s, effects: [] };
    case 'hangup-done': {
      if (p.phase !== 'releasing') return { state: s, effects: [] };
      const r = input.result;
      if (r.ok) return endReleased(s, p, m, { hangupCommand: r.command, at: { ...p.call.at, hangupConfirmed: p.call.at.hangupConfirmed ?? m.at } });
      const call = { ...p.call, hangupFailed: true };
      return {
        state: { ...s, phase: { phase: 'decided', call } },
        effects: [emit('warning', { code: 'hangup-failed', message: `Could not hang up the call (tried ${r.tried.join(', ')}); it rings through.` })],
      };
    }
  }
}

export function step(s: TrackerState, input: TrackerInput, m: Moment): Step {
  const p = s.phase;
  switch (input.type) {
    case 'signal':
      return signal(s, input.signal, m);
    case 'timer':
      return timer(s, input.timer, input.key, m);
    case 'clcc':
      return clccAnswer(s, input.key, input.entries, m);
    case 'decided':
      return p.phase === 'deciding' && p.call.key === input.key ? decided(s, p, input.decision, m) : { state: s, effects: [] };
    case 'final':
      return finalAnswer(s, input.key, input.hangsUp);
    case 'hangup-written':
    case 'hangup-acknowledged':
    case 'hangup-still-ringing':
    case 'hangup-done':
      return hangup(s, input, m);
    case 'line-lost':
      return p.phase === 'idle' ? { state: s, effects: [] } : endCall(s, p.call, m, { lost: true, releasing: p.phase === 'releasing' });
  }
}

/** For the hang-up's verification: is this call still the one being released, with nothing new since? */
export const stillReleasing = (s: TrackerState, key: string): boolean => s.phase.phase === 'releasing' && s.phase.call.key === key;
