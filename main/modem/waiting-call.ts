// Call waiting (issue 14): a second caller announced while a call is in progress — GSM's +CCWA after
// AT+CCWA=1,1, or a landline's call-waiting caller ID where the modem reports one. The waiting caller is
// decided like a ringing one; a blocked one is released with AT+CHLD=0, which releases only a held or
// waiting call and leaves the call in progress alone (3GPP TS 22.030 §6.5.5.1), and every waiting call is
// recorded once, as "waiting call rejected" or "waiting call let through". Pure transitions of
// TrackerState.waiting; the shell sends the command.
import type { CallerId, Decision } from '../../shared/domain.ts';
import { withMoments, withRaw, withRing } from './call.ts';
import { andThen, armSilence, emit, ended, isRepeat, noStep, ringSilence, started, startCall } from './call-effects.ts';
import type { Moment, Step, TrackerEffect, TrackerInput, TrackerState, WaitingCall } from './call-types.ts';

/** A waiting call with no repeat of its announcement for a ring silence has gone (or was answered). */
const armWaiting = (key: string, m: Moment): TrackerEffect => ({ type: 'set-timer', timer: 'waiting-silence', key, ms: ringSilence(m) });

export function endWaiting(s: TrackerState, w: WaitingCall, m: Moment, lost = false): Step {
  return { state: { ...s, waiting: null }, effects: [{ type: 'clear-timer', timer: 'waiting-silence' }, ...ended(s, w.call, m, lost)] };
}

/** +CCWA (repeated while the caller waits) or a call-waiting caller-ID block. */
export function waitingArrived(s: TrackerState, callerId: CallerId, m: Moment): Step {
  const w = s.waiting;
  if (w?.call.callerId && isRepeat(w.call.callerId, callerId)) {
    return { state: { ...s, waiting: { ...w, call: withRaw(w.call, callerId.raw) } }, effects: [armWaiting(w.call.key, m)] };
  }
  // Another caller now waits instead (the first gave up unseen): the first one's record goes out.
  return andThen(w ? endWaiting(s, w, m) : noStep(s), (s1) => {
    const { s: s2, call } = startCall(s1, m, null, { waiting: true });
    const c = withMoments({ ...withRaw(call, callerId.raw), callerId, source: 'ccwa' }, { callerId: m.at });
    return { state: { ...s2, waiting: { call: c, status: 'deciding' } }, effects: [armWaiting(c.key, m), { type: 'decide', key: c.key, callerId }] };
  });
}

/** Release first, then tell — as for a ringing call. A landline cannot release a waiting caller without
 *  answering it (a hook flash switches to it), so there the waiting caller is let through and recorded. */
export function waitingDecided(s: TrackerState, w: WaitingCall, decision: Decision, m: Moment): Step {
  const call = withMoments({ ...w.call, decision }, { decision: m.at });
  const callerId = call.callerId as CallerId;
  const release = m.kind === 'gsm' && (decision.action === 'reject' || decision.action === 'answer-hangup');
  const effects: TrackerEffect[] = release ? [{ type: 'release-waiting', key: call.key }] : [];
  effects.push(started(s, call));
  effects.push(emit('caller-id', { key: call.key, lineId: s.lineId, callerId, at: call.at.callerId ?? m.at }));
  effects.push(emit('decided', { key: call.key, lineId: s.lineId, callerId, decision, at: m.at }));
  return { state: { ...s, waiting: { call, status: release ? 'releasing' : 'let-through' } }, effects };
}

export function waitingHangup(s: TrackerState, w: WaitingCall, input: Extract<TrackerInput, { type: `hangup-${string}` }>, m: Moment): Step {
  switch (input.type) {
    case 'hangup-written': {
      if (w.call.at.hangupSent !== null) return noStep(s);
      const call = withMoments({ ...w.call, hangupCommand: input.command }, { hangupSent: input.at });
      return { state: { ...s, waiting: { ...w, call } }, effects: [emit('hangup-sent', { key: call.key, command: input.command, at: input.at })] };
    }
    case 'hangup-acknowledged':
    case 'hangup-still-ringing':
      return noStep(s);
    case 'hangup-done': {
      if (w.status !== 'releasing') return noStep(s);
      if (input.result.ok) return endWaiting(s, { ...w, call: withMoments(w.call, { hangupConfirmed: m.at }) }, m);
      const call = { ...w.call, hangupFailed: true };
      return {
        state: { ...s, waiting: { call, status: 'let-through' } },
        effects: [
          emit('warning', {
            code: 'hangup-failed',
            message: `Could not release the waiting call (tried ${input.result.tried.join(', ') || 'AT+CHLD=0'}); it keeps waiting.`,
          }),
        ],
      };
    }
  }
}

export function waitingTimer(s: TrackerState, key: string, m: Moment): Step {
  const w = s.waiting;
  return w && w.call.key === key ? endWaiting(s, w, m) : noStep(s);
}

/**
 * The call in progress ended and the waiting caller now rings as an ordinary incoming call (the network
 * presents it again): the same call, decided already — it becomes the line's call and rings on, recorded once.
 */
export function promoteWaiting(s: TrackerState, w: WaitingCall, signal: { ring?: string; callerId?: CallerId }, m: Moment): Step {
  let call = w.call;
  if (signal.ring) call = withRing(call, signal.ring, m.at);
  if (signal.callerId) call = withRaw(call, signal.callerId.raw);
  return {
    state: { ...s, waiting: null, phase: { phase: 'decided', call } },
    effects: [{ type: 'clear-timer', timer: 'waiting-silence' }, armSilence(call, m)],
  };
}
