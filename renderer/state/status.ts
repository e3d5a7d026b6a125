// The Overview's model: the service status from getStatus, kept current by events so the page does not
// poll. Pure: (status, event, today) → status.
import type { ApiEvent, Status } from '../../shared/api.ts';

/** `isToday` says whether a call's start is on the user's today (the clock is passed in, not read here). */
export function applyStatusEvent(status: Status, event: ApiEvent, isToday: (iso: string) => boolean): Status {
  switch (event.type) {
    case 'line-status': {
      const exists = status.lines.some((l) => l.id === event.line.id);
      const lines = exists ? status.lines.map((l) => (l.id === event.line.id ? event.line : l)) : [...status.lines, event.line];
      return { ...status, lines };
    }
    case 'line-removed':
      return { ...status, lines: status.lines.filter((l) => l.id !== event.lineId) };
    case 'shield-changed':
      return { ...status, shield: event.shield };
    case 'call-ended': {
      if (!isToday(event.record.startedAt)) return status;
      const blocked = isBlocking(event.record.decision.action) ? 1 : 0;
      return { ...status, today: { calls: status.today.calls + 1, blocked: status.today.blocked + blocked } };
    }
    case 'notice': {
      const notices = [...status.notices.filter((n) => n.code !== event.code), { code: event.code, level: event.level, text: event.text }];
      return { ...status, notices };
    }
    default:
      return status;
  }
}

export function sameLocalDay(now: Date): (iso: string) => boolean {
  return (iso) => {
    const d = new Date(iso);
    return d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  };
}

/** Blocked means the phone did not ring: rejected, or picked up and hung up. `silent` still rings. */
export function isBlocking(action: string): boolean {
  return action === 'reject' || action === 'answer-hangup';
}
