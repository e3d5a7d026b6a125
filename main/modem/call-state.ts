// The call tracker's functional core: one line's calls as an explicit state union and a pure step function
// `step(state, input, moment) → { state, effects }`. The shell (call-tracker.ts) owns the timers, asks the
// screening engine, runs the hang-up and emits the events the effects name; nothing here reads a clock or
// touches the modem, so every transition is tested on virtual time (test/main/modem/call-tracker.test.ts,
// call-state.test.ts). The types are in call-types.ts, the line's own call in call-steps.ts, a second caller
// announced by call waiting in waiting-call.ts (it lives beside the phase, in `state.waiting`).
//
//                                                      ┌──gate──▶ gating (answered, prompt, key) ──▶ releasing / idle
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
import type { Call } from './call.ts';
import { andThen, endCall, noStep } from './call-effects.ts';
import { clccAnswer, decided, finalAnswer, gateDone, hangup, signal, timer } from './call-steps.ts';
import type { Moment, Step, TrackerInput, TrackerState } from './call-types.ts';
import { endWaiting, waitingDecided } from './waiting-call.ts';

export type { Emit, Moment, Phase, Step, TimerName, TrackerEffect, TrackerEvents, TrackerInput, TrackerState, WaitingCall } from './call-types.ts';

export const initialState = (lineId: string): TrackerState => ({ lineId, seq: 0, phase: { phase: 'idle' }, waiting: null });

/** The line's call in progress, whatever its phase. */
export const currentCall = (s: TrackerState): Call | null => (s.phase.phase === 'idle' ? null : s.phase.call);

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
      if (s.waiting?.call.key === input.key && s.waiting.status === 'deciding') return waitingDecided(s, s.waiting, input.decision, m);
      return p.phase === 'deciding' && p.call.key === input.key ? decided(s, p, input.decision, m) : noStep(s);
    case 'final':
      return finalAnswer(s, input.key, input.hangsUp);
    case 'hangup-written':
    case 'hangup-acknowledged':
    case 'hangup-still-ringing':
    case 'hangup-done':
      return hangup(s, input, m);
    case 'gate-done':
      return gateDone(s, input.key, input.report, m);
    case 'line-lost': {
      const gate: Step = p.phase === 'gating' ? { state: s, effects: [{ type: 'cancel-gate', key: p.call.key }] } : noStep(s);
      const first: Step = p.phase === 'idle' ? noStep(s) : andThen(gate, (s0) => endCall(s0, p.call, m, { lost: true, releasing: p.phase === 'releasing' }));
      return andThen(first, (s1) => (s1.waiting ? endWaiting(s1, s1.waiting, m, true) : noStep(s1)));
    }
  }
}

/** For the hang-up's verification: is this call still the one being released, with nothing new since? */
export const stillReleasing = (s: TrackerState, key: string): boolean => s.phase.phase === 'releasing' && s.phase.call.key === key;
