// A call tracker on virtual time with a scripted modem side, so the state machine is tested without a port.
import type { CallerId, Decision, GateReport, LineKind } from '../../../../shared/domain.ts';
import { createCallerIdParser } from '../../../../main/modem/caller-id-parser.ts';
import { createCallTracker, defaultTiming, type TrackerEvents } from '../../../../main/modem/call-tracker.ts';
import type { ClccEntry } from '../../../../main/modem/clcc.ts';
import type { HangupResult } from '../../../../main/modem/hangup.ts';

export const decision = (action: Decision['action']): Decision => ({
  action,
  reason: 'default',
  ruleId: null,
  ruleLabel: null,
  text: { en: action, zh: action },
});

/** `'gate'`: the decision the pass gate gets (answer-hangup, reason gate). */
export function trackerRig(
  kind: LineKind,
  decide: (c: CallerId) => Decision['action'] | 'gate' = () => 'allow',
  options: { hangsUpWhateverName?: (c: CallerId) => boolean } = {},
) {
  let now = 0;
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  const log: string[] = [];
  const events: { event: keyof TrackerEvents; payload: unknown }[] = [];
  const hangups: { action: string; finish: (r: HangupResult) => void; ack: () => void; stillOurs: () => boolean }[] = [];
  const releases: { finish: (r: HangupResult) => void }[] = [];
  const gates: { key: string; finish: (r: GateReport) => void; cancelled: boolean }[] = [];
  let clccReply: ClccEntry[] | null = null;
  let clccAsked = 0;
  let missing = 0;
  const parser = createCallerIdParser();

  const tracker = createCallTracker({
    lineId: 'line-1',
    kind: () => kind,
    clock: () => now,
    wallClock: () => new Date(0),
    timing: defaultTiming,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => (t.live = false);
    },
    ...(options.hangsUpWhateverName ? { hangsUpWhateverName: options.hangsUpWhateverName } : {}),
    decide: (callerId) => {
      log.push(`decide ${callerId.presentation} ${callerId.number}`);
      const action = decide(callerId);
      return action === 'gate' ? { ...decision('answer-hangup'), reason: 'gate' } : decision(action);
    },
    gate: (_callerId, key, done) => {
      log.push('gate');
      const g = { key, finish: done, cancelled: false };
      gates.push(g);
      return { cancel: () => (g.cancelled = true) };
    },
    hangup: (action, _callerId, callbacks) => {
      log.push(`hangup-written ${action}`);
      callbacks.onWritten(kind === 'gsm' ? 'AT+CHUP' : 'ATH1', now);
      let finish!: (r: HangupResult) => void;
      const done = new Promise<HangupResult>((r) => (finish = r));
      hangups.push({ action, finish, ack: callbacks.onAcknowledged, stillOurs: callbacks.stillOurs });
      return { done, cancel() {} };
    },
    releaseWaiting: ({ onWritten }) => {
      log.push('release-waiting AT+CHLD=0');
      onWritten('AT+CHLD=0', now);
      let finish!: (r: HangupResult) => void;
      const done = new Promise<HangupResult>((r) => (finish = r));
      releases.push({ finish });
      return { done, cancel() {} };
    },
    queryClcc: async () => {
      clccAsked++;
      return clccReply;
    },
    flushBlock: () => parser.flush().forEach((s) => tracker.signal(s)),
    emit: (event, payload) => {
      log.push(`emit ${event}`);
      events.push({ event, payload });
    },
    callerIdMissing: () => missing++,
  });

  return {
    tracker,
    log,
    events,
    hangups,
    releases,
    gates,
    /** Lines from the modem, through the real parser. */
    modem: (...lines: string[]) => lines.forEach((l) => parser.push(l).forEach((s) => tracker.signal(s))),
    /** Moves virtual time on, firing due timers in order. */
    advance: async (ms: number) => {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        due.live = false;
        due.fn();
        await new Promise((r) => setImmediate(r));
      }
      now = end;
      await new Promise((r) => setImmediate(r));
    },
    setClcc: (entries: ClccEntry[] | null) => (clccReply = entries),
    get clccAsked() {
      return clccAsked;
    },
    get missing() {
      return missing;
    },
    ended: () => events.filter((e) => e.event === 'call-ended').map((e) => e.payload as TrackerEvents['call-ended']),
    count: (event: keyof TrackerEvents) => events.filter((e) => e.event === event).length,
  };
}
