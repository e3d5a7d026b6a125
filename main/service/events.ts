// The service's one event stream: every transport subscribes here. A throwing listener never stops the
// others (a broken WebSocket must not cost the desktop window its events).
//
// Events are delivered after the task that raised them, in the order they were raised. A call's events
// are raised on the thread that hangs up the next caller: when RING and +CLIP arrive in one read, the
// call-started event is raised before the decision, and serialising it for every WebSocket, window, tray
// and notifier there would stand between the caller ID and the hang-up. Delivered a moment later, the
// same work runs once the hang-up has been written (issue 14).
import type { ApiEvent } from '../../shared/api.ts';

export class EventBus {
  #listeners = new Set<(e: ApiEvent) => void>();
  #queue: ApiEvent[] = [];
  #scheduled = false;

  subscribe = (listener: (e: ApiEvent) => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  emit(event: ApiEvent): void {
    this.#queue.push(event);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Delivers what is queued now (also the last events before the service stops). */
  flush(): void {
    this.#scheduled = false;
    const events = this.#queue;
    this.#queue = [];
    for (const event of events) {
      for (const l of this.#listeners) {
        try {
          l(event);
        } catch {
          // a listener's own failure is its transport's business
        }
      }
    }
  }
}
