// The call tracker's imperative shell: feeds call signals, timers and the modem's answers to the pure step
// function (call-state.ts) and carries out the effects it returns — timers, the screening engine's
// decision, the hang-up, AT+CLCC, the landline block flush and the Line's events. The modem side and the
// clock come in through `TrackerEnv`, so tests drive it without a port.
import type { CallerId, Decision, GateReport, LineKind } from '../../shared/domain.ts';
import type { CallSignal } from './caller-id-parser.ts';
import type { HangupHandle, LineTiming } from './call.ts';
import {
  currentCall,
  initialState,
  step,
  stillReleasing,
  type TimerName,
  type TrackerEffect,
  type TrackerEvents,
  type TrackerInput,
  type TrackerState,
} from './call-state.ts';
import type { ClccEntry } from './clcc.ts';
import { screeningFailedText } from './texts.ts';

export { defaultTiming, type EndedCall, type HangupHandle, type LineTiming } from './call.ts';
export type { TrackerEvents } from './call-state.ts';

/** What a running hang-up tells the tracker, and asks it. */
export type HangupCallbacks = {
  /** A command of the hang-up was handed to the port (the first write is the one the record keeps). */
  onWritten: (command: string, at: number) => void;
  /** The modem acknowledged a release command (OK): from now on a ring or caller ID is the next call's. */
  onAcknowledged: () => void;
  /** Verification found the call still ringing after that OK: the next method follows. */
  onStillRinging: () => void;
  /** False once something newer took the line (the next call rang): verifying the old call would mistake it. */
  stillOurs: () => boolean;
};

export type TrackerEnv = {
  lineId: string;
  kind: () => LineKind;
  clock: () => number;
  wallClock: () => Date;
  timing: LineTiming;
  setTimer: (fn: () => void, ms: number) => () => void;
  decide: (callerId: CallerId, call: { key: string; lineId: string }) => Decision;
  /** True when the caller will be hung up whatever name follows (landline: act on the number alone). */
  hangsUpWhateverName?: (callerId: CallerId, call: { key: string; lineId: string }) => boolean;
  /** Starts the hang-up; must write its first command before returning when the modem is idle. */
  hangup: (action: Decision['action'], callerId: CallerId, callbacks: HangupCallbacks, key: string) => HangupHandle;
  queryClcc: () => Promise<ClccEntry[] | null>;
  /** Releases the waiting call only (AT+CHLD=0); the call in progress stays. */
  releaseWaiting?: (callbacks: Pick<HangupCallbacks, 'onWritten'>) => HangupHandle;
  /** Ask the parser to report a pending landline block now (its signals come back through `signal`). */
  flushBlock: () => void;
  emit: <E extends keyof TrackerEvents>(event: E, payload: TrackerEvents[E]) => void;
  /** A call rang with no caller ID at all: the modem may have dropped it (re-enable it). */
  callerIdMissing: () => void;
  /** Runs the pass gate on the call (the decision said `gate`); `done` must be called exactly once. */
  gate?: (callerId: CallerId, key: string, done: (report: GateReport) => void) => { cancel(): void };
};

/** What a gate that could not start reports: the call is then released like a rejected one. */
const gateUnavailable = (detail: string): GateReport => ({
  method: 'simcom-tts',
  result: 'error',
  asked: null,
  pressed: null,
  heldMs: null,
  waitSeconds: 0,
  detail,
});

const screeningFailed: Decision = {
  action: 'allow',
  reason: 'default',
  ruleId: null,
  ruleLabel: null,
  text: screeningFailedText(),
};

export function createCallTracker(env: TrackerEnv) {
  let state: TrackerState = initialState(env.lineId);
  // Inputs wait here while a step's effects run: an effect that produces an input (the hang-up writing its
  // first command, the parser flushing a block) never re-enters a step half done.
  const queue: TrackerInput[] = [];
  let running = false;

  const moment = () => ({ at: env.clock(), wall: env.wallClock(), kind: env.kind(), timing: env.timing });

  const loop: StepLoop = {
    dispatch(input) {
      queue.push(input);
      if (running) return;
      running = true;
      try {
        for (let next = queue.shift(); next; next = queue.shift()) run(next);
      } finally {
        running = false;
      }
    },
    answerFirst: (input) => void queue.unshift(input),
    answerLast: (input) => void queue.push(input),
    state: () => state,
  };

  const perform = effectRunner(env, loop);
  const run = (input: TrackerInput) => {
    const r = step(state, input, moment());
    state = r.state;
    for (const effect of r.effects) perform(effect);
  };

  return {
    signal(s: CallSignal) {
      loop.dispatch({ type: 'signal', signal: s });
    },
    /** The port went away: a call in progress ends as 'line-lost'. */
    lineLost() {
      loop.dispatch({ type: 'line-lost' });
    },
    active: () => currentCall(state) !== null,
    /** Nothing is pending on the modem for a call (the Line may poll the modem). */
    idle: () => currentCall(state) === null && state.waiting === null,
    /** The state, for tests and diagnostics. */
    state: () => state,
  };
}

/** How an effect hands its result back to the step function. */
type StepLoop = {
  /** From outside a step (a timer, the modem's answer): runs now, or after the step in progress. */
  dispatch(input: TrackerInput): void;
  /** The answer to the effect being performed, taken before anything already queued. */
  answerFirst(input: TrackerInput): void;
  /** The answer to the effect being performed, taken after what is already queued. */
  answerLast(input: TrackerInput): void;
  state(): TrackerState;
};

type Effect<T extends TrackerEffect['type']> = Extract<TrackerEffect, { type: T }>;

