// Whether live events are flowing. The UI shows "reconnecting" rather than silently going stale.
export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface Connection {
  get(): ConnectionState;
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

export function connectionStore(initial: ConnectionState): Connection & { set(state: ConnectionState): void } {
  let state = initial;
  const listeners = new Set<(s: ConnectionState) => void>();
  return {
    get: () => state,
    set(next) {
      if (next === state) return;
      state = next;
      for (const l of listeners) l(state);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Reconnect delays: quick at first (a restarting server is back in a second), capped so we never hammer. */
export function backoffMs(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 10_000);
}
