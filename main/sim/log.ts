// The simulator's log: every byte both ways and every event (call placed, fault, outcome), with a
// monotonic time for measuring and an ISO time for reading. Bounded, so a demo line can run for days.

export type SimLogEntry = {
  seq: number;
  /** Real milliseconds since the simulator started (performance.now(), monotonic). */
  t: number;
  /** Real wall-clock time, ISO 8601. */
  at: string;
  /** `from-host`: bytes the host wrote; `to-host`: bytes the modem wrote; `event`: what the simulator did. */
  direction: 'from-host' | 'to-host' | 'event';
  text: string;
};

export type SimLog = {
  add(direction: SimLogEntry['direction'], text: string): void;
  entries(): SimLogEntry[];
  /** Calls `listener` with each entry as it is added; returns what stops it. */
  onEntry(listener: (entry: SimLogEntry) => void): () => void;
  readonly dropped: number;
};

export function simLog(limit = 20_000): SimLog {
  const start = performance.now();
  const startWall = Date.now();
  let items: SimLogEntry[] = [];
  let seq = 0;
  let dropped = 0;
  const listeners = new Set<(entry: SimLogEntry) => void>();
  return {
    add(direction, text) {
      const t = performance.now() - start;
      const entry: SimLogEntry = { seq: ++seq, t: Math.round(t * 1000) / 1000, at: new Date(startWall + t).toISOString(), direction, text };
      items.push(entry);
      for (const l of listeners) l(entry);
      // Trim in batches so a busy line does not copy the array on every entry.
      if (items.length > limit * 1.1) {
        dropped += items.length - limit;
        items = items.slice(items.length - limit);
      }
    },
    entries: () => items.slice(),
    onEntry(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get dropped() {
      return dropped;
    },
  };
}