/** Carries out each effect a step returns, through the piece that owns that kind of effect. */
function effectRunner(env: TrackerEnv, loop: StepLoop): (e: TrackerEffect) => void {
  const timers = timerEffects(env, loop);
  const screening = screeningQuestions(env, loop);
  const release = releaseEffects(env, loop);
  const gates = gateEffects(env, loop);
  return (e) => {
    switch (e.type) {
      case 'emit':
        return env.emit(e.event, e.payload as never);
      case 'set-timer':
        return timers.set(e);
      case 'clear-timer':
        return timers.clear(e);
      case 'decide':
        return screening.decide(e);
      case 'ask-final':
        return screening.askFinal(e);
      case 'hang-up':
        return release.hangUp(e);
      case 'release-waiting':
        return release.releaseWaiting(e);
      case 'cancel-hang-up':
        return release.cancel(e);
      case 'query-clcc': {
        const key = e.key;
        void env.queryClcc().then((entries) => loop.dispatch({ type: 'clcc', key, entries }));
        return;
      }
      case 'flush-block':
        return env.flushBlock();
      case 'caller-id-missing':
        return env.callerIdMissing();
      case 'gate':
        return gates.start(e);
      case 'cancel-gate':
        return gates.cancel(e);
    }
  };
}

/** The step's timers (ring silence, the caller-ID and name waits): one of each at a time, firing back as inputs. */
function timerEffects(env: TrackerEnv, loop: StepLoop) {
  const timers = new Map<TimerName, () => void>();
  return {
    set(e: Effect<'set-timer'>) {
      timers.get(e.timer)?.();
      const { timer, key } = e;
      timers.set(
        timer,
        env.setTimer(() => {
          timers.delete(timer);
          loop.dispatch({ type: 'timer', timer, key });
        }, e.ms),
      );
    },
    clear(e: Effect<'clear-timer'>) {
      timers.get(e.timer)?.();
      timers.delete(e.timer);
    },
  };
}

/**
 * The screening engine's answers: the decision for a caller, and whether a landline number alone already
 * decides a hang-up. A failure never stops the call: the decision becomes "allow" with a warning.
 */
function screeningQuestions(env: TrackerEnv, loop: StepLoop) {
  return {
    decide(e: Effect<'decide'>) {
      let decision: Decision;
      try {
        decision = env.decide(e.callerId, { key: e.key, lineId: env.lineId });
      } catch (error) {
        decision = screeningFailed;
        env.emit('warning', { code: 'decide-failed', message: `Screening failed: ${(error as Error).message}` });
      }
      // Answered at once, ahead of anything queued: the hang-up must not wait behind other inputs.
      loop.answerFirst({ type: 'decided', key: e.key, decision });
    },
    askFinal(e: Effect<'ask-final'>) {
      let hangsUp = false;
      try {
        hangsUp = env.hangsUpWhateverName?.(e.callerId, { key: e.key, lineId: env.lineId }) ?? false;
      } catch (error) {
        // Not knowing is not failing: the name wait decides as it always did.
        env.emit('warning', { code: 'decide-failed', message: `Screening could not say whether the name matters: ${(error as Error).message}` });
      }
      loop.answerFirst({ type: 'final', key: e.key, hangsUp });
    },
  };
}

/** Releasing calls: the hang-up of the call (its progress reported back as inputs) and of a waiting call. */
function releaseEffects(env: TrackerEnv, loop: StepLoop) {
  const hangups = new Map<string, HangupHandle>();
  return {
    hangUp(e: Effect<'hang-up'>) {
      const key = e.key;
      const handle = env.hangup(
        e.action,
        e.callerId,
        {
          onWritten: (command, at) => loop.dispatch({ type: 'hangup-written', key, command, at }),
          onAcknowledged: () => loop.dispatch({ type: 'hangup-acknowledged', key }),
          onStillRinging: () => loop.dispatch({ type: 'hangup-still-ringing', key }),
          stillOurs: () => stillReleasing(loop.state(), key),
        },
        key,
      );
      hangups.set(key, handle);
      handle.done.then(
        (result) => {
          hangups.delete(key);
          loop.dispatch({ type: 'hangup-done', key, result });
        },
        () => hangups.delete(key),
      );
    },
    releaseWaiting(e: Effect<'release-waiting'>) {
      const key = e.key;
      const handle = env.releaseWaiting?.({ onWritten: (command, at) => loop.dispatch({ type: 'hangup-written', key, command, at }) }) ?? {
        done: Promise.resolve({ ok: false as const, tried: [] }),
        cancel() {},
      };
      handle.done.then(
        (result) => loop.dispatch({ type: 'hangup-done', key, result }),
        () => {},
      );
    },
    cancel(e: Effect<'cancel-hang-up'>) {
      hangups.get(e.key)?.cancel();
    },
  };
}

/** The pass gate on a call the decision sent there: its report comes back once, as an input. */
function gateEffects(env: TrackerEnv, loop: StepLoop) {
  const gates = new Map<string, { cancel(): void }>();
  return {
    start(e: Effect<'gate'>) {
      const key = e.key;
      if (!env.gate) {
        loop.answerLast({ type: 'gate-done', key, report: gateUnavailable('this line cannot gate') });
        return;
      }
      let finished = false;
      const handle = env.gate(e.callerId, key, (report) => {
        if (finished) return;
        finished = true;
        gates.delete(key);
        loop.dispatch({ type: 'gate-done', key, report });
      });
      if (!finished) gates.set(key, handle);
    },
    cancel(e: Effect<'cancel-gate'>) {
      gates.get(e.key)?.cancel();
    },
  };
}

export type CallTracker = ReturnType<typeof createCallTracker>;
