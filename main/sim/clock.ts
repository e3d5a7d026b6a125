// Simulated time. Every duration in the simulator (ring interval, noise period, freeze, scenario step) is
// in simulated milliseconds and runs `timeScale` times faster in real time, so a test can ring 3000
// calls in minutes. Timers are tied to one AbortSignal so close() leaves nothing running.

export type SimClock = {
  readonly timeScale: number;
  /** Real milliseconds for a simulated duration. */
  real(simMs: number): number;
  /** The simulated wall clock: starts at the real time of start-up and runs timeScale× faster. */
  date(): Date;
  /** Waits a simulated duration, or less if `until` settles first. Resolves false when cut short. */
  wait(simMs: number, until?: Promise<unknown>): Promise<boolean>;
  /** Calls `tick` every simulated `simMs` until the signal aborts. */
  every(simMs: number, tick: () => void): () => void;
};

export function simClock(timeScale: number, signal: AbortSignal): SimClock {
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new Error(`timeScale must be a positive number, got ${timeScale}`);
  const startReal = performance.now();
  const startWall = Date.now();
  const real = (simMs: number) => Math.max(0, simMs / timeScale);
  return {
    timeScale,
    real,
    date: () => new Date(startWall + (performance.now() - startReal) * timeScale),
    wait(simMs, until) {
      return new Promise<boolean>((resolve) => {
        if (signal.aborted) return resolve(false);
        const done = (full: boolean) => {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          resolve(full);
        };
        const onAbort = () => done(false);
        const timer = setTimeout(() => done(true), real(simMs));
        signal.addEventListener('abort', onAbort, { once: true });
        until?.then(
          () => done(false),
          () => done(false),
        );
      });
    },
    every(simMs, tick) {
      const timer = setInterval(tick, Math.max(1, real(simMs)));
      const stop = () => clearInterval(timer);
      signal.addEventListener('abort', stop, { once: true });
      return stop;
    },
  };
}
