// The transitions of the line's own call: rings, caller ID, the NAME wait, the decision, the hang-up and the
// end, as pure functions of (state, input, moment) — the rules are written down in call-state.ts. A second
// caller announced by call waiting is waiting-call.ts's.
import type { CallerId, Decision, GateReport } from '../../shared/domain.ts';
import type { CallerIdSource } from './caller-id.ts';
import { noCallerId } from './caller-id.ts';
import type { CallSignal } from './caller-id-parser.ts';
import { withMoments, withRaw, withRing, type Call } from './call.ts';
import { andThen, armSilence, carriedRing, emit, endCall, endReleased, isRepeat, started, startCall } from './call-effects.ts';
import type { Deciding, Moment, Phase, Step, TimerName, TrackerEffect, TrackerInput, TrackerState } from './call-types.ts';
import { clccCallerId, isRingingIn, type ClccEntry } from './clcc.ts';
import { promoteWaiting, waitingArrived, waitingHangup, waitingTimer } from './waiting-call.ts';

/** The caller is known (or known to be unknowable): ask for the decision. */
function identify(s: TrackerState, call: Call, callerId: CallerId, source: CallerIdSource, m: Moment, announce: boolean): Step {
  const c = withMoments({ ...call, callerId, source }, { callerId: m.at });
  return {
    state: { ...s, phase: { phase: 'deciding', call: c, announce } },
    effects: [
      { type: 'clear-timer', timer: 'clip-wait' },
      { type: 'clear-timer', timer: 'name-wait' },
      { type: 'decide', key: c.key, callerId },
    ],
  };
}

/** Hang up first, then tell: the hang-up effect comes before every event of the decision. */
export function decided(s: TrackerState, d: Deciding, decision: Decision, m: Moment): Step {
  const call = withMoments({ ...d.call, decision }, { decision: m.at });
  const callerId = call.callerId ?? noCallerId([...call.raw]);
  // The pass gate answers instead of hanging up; it hands the call back for the hang-up when it is done.
  const gates = decision.reason === 'gate';
  const hangsUp = !gates && (decision.action === 'reject' || decision.action === 'answer-hangup');
  const effects: TrackerEffect[] = gates
    ? [
        { type: 'clear-timer', timer: 'silence' },
        { type: 'gate', key: call.key, callerId },
      ]
    : hangsUp
      ? [{ type: 'hang-up', key: call.key, action: decision.action, callerId }]
      : [];
  if (d.announce) effects.push(started(s, call));
  effects.push(emit('caller-id', { key: call.key, lineId: s.lineId, callerId, at: call.at.callerId ?? m.at }));
  effects.push(emit('decided', { key: call.key, lineId: s.lineId, callerId, decision, at: m.at }));
  const phase: Phase = gates
    ? { phase: 'gating', call, callerGone: false }
    : hangsUp
      ? { phase: 'releasing', call, acknowledgedAt: null }
      : { phase: 'decided', call };
  return { state: { ...s, phase }, effects };
}

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
      // The call in progress is over and the caller let wait rings as an ordinary call now.
      if (s.waiting?.status === 'let-through') return promoteWaiting(s, s.waiting, { ring: line }, m);
      return firstRing(s, line, m);
    case 'ringing': {
      const c = withRing(p.call, line, m.at);
      // The landline caller-ID burst comes between ring 1 and ring 2: it is not coming now.
      if (m.kind === 'landline' && c.rings >= 2)
        return andThen({ state: s, effects: [armSilence(c, m)] }, (s1) => identify(s1, c, noCallerId([...c.raw]), 'none', m, false));
      return { state: { ...s, phase: { ...p, call: c } }, effects: [armSilence(c, m)] };
    }
    case 'releasing':
      // Rule 2: after the acknowledgement the old call is over and this ring is the next call's first.
      if (p.acknowledgedAt !== null) return andThen(endReleased(s, p, m), (s1) => firstRing(s1, line, m));
      return { state: { ...s, phase: { ...p, call: withRing(p.call, line, m.at) } }, effects: [armSilence(p.call, m)] };
    case 'identified':
    case 'deciding':
    case 'decided':
      return { state: { ...s, phase: { ...p, call: withRing(p.call, line, m.at) } }, effects: [armSilence(p.call, m)] };
    case 'gating':
      // A ring the modem sent before it read ATA; the answered call rings no more.
      return { state: { ...s, phase: { ...p, call: withRing(p.call, line, m.at) } }, effects: [] };
  }
}

/** A caller ID that starts a call (UK landlines and some GSM firmware send it before the first ring). */
function callFromCallerId(s0: TrackerState, callerId: CallerId, source: CallerIdSource, m: Moment, carried: { at: number; line: string } | null): Step {
  const { s, call } = startCall(s0, m, carried);
  const c = withRaw(call, callerId.raw);
  return andThen({ state: s, effects: [armSilence(c, m)] }, (s1) => identify(s1, c, callerId, source, m, true));
}

