// The faults the issue lists, each as a driver that runs beside the calls: it starts at a chosen call,
// acts on the simulator or the host in real time (recovery is real time, whatever the clock says), and
// writes down every disruption — when it began, when the modem (or the host) was answering again — so the
// assessment can measure how fast screening resumed and account for each call lost in flight.
import { seededRandom } from '../../main/sim/random.ts';
import type { PlayHooks } from './play.ts';
import type { Rig } from './rig.ts';
import type { DrillCall } from './scenario.ts';

export const faultNames = ['unplug', 'freeze', 'garbage', 'echo', 'kill', 'store'] as const;
export type FaultName = (typeof faultNames)[number];

/** A span of real time (the drill's performance.now()) during which the line or the host was broken. */
export type Disruption = {
  kind: string;
  from: number;
  /** When the modem or the host was answering again; equal to `from` for a one-off event (a burst of noise). */
  to: number;
  /** Screening must resume within the limit after `to` (a replug, the end of a freeze, a restarted host). */
  measureResume: boolean;
  /** Calls caught in it may go unrecorded (the host could not hear them); false: every call must be kept. */
  excusesLoss: boolean;
};

export type FaultTiming = {
  /** unplug: one cycle every `unplugEveryMs`, the dongle out for `unplugForMs`. */
  unplugEveryMs: number;
  unplugForMs: number;
  freezeMs: number;
  /** store: how long writes fail. */
  storeFailMs: number;
  kills: number;
  echoEveryMs: number;
  garbageEveryMs: { min: number; max: number };
};

export const fullTiming: FaultTiming = {
  unplugEveryMs: 30_000,
  unplugForMs: 5_000,
  freezeMs: 20_000,
  storeFailMs: 60_000,
  kills: 3,
  echoEveryMs: 10_000,
  garbageEveryMs: { min: 150, max: 600 },
};

export type FaultDriver = {
  hooks: PlayHooks;
  readonly disruptions: Disruption[];
  /** Stops the fault and puts everything back (plugged, unfrozen, host up, store writable). */
  finish(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Where a fault starts: the first call of the slice's second episode (the line has seen a whole incident
 * before), or the middle of the slice when it has only one.
 */
export function faultStart(calls: readonly DrillCall[]): number {
  const episodes = [...new Set(calls.filter((c) => c.kind === 'flood').map((c) => c.episode))];
  const target = episodes.length > 1 ? calls.findIndex((c) => c.kind === 'flood' && c.episode === episodes[1]) : Math.floor(calls.length / 2);
  return Math.max(1, target);
}

/** Resolves once the host says every line is ready again (or after 30 s: the run's checks will say why). */
async function lineReady(rig: Rig): Promise<void> {
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    const status = await rig.host?.call('getStatus').catch(() => null);
    if (status?.lines.every((l) => l.state === 'ready')) return;
    await sleep(100);
  }
}

/** No new outage starts after this share of the calls: every outage is followed by calls that show recovery. */
const lastOutageShare = 0.7;

