// Shows the notifications that notifications.ts plans, and keeps the one timer that flushes a pending
// blocked-calls summary.
import { Notification } from 'electron';
import type { ApiEvent } from '../../shared/api.ts';
import type { Text } from '../../shared/domain.ts';
import { say, type Language } from './language.ts';
import { initialNotifierState, onCallDecided, onTick, type Note, type NotifierState, type NotifyPlan, type NotifyPrefs } from './notifications.ts';

export type NotifierDeps = {
  prefs: () => NotifyPrefs;
  language: () => Language;
  onClick: () => void;
  now?: () => number;
  intervalMs?: number;
};

export type Notifier = { onEvent(event: ApiEvent): void; say(title: Text, body: Text): void; stop(): void };

export function startNotifier(deps: NotifierDeps): Notifier {
  const now = deps.now ?? Date.now;
  let state: NotifierState = initialNotifierState;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const show = (title: Text, body: Text) => {
    if (!Notification.isSupported()) return;
    const language = deps.language();
    const n = new Notification({ title: say(title, language), body: say(body, language) });
    n.on('click', () => deps.onClick());
    n.show();
  };

  const apply = (plan: NotifyPlan) => {
    state = plan.state;
    for (const note of plan.notes as Note[]) show(note.title, note.body);
    if (timer) clearTimeout(timer);
    timer = null;
    if (plan.wakeAt !== null) {
      timer = setTimeout(() => apply(onTick(state, now(), deps.intervalMs)), Math.max(0, plan.wakeAt - now()));
      timer.unref?.();
    }
  };

  return {
    onEvent(event) {
      if (event.type !== 'call-decided') return;
      apply(onCallDecided(state, event, now(), deps.prefs(), deps.intervalMs));
    },
    say: show,
    stop() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
