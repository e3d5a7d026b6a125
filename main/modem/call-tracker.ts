// One line's calls, live: idle → ringing → identified → decided → (rejected | ringing-through | answered)
// → idle. It turns call signals and timers into the Line's events, asks for the decision the moment the
// caller is known, and starts the hang-up before it tells anyone. The modem side (AT+CLCC, hang-up
// commands, parser flush) and the clock come in through `TrackerEnv`, so tests drive it without a port.
import type { CallerId, Decision, LineKind } from '../../shared/domain.ts';
import type { CallerIdSource } from './caller-id.ts';
import { noCallerId, sameIdentity } from './caller-id.ts';
import type { CallSignal } from './caller-id-parser.ts';
import { endedCall, newCall, outcomeOf, takeLastRing, type Call, type EndedCall, type HangupHandle, type LineTiming } from './call.ts';
import { clccCallerId, isRingingIn, type ClccEntry } from './clcc.ts';

export { defaultTiming, type EndedCall, type HangupHandle, type LineTiming } from './call.ts';

export type TrackerEvents = {
  'call-started': { key: string; lineId: string; wallClock: Date; at: number };
  'caller-id': { key: string; lineId: string; callerId: CallerId; at: number };
  decided: { key: string; lineId: string; callerId: CallerId; decision: Decision; at: number };
  'hangup-sent': { key: string; command: string; at: number };
  'call-ended': EndedCall;
  warning: { code: string; message: string };
};

export type TrackerEnv = {
  lineId: string;
  kind: () => LineKind;
  clock: () => number;
  wallClock: () => Date;
  timing: LineTiming;
  setTimer: (fn: () => void, ms: number) => () => void;
  decide: (callerId: CallerId, call: { key: string; lineId: string }) => Decision;
  /** Starts the hang-up; must write its first command before returning when the modem is idle. */
  hangup: (action: Decision['action'], callerId: CallerId, onWritten: (command: string, at: number) => void) => HangupHandle;
  queryClcc: () => Promise<ClccEntry[] | null>;
  /** Ask the parser to report a pending landline block now (its signals come back through `signal`). */
  flushBlock: () => void;
  emit: <E extends keyof TrackerEvents>(event: E, payload: TrackerEvents[E]) => void;
  /** A call rang with no caller ID at all: the modem may have dropped it (re-enable it). */
  callerIdMissing: () => void;
};

