// The service's one event stream: every transport subscribes here. A throwing listener never stops the
// others (a broken WebSocket must not cost the desktop window its events).
import type { ApiEvent } from '../../shared/api.ts';

export class EventBus {
  #listeners = new Set<(e: ApiEvent) => void>();

  subscribe = (listener: (e: ApiEvent) => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  emit(event: ApiEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch {
        // a listener's own failure is its transport's business
      }
    }
  }
}
