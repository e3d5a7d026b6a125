// A real Line on a real pty (or, given `openPort`, another port), with short timings, recording every
// event it emits in order.
import type { CallerId, Decision, HangupMethod, LineStatus } from '../../../../shared/domain.ts';
import { openLine, type EndedCall, type Line, type LineEvents, type LineGateOptions, type LineTiming, type PortFactory } from '../../../../main/modem/index.ts';
import { decision } from './tracker-rig.ts';

export const fastTiming = { clipWaitMs: 150, nameWaitMs: 60, ringSilenceGsmMs: 600, ringSilenceLandlineMs: 600, hangupPauseMs: 30, settleMs: 150 };

export type Recorded = { event: keyof LineEvents; payload: unknown };

export function lineRig(
  path: string,
  options: {
    /** `'gate'`: the pass gate's decision (answer-hangup, reason gate), given only where the line can gate. */
    decide?: (c: CallerId) => Decision['action'] | 'gate';
    gate?: LineGateOptions;
    hangupMethod?: HangupMethod;
    recheckCallerIdEveryMs?: number;
    commandTimeoutMs?: number;
    timing?: Partial<LineTiming>;
    hangsUpWhateverName?: (c: CallerId) => boolean;
    openPort?: PortFactory;
  } = {},
) {
  const events: Recorded[] = [];
  const log: string[] = [];
  const waiters = new Set<() => void>();
  const line: Line = openLine({
    id: 'line-1',
    path,
    ...(options.openPort ? { openPort: options.openPort } : {}),
    decide: (callerId, call) => {
      const action = options.decide?.(callerId) ?? 'allow';
      if (action !== 'gate') return decision(action);
      return call.canGate ? { ...decision('answer-hangup'), reason: 'gate' } : decision('reject');
    },
    ...(options.gate ? { gate: options.gate } : {}),
    ...(options.hangsUpWhateverName ? { hangsUpWhateverName: options.hangsUpWhateverName } : {}),
    hangupMethod: options.hangupMethod ?? 'auto',
    commandTimeoutMs: options.commandTimeoutMs ?? 400,
    reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
    ...(options.recheckCallerIdEveryMs ? { recheckCallerIdEveryMs: options.recheckCallerIdEveryMs } : {}),
    timing: { ...fastTiming, ...options.timing },
    log: (e) => {
      log.push(`${e.dir} ${e.text}`);
      for (const w of [...waiters]) w();
    },
  });
  for (const event of ['status', 'call-started', 'caller-id', 'decided', 'hangup-sent', 'call-ended', 'warning'] as const) {
    line.on(event, (payload: unknown) => {
      events.push({ event, payload });
      for (const w of [...waiters]) w();
    });
  }

  /** Resolves with the first recorded event (past or future) matching, or fails after a timeout. */
  const waitFor = <T>(event: keyof LineEvents, test: (payload: T) => boolean = () => true, timeoutMs = 5000, after = 0): Promise<T> =>
    new Promise((resolve, reject) => {
      const find = () => events.slice(after).find((e) => e.event === event && test(e.payload as T));
      const check = () => {
        const hit = find();
        if (!hit) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(hit.payload as T);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching '${event}' event within ${timeoutMs} ms; got ${events.map((e) => e.event).join(', ')}\n${log.slice(-30).join('\n')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  /** Resolves when the line has logged this entry (e.g. `in RING`) at or after index `after`. */
  const waitForLog = (entry: string, after = 0, timeoutMs = 5000): Promise<number> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const i = log.indexOf(entry, after);
        if (i === -1) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(i);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`the line never logged "${entry}"; last entries:\n${log.slice(-20).join('\n')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    line,
    waitForLog,
    events,
    log,
    waitFor,
    waitForState: (state: LineStatus['state'], after = 0) => waitFor<LineStatus>('status', (s) => s.state === state, 5000, after),
    ended: () => events.filter((e) => e.event === 'call-ended').map((e) => e.payload as EndedCall),
    order: (key: string) => events.filter((e) => (e.payload as { key?: string }).key === key).map((e) => e.event),
  };
}
