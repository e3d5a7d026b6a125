// One drill run's equipment: a simulated dongle on a real socat pty, the host process screening it on a
// fresh data directory, the event stream, and the drill's own copy of the host's clock (so time goes on
// while the host is down after a kill -9, and a restarted host continues from there).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LineTiming } from '../../main/modem/index.ts';
import { defaultTiming } from '../../main/modem/index.ts';
import { startSimulator, type Simulator } from '../../main/sim/index.ts';
import type { SimProfileName } from '../../main/sim/profiles/profile.ts';
import { startHost, type DrillHost, type SeenEvent } from './host-process.ts';
import type { HostConfig } from './host-protocol.ts';

export type RigOptions = {
  dir: string;
  /** The simulated modem runs this many times faster than real time (a ring every 5 s / timeScale). */
  timeScale: number;
  /** Epoch ms the host's clock starts at. */
  clockStart: number;
  /** The simulator's own limit on a freeze, in real ms (the freeze fault unfreezes the modem itself, earlier). */
  freezeRealMs?: number;
  seed?: number;
  /** The simulated modem (default the Huawei E173 dongle; the gated week uses a SIM800, which can gate). */
  profile?: SimProfileName;
  /** How long a simulated caller stays on a call the host answered (simulated ms; the gate answers calls). */
  answeredHoldMs?: number;
};

export type HostExit = { at: number; pid: number; code: number | null; signal: string | null; expected: boolean };

/**
 * The line's ring-timing waits, compressed with the modem: a settle window tuned for a ring every 5 s would
 * swallow the next call's first ring when calls come every 5 s / timeScale. Ring silence (how long without
 * a ring before a call is taken to be over) keeps a floor of 1.5 s: on a busy two-core machine timers run
 * late by more than a compressed ring gap, and a late ring must not split one call into two records. The
 * simulated dongle ends every call with ^CEND, so the floor never lengthens a call. Command timeouts stay real.
 */
export function compressedTiming(timeScale: number): Partial<LineTiming> {
  const scale = (ms: number, floor = 20) => Math.max(floor, Math.round(ms / timeScale));
  return {
    clipWaitMs: scale(defaultTiming.clipWaitMs),
    nameWaitMs: scale(defaultTiming.nameWaitMs),
    ringSilenceGsmMs: scale(defaultTiming.ringSilenceGsmMs, 1500),
    ringSilenceLandlineMs: scale(defaultTiming.ringSilenceLandlineMs, 1500),
    hangupPauseMs: scale(defaultTiming.hangupPauseMs),
    settleMs: scale(defaultTiming.settleMs),
  };
}

export class Rig {
  readonly sim: Simulator;
  readonly events: SeenEvent[] = [];
  readonly exits: HostExit[] = [];
  readonly hostLog: string;
  readonly dataDir: string;
  #host: DrillHost | null = null;
  #config: Omit<HostConfig, 'clockStart' | 'clockStartWall'>;
  #mirror: { d: number; real: number };
  /** Hosts the drill ended itself (kill -9 or stop): any other exit is a crash. */
  #ending = new Set<number>();

  private constructor(sim: Simulator, options: RigOptions) {
    this.sim = sim;
    this.dataDir = join(options.dir, 'data');
    this.hostLog = join(options.dir, 'host.log');
    this.#config = { dataDir: this.dataDir, modems: [sim.link], lineTiming: compressedTiming(options.timeScale) };
    this.#mirror = { d: options.clockStart, real: performance.now() };
  }

  static async start(options: RigOptions): Promise<Rig> {
    mkdirSync(options.dir, { recursive: true });
    const sim = await startSimulator({
      link: join(options.dir, 'modem'),
      profile: options.profile ?? 'huawei-e173',
      timeScale: options.timeScale,
      freezeMs: Math.round((options.freezeRealMs ?? 20_000) * options.timeScale),
      seed: options.seed ?? 1,
      ...(options.answeredHoldMs !== undefined ? { answeredHoldMs: options.answeredHoldMs } : {}),
    });
    const rig = new Rig(sim, options);
    await rig.startHost();
    return rig;
  }

  /** The host now, or null while it is down. */
  get host(): DrillHost | null {
    return this.#host;
  }

  /** The host's clock as the drill last set it, running on in real time. */
  now(): number {
    return this.#mirror.d + (performance.now() - this.#mirror.real);
  }

  /** Moves the clock to `to` (never back) and returns the time the next call is placed at. */
  async clock(to: number): Promise<number> {
    const host = this.#host;
    if (!host) {
      // Nobody to tell while the host is down: time runs on in real time, so the restarted host agrees.
      return this.now();
    }
    const target = Math.max(to, this.now());
    try {
      const d = await host.clock(target);
      this.#mirror = { d, real: performance.now() };
      return d;
    } catch (error) {
      // Killed while we asked: the call goes ahead on the drill's own clock, like any call while it is down.
      if (host.exit() || this.#host !== host) return this.now();
      throw error;
    }
  }

  async startHost(): Promise<DrillHost> {
    const host = await startHost({ ...this.#config, clockStart: this.now(), clockStartWall: Date.now() }, { logFile: this.hostLog, events: this.events });
    void this.#watch(host);
    // The line may have become ready before the event stream was open: record what the status says now,
    // as a client that just connected knows it.
    for (const line of (await host.call('getStatus')).lines) this.events.push({ at: performance.now(), event: { type: 'line-status', line } });
    this.#host = host;
    // Agree on the time before the first call: the host's start-up took real time the mirror also counted.
    const d = await host.clock(this.now());
    this.#mirror = { d, real: performance.now() };
    return host;
  }

  async #watch(host: DrillHost) {
    const e = await host.exited;
    this.exits.push({ at: performance.now(), pid: host.pid, code: e.code, signal: e.signal, expected: this.#ending.has(host.pid) });
    if (this.#host === host) this.#host = null;
  }

  /** kill -9 of the host: no shutdown, no flush, exactly what a crash or a power cut leaves behind. */
  async kill9(): Promise<void> {
    const host = this.#host;
    if (!host) return;
    this.#ending.add(host.pid);
    this.#host = null;
    await host.kill9();
  }

  async close(): Promise<void> {
    if (this.#host) this.#ending.add(this.#host.pid);
    await this.#host?.stop();
    this.#host = null;
    await this.sim.close();
  }
}
