// Plays a generated week through the rig, one call at a time, as the network would deliver it: the host's
// clock jumps to each call's scheduled time, and the real pause between two calls is their scheduled gap
// compressed by the modem's time scale (capped: beyond a few rings every gap looks alike to the line).
import type { CallResult, SimLogEntry } from '../../main/sim/index.ts';
import type { DrillCall, DrillWeek } from './scenario.ts';
import type { Rig } from './rig.ts';

export type PlacedCall = {
  call: DrillCall;
  /** The host's clock when the call was placed (epoch ms): its record starts at or after this. */
  placedAt: number;
  /** The drill's performance.now() when the call began and when the caller's side was over. */
  realStart: number;
  realEnd: number;
  result: CallResult;
  /** Was a host process running when the call was placed. */
  hostUp: boolean;
};

export type PlayHooks = {
  /** Before the call is placed (a fault due at this call starts here). */
  beforeCall?: (call: DrillCall, position: number) => Promise<void> | void;
  /** Right after the simulator took the call (its first ring is on its way). */
  placed?: (call: DrillCall, position: number) => void;
  /** While true, calls come at their scheduled pace in real time (gaps capped at 20 s): a fault that lasts
   *  "a minute" lasts a minute of the week too, not hours of it. */
  realTime?: () => boolean;
};

export type PlayOptions = {
  timeScale: number;
  /** Scheduled gaps longer than this are played as this (simulated ms). */
  gapCapMs?: number;
  /** The shield's quiet period: after a longer jump, wait for the host's housekeeping to end the shield. */
  quietMs?: number;
  hooks?: PlayHooks;
  progress?: (done: number, total: number) => void;
};

const realTimeCapMs = 20_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

export async function playCalls(rig: Rig, week: DrillWeek, calls: readonly DrillCall[], options: PlayOptions): Promise<PlacedCall[]> {
  const cap = options.gapCapMs ?? 4000;
  const quietMs = options.quietMs ?? 60 * 60_000;
  // The host's line needs its settle window between one call's hang-up and the next ring (compressed too).
  const minIdleMs = Math.max(40, Math.round(2000 / options.timeScale));
  const placed: PlacedCall[] = [];
  let prev: { at: number; realStart: number; realEnd: number } | null = null;
  // A call the person picked up, still in progress: waiting calls ring beside it, the rest after it.
  let inProgress: {
    call: DrillCall;
    pending: Promise<CallResult>;
    placedAt: number;
    realStart: number;
    hostUp: boolean;
    position: number;
    mark: number;
  } | null = null;
  const finishInProgress = async () => {
    if (!inProgress) return;
    const { call, pending, placedAt, realStart, hostUp, position } = inProgress;
    inProgress = null;
    const result = await pending;
    const realEnd = performance.now();
    placed.push({ call, placedAt, realStart, realEnd, result, hostUp });
    prev = { at: call.at, realStart, realEnd };
    options.progress?.(position + 1, calls.length);
  };
  let lastFlood = -Infinity;
  let shieldChecked = true;
  for (const [position, call] of calls.entries()) {
    if (call.waiting && inProgress) await answered(rig, inProgress.mark);
    else await finishInProgress();
    if (prev && !call.waiting) {
      const last: { at: number; realStart: number; realEnd: number } = prev;
      // Re-read the pace while waiting: an outage may begin or end during a long pause.
      const due = () => {
        // Back to back: the next caller rings the moment the line is free again, in real time.
        if (call.afterReleaseMs !== undefined && !options.hooks?.realTime?.()) return last.realEnd + call.afterReleaseMs;
        const gap = options.hooks?.realTime?.() ? Math.min(call.at - last.at, realTimeCapMs) : Math.min(call.at - last.at, cap) / options.timeScale;
        return Math.max(last.realStart + gap, last.realEnd + minIdleMs);
      };
      while (performance.now() < due()) await sleep(Math.min(50, due() - performance.now()));
    }
    await options.hooks?.beforeCall?.(call, position);
    let placedAt = await rig.clock(week.start + call.at);
    // Once per quiet stretch: the first call an hour after the flood's last call finds the shield ended.
    if (!shieldChecked && call.at - lastFlood > quietMs) {
      await shieldEnded(rig);
      shieldChecked = true;
      placedAt = await rig.clock(placedAt);
    }
    if (call.kind === 'flood') {
      lastFlood = call.at;
      shieldChecked = false;
    }
    const hostUp = rig.host !== null;
    const realStart = performance.now();
    const mark = call.answered ? (rig.sim.log().at(-1)?.seq ?? 0) : 0;
    const pending = rig.sim.placeCall({
      number: call.number,
      presentation: call.presentation,
      rings: call.rings,
      ...(call.answered ? { answerAfterRings: call.rings } : {}),
      ...(call.waiting ? { waiting: true } : {}),
    });
    options.hooks?.placed?.(call, position);
    if (call.answered) {
      inProgress = { call, pending, placedAt, realStart, hostUp, position, mark };
      continue;
    }
    const result = await pending;
    const realEnd = performance.now();
    placed.push({ call, placedAt, realStart, realEnd, result, hostUp });
    if (!call.waiting) prev = { at: call.at, realStart, realEnd };
    options.progress?.(position + 1, calls.length);
  }
  await finishInProgress();
  return placed;
}

/**
 * Until the simulator's log says the person picked up the call placed after log entry `mark` (not a guess at
 * timing), or 10 s have passed: woken by the entry itself as the simulator writes it, so the waiting call
 * rings at the moment the first one was answered, without copying the log every few milliseconds.
 */
function answered(rig: Rig, mark: number): Promise<void> {
  const isAnswer = (e: SimLogEntry) => e.seq > mark && e.direction === 'event' && e.text.startsWith('answered at the phone');
  return new Promise((resolve) => {
    const done = () => {
      stop();
      clearTimeout(deadline);
      resolve();
    };
    // Listen first, then look at what is already logged: an answer in between is seen by one or the other.
    const stop = rig.sim.onLog((e) => {
      if (isAnswer(e)) done();
    });
    const deadline = setTimeout(done, 10_000);
    if (rig.sim.log().some(isAnswer)) done();
  });
}

/**
 * The service ends the shield in its housekeeping tick (every 2 s real). After the clock jumped over the
 * quiet hour that tick has not run yet, so wait for it, as real time would have.
 */
async function shieldEnded(rig: Rig): Promise<void> {
  const deadline = performance.now() + 5000;
  while (performance.now() < deadline) {
    const host = rig.host;
    if (!host) return;
    try {
      if (!(await host.call('getStatus')).shield.active) return;
    } catch {
      return; // a host going down mid-question: the call goes ahead, and its record says what happened
    }
    await sleep(100);
  }
}