export function createFault(name: FaultName, rig: Rig, calls: readonly DrillCall[], timing: FaultTiming, seed: number): FaultDriver {
  const disruptions: Disruption[] = [];
  const random = seededRandom(seed);
  const start = faultStart(calls);
  const stopAt = Math.max(start + 1, Math.floor(calls.length * lastOutageShare));
  const now = () => performance.now();
  let position = 0;
  let stopped = false;
  let pending: Promise<void> = Promise.resolve();
  /** Outages in progress: while any is, the week's clock runs in real time (see PlayHooks.realTime). */
  let down = 0;

  /** Every outage's second half (holding, then mending): finish() waits for all of them. */
  const mending: Promise<void>[] = [];

  /**
   * An outage: `begin` breaks something, `end` mends it `holdMs` later. Paced in real time while it lasts and
   * recorded as a disruption from its start to its end. Resolves once it has begun, with `over` for the rest.
   */
  const outage = async (
    kind: string,
    begin: () => Promise<unknown>,
    holdMs: number,
    end: () => Promise<unknown>,
    options: { measureResume: boolean; excusesLoss: boolean },
  ) => {
    const from = now();
    down++;
    try {
      await begin();
    } catch (error) {
      down--;
      throw error;
    }
    const over = (async () => {
      try {
        await sleep(holdMs);
        await end();
      } finally {
        down--;
      }
      disruptions.push({ kind, from, to: now(), ...options });
    })();
    mending.push(over);
    return { over };
  };
  const wait = async (ms: number) => {
    const until = now() + ms;
    while (!stopped && now() < until) await sleep(Math.min(100, until - now()));
  };
  /** From the call at `at`, runs `step` again and again until the stop point (or finish()). */
  const repeatFrom = (at: number, step: () => Promise<void>): PlayHooks => ({
    beforeCall: (_call, p) => {
      position = p;
      if (p !== at) return;
      pending = (async () => {
        while (!stopped && position < stopAt) await step();
      })();
    },
    realTime: () => down > 0,
  });
  const driver = (hooks: PlayHooks): FaultDriver => ({
    hooks,
    disruptions,
    finish: async () => {
      stopped = true;
      await pending;
      await Promise.all(mending);
    },
  });

  switch (name) {
    case 'unplug':
      return driver(
        repeatFrom(start, async () => {
          await outage(
            'unplug',
            () => rig.sim.fault('unplug'),
            timing.unplugForMs,
            () => rig.sim.fault('replug'),
            { measureResume: true, excusesLoss: true },
          );
          await wait(timing.unplugEveryMs);
        }),
      );
    case 'freeze': {
      // First mid-call (the host's hang-up meets a dead modem), then, a few calls after it is over, between
      // calls (nothing is sent, so the host may not even notice).
      const freeze = () =>
        outage(
          'freeze',
          () => rig.sim.fault('freeze'),
          timing.freezeMs,
          () => rig.sim.fault('unfreeze'),
          { measureResume: true, excusesLoss: true },
        );
      let second: number | null = null;
      // Nine calls into the burst the shield is on, so the host answers the ring with a hang-up.
      const first = start + 8;
      return driver({
        // The ring and caller ID are written as the call is placed; the freeze lands before the host's reply.
        placed: (_c, p) => {
          // The second waits until the line is back from the first: two overlapping outages measure neither.
          if (p !== first) return;
          setImmediate(() => {
            pending = freeze().then(async ({ over }) => {
              await over;
              await lineReady(rig);
              second = position + 10;
            });
          });
        },
        beforeCall: async (_c, p) => {
          position = p;
          if (p === second && p < stopAt) await freeze();
        },
        realTime: () => down > 0,
      });
    }
    case 'garbage':
    case 'echo':
      return driver(
        repeatFrom(start, async () => {
          const at = now();
          await rig.sim.fault(name === 'garbage' ? 'garbage' : 'echo-on');
          disruptions.push({ kind: name === 'garbage' ? 'garbage' : 'echo-on', from: at, to: at, measureResume: false, excusesLoss: true });
          await wait(name === 'garbage' ? random.int(timing.garbageEveryMs.min, timing.garbageEveryMs.max) : timing.echoEveryMs);
        }),
      );
    case 'kill': {
      // kill -9 at random calls between the start and the stop point, at a random moment of the call; the
      // host is started again at once on the same data directory while the calls go on.
      const stretch = Math.max(1, Math.floor((stopAt - start) / timing.kills));
      const at = new Set<number>();
      for (let k = 0; k < timing.kills; k++) at.add(start + k * stretch + random.int(0, Math.floor(stretch / 2)));
      return driver({
        placed: (_c, p) => {
          if (!at.has(p)) return;
          const delay = random.int(0, 150);
          // One at a time: the next kill waits until the host killed before is up again.
          pending = pending.then(async () => {
            await sleep(delay);
            const { over } = await outage(
              'kill -9',
              () => rig.kill9(),
              0,
              () => rig.startHost(),
              { measureResume: true, excusesLoss: true },
            );
            await over;
          });
        },
        realTime: () => down > 0,
      });
    }
    case 'store':
      // Writes start failing as a burst begins, so the shield engages during the outage. No call may be
      // lost: the service keeps the records and writes them when the store takes writes again.
      return driver({
        beforeCall: async (_c, p) => {
          if (p !== start) return;
          await outage(
            'store refuses writes',
            () => rig.host!.setStoreWritable(false),
            timing.storeFailMs,
            () => rig.host!.setStoreWritable(true),
            {
              measureResume: false,
              excusesLoss: false,
            },
          );
        },
        realTime: () => down > 0,
      });
  }
}
