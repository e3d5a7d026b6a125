// The call tracker's state union, its inputs and its effects: the vocabulary of call-state.ts's step
// function, typed once. Types only; the transitions live in call-steps.ts and waiting-call.ts.
import type { Action, CallerId, Decision, GateReport, LineKind } from '../../shared/domain.ts';
import type { CallSignal } from './caller-id-parser.ts';
import type { Call, EndedCall, LineTiming } from './call.ts';
import type { ClccEntry } from './clcc.ts';
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
/**
 * The pass gate has the call (answered, prompting, reading a key); `callerGone` once the caller hung up
 * under it — the gate is told to stop, and its report ends the call without a hang-up.
 */
export type Gating = { readonly phase: 'gating'; readonly call: Call; readonly callerGone: boolean };
export type Phase = Idle | Ringing | Identified | Deciding | Decided | Releasing | Gating;

/**
 * A second caller announced while a call is in progress (GSM +CCWA; a landline's call-waiting caller ID): it
 * has its own decision and record, beside whatever the line's own call is doing. `releasing`: AT+CHLD=0
 * sent; `let-through`: it waits (or rings, once the call in progress ends) until it ends.
 */
export type WaitingCall = { readonly call: Call; readonly status: 'deciding' | 'releasing' | 'let-through' };

export type TrackerState = { readonly lineId: string; readonly seq: number; readonly phase: Phase; readonly waiting: WaitingCall | null };

export type TimerName = 'silence' | 'clip-wait' | 'name-wait' | 'waiting-silence';

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
  | { type: 'line-lost' }
  /** The pass gate handed the call back with its report. */
  | { type: 'gate-done'; key: string; report: GateReport };

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
  /** Release the waiting call only (AT+CHLD=0), leaving the call in progress alone; answered with hang-up inputs. */
  | { type: 'release-waiting'; key: string }
  | { type: 'query-clcc'; key: string }
  /** Have the parser report the pending landline block now (its signals come back as inputs). */
  | { type: 'flush-block' }
  /** A call rang with no caller ID at all: the modem may have dropped it (the shell re-enables it). */
  | { type: 'caller-id-missing' }
  /** Run the pass gate on this call (answered with `gate-done`). */
  | { type: 'gate'; key: string; callerId: CallerId }
  /** The call ended under the gate: stop it (its report still comes back as `gate-done`). */
  | { type: 'cancel-gate'; key: string };

export type Step = { state: TrackerState; effects: TrackerEffect[] };