export function createCallTracker(env: TrackerEnv) {
  let call: Call | null = null;
  let settle: { until: number; callerId: CallerId | null } | null = null;
  // A ring that came while settling after a hang-up: stale, or the next call's first ring. The next
  // call's caller ID, if it follows soon, claims it.
  let heldRing: { at: number; line: string } | null = null;
  const carryWindow = () => (env.kind() === 'gsm' ? env.timing.clipWaitMs : env.timing.ringSilenceLandlineMs * 0.45);

  const start = (): Call => {
    const c = newCall(env.lineId, env.clock(), env.wallClock());
    call = c;
    settle = null;
    return c;
  };

  const end = (c: Call, how: { lost?: boolean } = {}) => {
    if (call !== c) return;
    call = null;
    c.stopSilence?.();
    c.stopWait?.();
    c.hangup?.cancel();
    const now = env.clock();
    const outcome = outcomeOf(c, how.lost ?? false);
    if (outcome === 'rejected') {
      if (c.at.hangupConfirmed === null) c.at.hangupConfirmed = now;
      settle = { until: now + env.timing.settleMs, callerId: c.callerId };
      // A ring after our hang-up command went out is most likely the next call's (a bomber redialling).
      if (c.lastRingAt !== null && c.at.hangupSent !== null && c.lastRingAt > c.at.hangupSent) heldRing = takeLastRing(c);
    }
    env.emit('call-ended', endedCall(c, env.lineId, outcome, now));
    if (!how.lost && (c.source === null || c.callerId?.presentation === 'none')) env.callerIdMissing();
  };

  const armSilence = (c: Call) => {
    c.stopSilence?.();
    const ms = env.kind() === 'gsm' ? env.timing.ringSilenceGsmMs : env.timing.ringSilenceLandlineMs;
    c.stopSilence = env.setTimer(() => end(c), ms);
  };

  const hangUp = (c: Call, decision: Decision, callerId: CallerId) => {
    let announced = false;
    const handle = env.hangup(decision.action, callerId, (command, at) => {
      if (c.at.hangupSent !== null) return; // a fallback step: the first write is the one that counts
      c.at.hangupSent = at;
      c.hangupCommand = command;
      if (announced) env.emit('hangup-sent', { key: c.key, command, at });
    });
    c.hangup = handle;
    handle.done.then(
      (result) => {
        if (call !== c) return;
        if (result.ok) {
          c.hangupCommand = result.command;
          c.at.hangupConfirmed = env.clock();
          end(c);
        } else {
          c.hangupFailed = true;
          env.emit('warning', { code: 'hangup-failed', message: `Could not hang up the call (tried ${result.tried.join(', ')}); it rings through.` });
        }
      },
      () => {},
    );
    return {
      announce() {
        announced = true;
        if (c.at.hangupSent !== null && c.hangupCommand) env.emit('hangup-sent', { key: c.key, command: c.hangupCommand, at: c.at.hangupSent });
      },
    };
  };

  /** The caller is known (or known to be unknowable): decide, hang up first, then tell. */
  const identify = (c: Call, callerId: CallerId, source: CallerIdSource, opts: { announceStart?: boolean } = {}) => {
    c.stopWait?.();
    c.stopWait = null;
    c.callerId = callerId;
    c.source = source;
    c.at.callerId = env.clock();
    let decision: Decision;
    try {
      decision = env.decide(callerId, { key: c.key, lineId: env.lineId });
    } catch (error) {
      decision = { action: 'allow', reason: 'default', ruleId: null, ruleLabel: null, text: { en: 'Screening failed; the call rings through.', zh: '筛选失败，来电正常响铃。' } };
      env.emit('warning', { code: 'decide-failed', message: `Screening failed: ${(error as Error).message}` });
    }
    c.decision = decision;
    c.at.decision = env.clock();
    const hanging = decision.action === 'reject' || decision.action === 'answer-hangup' ? hangUp(c, decision, callerId) : null;
    if (opts.announceStart) announceStart(c);
    env.emit('caller-id', { key: c.key, lineId: env.lineId, callerId, at: c.at.callerId });
    env.emit('decided', { key: c.key, lineId: env.lineId, callerId, decision, at: c.at.decision });
    hanging?.announce();
  };

  const announceStart = (c: Call) => env.emit('call-started', { key: c.key, lineId: env.lineId, wallClock: c.startedAt, at: c.t0 });

  const askClcc = (c: Call) => {
    if (c.clccAsked || call !== c || c.callerId) return;
    c.clccAsked = true;
    void env.queryClcc().then((entries) => {
      if (call !== c || c.callerId) return;
      if (entries === null) return identify(c, noCallerId(c.raw), 'none');
      const ringing = entries.find(isRingingIn);
      // An empty list: the line is idle, the caller gave up before we could ask.
      if (entries.length === 0) return end(c);
      const id = ringing ? clccCallerId(ringing) : null;
      if (id) {
        c.raw.push(...id.raw);
        return identify(c, id, 'clcc');
      }
      identify(c, noCallerId(c.raw), 'none');
    });
  };

  const ring = (line: string) => {
    const now = env.clock();
    if (!call && settle && now < settle.until) {
      heldRing = { at: now, line }; // the call we just hung up, or the next one: its caller ID will tell
      return;
    }
    heldRing = null;
    const c = call ?? start();
    c.raw.push(line);
    c.rings++;
    c.lastRingAt = now;
    if (c.callerId !== null) c.ringsSinceId++;
    if (c.at.firstRing === null) c.at.firstRing = now;
    if (c.rings === 1 && c.callerId === null) announceStart(c);
    armSilence(c);
    if (c.callerId !== null || c.hangup) return;
    if (env.kind() === 'gsm') {
      if (!c.stopWait && !c.clccAsked) c.stopWait = env.setTimer(() => askClcc(c), env.timing.clipWaitMs);
    } else if (c.rings >= 2) {
      // The landline caller-ID burst comes between ring 1 and ring 2: it is not coming now.
      identify(c, noCallerId(c.raw), 'none');
    }
  };

  /**
   * Takes back the latest ring of a call that is ending because another caller appeared, when that ring
   * came after the old call's caller ID and just before the new one: on GSM +CLIP follows its RING within
   * milliseconds, on a landline the block comes a second or two after ring 1.
   */
  const carryRing = (c: Call, now: number): { at: number; line: string } | null =>
    c.lastRingAt === null || c.ringsSinceId === 0 || now - c.lastRingAt > carryWindow() ? null : takeLastRing(c);

  const callerIdArrived = (callerId: CallerId, source: CallerIdSource) => {
    const now = env.clock();
    const rejected = settle && now < settle.until ? settle.callerId : null;
    if (!call && rejected && rejected.presentation !== 'none' && sameIdentity(rejected, callerId)) return; // its repeat
    let c = call;
    let carried: { at: number; line: string } | null = !call && heldRing && now - heldRing.at <= carryWindow() ? heldRing : null;
    heldRing = null;
    if (c?.callerId) {
      const known = c.callerId;
      // A landline sends its caller-ID block once per call: another block after a ring is the next call,
      // even from the same number (a call bomber redialling before the ring silence ran out).
      const nextLandlineCall = env.kind() === 'landline' && source !== 'clcc' && source !== 'missed-call' && c.ringsSinceId > 0;
      const repeat = sameIdentity(known, callerId) || (known.number !== null && known.number === callerId.number && callerId.name === null);
      if (repeat && !nextLandlineCall) {
        c.raw.push(...callerId.raw); // repeated on a later ring: never a second decision
        return;
      }
      const upgrade = known.presentation === 'none' && env.kind() === 'gsm' && !c.hangup;
      if (!upgrade) {
        carried = carryRing(c, now);
        end(c);
        c = null;
      } else {
        // +CLIP after we already decided with nothing to go on: the same ringing call, decide again.
        c.raw.push(...callerId.raw);
        identify(c, callerId, source);
        return;
      }
    }
    if (!c) {
      // Caller ID before any ring (UK landlines, some GSM firmware): the call starts with its identity.
      c = start();
      if (carried) {
        // The ring just before this caller ID was the new call's first ring, not the old call's last.
        c.t0 = carried.at;
        c.startedAt = new Date(c.startedAt.getTime() - (now - carried.at));
        c.at.firstRing = carried.at;
        c.lastRingAt = carried.at;
        c.rings = 1;
        c.raw.push(carried.line);
      }
      c.raw.push(...callerId.raw);
      armSilence(c);
      return identify(c, callerId, source, { announceStart: true });
    }
    c.raw.push(...callerId.raw);
    identify(c, callerId, source);
  };

  return {
    signal(s: CallSignal) {
      switch (s.kind) {
        case 'ring':
          return ring(s.line);
        case 'caller-id':
          return callerIdArrived(s.callerId, s.source);
        case 'caller-id-amended':
          // A late field (NAME after the wait): the record gets it; the decision stands.
          if (call?.callerId) {
            call.callerId = s.callerId;
            call.raw.push(...s.callerId.raw.slice(-1));
          }
          return;
        case 'block-progress': {
          if (!s.number) return;
          if (s.name) return env.flushBlock();
          if (call) {
            call.stopWait?.();
            call.stopWait = env.setTimer(() => env.flushBlock(), env.timing.nameWaitMs);
          } else {
            // UK: the block comes before the first ring; there is no call yet to hang the timer on.
            const stop = env.setTimer(() => env.flushBlock(), env.timing.nameWaitMs);
            void stop;
          }
          return;
        }
        case 'answered':
          if (call) {
            call.answered = true;
            call.raw.push(s.line);
          }
          return;
        case 'call-end': {
          const c = call;
          if (!c) {
            // The modem confirmed the end of the call we hung up: whatever rings next is a new call.
            settle = null;
            heldRing = null;
            return;
          }
          c.raw.push(s.line);
          if (!c.callerId && s.callerId) {
            c.callerId = s.callerId;
            c.source = 'missed-call';
          }
          // Our own hang-up in progress makes the modem say NO CARRIER/^CEND: the hang-up result ends it.
          if (c.hangup && c.at.hangupConfirmed === null && !c.hangupFailed) {
            c.at.hangupConfirmed = env.clock();
          }
          return end(c);
        }
      }
    },
    /** The port went away: a call in progress ends as 'line-lost'. */
    lineLost() {
      if (call) end(call, { lost: true });
      settle = null;
    },
    active: () => call !== null,
    /** Nothing is pending on the modem for a call (the Line may poll the modem). */
    idle: () => call === null,
  };
}

export type CallTracker = ReturnType<typeof createCallTracker>;