function callerIdArrived(s: TrackerState, callerId: CallerId, source: CallerIdSource, m: Moment): Step {
  const p = s.phase;
  switch (p.phase) {
    case 'idle': {
      const w = s.waiting;
      if (w?.status === 'let-through' && w.call.callerId && isRepeat(w.call.callerId, callerId)) return promoteWaiting(s, w, { callerId }, m);
      return callFromCallerId(s, callerId, source, m, null);
    }
    case 'ringing':
      return identify(s, withRaw(p.call, callerId.raw), callerId, source, m, false);
    case 'identified':
      return identify(s, withRaw(p.call, callerId.raw), callerId, source, m, !p.announced);
    case 'deciding':
    case 'gating':
      // Under the gate the line is off-hook: a caller ID is this call's repeat (another caller would wait).
      return { state: { ...s, phase: { ...p, call: withRaw(p.call, callerId.raw) } }, effects: [] };
    case 'decided': {
      const c = p.call;
      const known = c.callerId ?? noCallerId([]);
      // A landline's caller ID while its call is answered is call-waiting caller ID: another caller waits.
      if (m.kind === 'landline' && c.answered && source !== 'missed-call') return waitingArrived(s, callerId, m);
      // Rule 1: a landline sends its block once per call, so another block after a ring is the next call.
      const nextLandlineCall = m.kind === 'landline' && source !== 'clcc' && source !== 'missed-call' && c.ringsSinceId > 0;
      if (isRepeat(known, callerId) && !nextLandlineCall) return { state: { ...s, phase: { ...p, call: withRaw(c, callerId.raw) } }, effects: [] };
      // +CLIP after we decided with nothing to go on (AT+CLCC could not say): the same ringing call, decide again.
      if (known.presentation === 'none' && m.kind === 'gsm' && c.at.hangupSent === null)
        return identify(s, withRaw(c, callerId.raw), callerId, source, m, false);
      const carried = carriedRing(c, m);
      return andThen(endCall(s, carried?.call ?? c, m), (s1) => callFromCallerId(s1, callerId, source, m, carried?.ring ?? null));
    }
    case 'releasing': {
      const c = p.call;
      // Rule 2: after the acknowledgement, any caller ID is the next call's.
      if (p.acknowledgedAt !== null) return andThen(endReleased(s, p, m), (s1) => callFromCallerId(s1, callerId, source, m, null));
      // Rule 3: before it, the same identity is the old call repeating itself…
      if (c.callerId && isRepeat(c.callerId, callerId)) return { state: { ...s, phase: { ...p, call: withRaw(c, callerId.raw) } }, effects: [] };
      // …and another identity is the next call overtaking the hang-up; the ring just before it was its first.
      const carried = carriedRing(c, m);
      return andThen(endReleased(s, { ...p, call: carried?.call ?? c }, m), (s1) => callFromCallerId(s1, callerId, source, m, carried?.ring ?? null));
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
export function finalAnswer(s: TrackerState, key: string, hangsUp: boolean): Step {
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
  // The caller hung up under the gate: stop it; its report ends the call.
  if (p.phase === 'gating') return { state: { ...s, phase: { ...p, call, callerGone: true } }, effects: [{ type: 'cancel-gate', key: call.key }] };
  return endCall(s, call, m);
}

export function signal(s: TrackerState, sig: CallSignal, m: Moment): Step {
  const p = s.phase;
  switch (sig.kind) {
    case 'ring':
      return ring(s, sig.line, m);
    case 'caller-id':
      return callerIdArrived(s, sig.callerId, sig.source, m);
    case 'caller-id-amended':
      // A late field (NAME after the wait): the record gets it; the decision stands.
      if (p.phase === 'idle' || !p.call.callerId) return { state: s, effects: [] };
      return {
        state: { ...s, phase: { ...p, call: { ...p.call, callerId: sig.callerId, raw: [...p.call.raw, ...sig.callerId.raw.slice(-1)] } } },
        effects: [],
      };
    case 'block-progress':
      return blockProgress(s, sig, m);
    case 'answered':
      if (p.phase === 'idle') return { state: s, effects: [] };
      return { state: { ...s, phase: { ...p, call: { ...p.call, answered: true, raw: [...p.call.raw, sig.line] } } }, effects: [] };
    case 'call-end':
      return callEnded(s, sig, m);
    case 'waiting':
      return waitingArrived(s, sig.callerId, m);
  }
}

export function clccAnswer(s: TrackerState, key: string, entries: ClccEntry[] | null, m: Moment): Step {
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

export function timer(s: TrackerState, name: TimerName, key: string, m: Moment): Step {
  const p = s.phase;
  if (name === 'waiting-silence') return waitingTimer(s, key, m);
  if (name === 'name-wait') return { state: s, effects: [{ type: 'flush-block' }] };
  if (p.phase === 'idle' || p.call.key !== key) return { state: s, effects: [] };
  if (name === 'silence') {
    // An answered, gated call does not ring; the gate decides when it is over.
    if (p.phase === 'gating') return { state: s, effects: [] };
    return p.phase === 'releasing' ? endReleased(s, p, m) : endCall(s, p.call, m);
  }
  // clip-wait: +CLIP did not come; ask AT+CLCC, once.
  if (p.phase !== 'ringing' || p.clccAsked || p.call.callerId) return { state: s, effects: [] };
  return { state: { ...s, phase: { ...p, clccAsked: true } }, effects: [{ type: 'query-clcc', key }] };
}

export function hangup(s: TrackerState, input: Extract<TrackerInput, { type: `hangup-${string}` }>, m: Moment): Step {
  if (s.waiting?.call.key === input.key) return waitingHangup(s, s.waiting, input, m);
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

/**
 * The gate handed the call back. A caller who hung up under it, and a voice modem the gate already put back
 * on-hook, need no hang-up: the call ends with the gate's verdict. Otherwise the line's hang-up chain
 * releases it like any rejected call (GSM: AT+CHUP…).
 */
export function gateDone(s: TrackerState, key: string, report: GateReport, m: Moment): Step {
  const p = s.phase;
  if (p.phase !== 'gating' || p.call.key !== key) return { state: s, effects: [] };
  const call: Call = { ...p.call, gate: report };
  if (p.callerGone || report.method === 'voice-modem') return endCall(s, call, m);
  const callerId = call.callerId ?? noCallerId([...call.raw]);
  return {
    state: { ...s, phase: { phase: 'releasing', call, acknowledgedAt: null } },
    effects: [armSilence(call, m), { type: 'hang-up', key: call.key, action: 'reject', callerId }],
  };
}
