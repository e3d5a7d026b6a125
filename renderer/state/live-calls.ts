// The live call card's model: a pure fold of call events. Each call's events share a `key`; a call
// moves ringing → identified → decided → ended. Kept small: the card shows what is happening now and
// the last few calls, History shows the rest.
import type { ApiEvent } from '../../shared/api.ts';
import type { CallerId, CallRecord, Decision } from '../../shared/domain.ts';

export type LivePhase = 'ringing' | 'identified' | 'decided' | 'ended';

export type LiveCall = {
  key: string;
  lineId: string;
  simulated: boolean;
  startedAt: string;
  phase: LivePhase;
  callerId: CallerId | null;
  decision: Decision | null;
  record: CallRecord | null;
};

export const LIVE_CALLS_KEPT = 6;

const rank: Record<LivePhase, number> = { ringing: 0, identified: 1, decided: 2, ended: 3 };

/** Applies one event; returns the same array when the event is not about calls. Newest call first. */
export function applyCallEvent(calls: readonly LiveCall[], event: ApiEvent): readonly LiveCall[] {
  switch (event.type) {
    case 'call-started':
      if (calls.some((c) => c.key === event.call.key)) return calls;
      return [{ ...event.call, phase: 'ringing' as const, callerId: null, decision: null, record: null }, ...calls].slice(0, LIVE_CALLS_KEPT);
    case 'caller-identified':
      return upsert(calls, event.key, event.lineId, (c) => ({ ...c, callerId: event.callerId, phase: later(c.phase, 'identified') }));
    case 'call-decided':
      return upsert(calls, event.key, event.lineId, (c) => ({
        ...c,
        callerId: event.callerId,
        decision: event.decision,
        phase: later(c.phase, 'decided'),
      }));
    case 'call-ended':
      return upsert(calls, event.key, event.record.lineId, (c) => ({
        ...c,
        simulated: event.record.simulated,
        startedAt: event.record.startedAt,
        decision: event.record.decision,
        record: event.record,
        phase: 'ended',
      }));
    default:
      return calls;
  }
}

// Events can arrive out of order across a reconnect; a call never goes back to an earlier phase.
function later(current: LivePhase, next: LivePhase): LivePhase {
  return rank[next] > rank[current] ? next : current;
}

// A call we did not see start (the page opened mid-call) still gets a card.
function upsert(calls: readonly LiveCall[], key: string, lineId: string, change: (c: LiveCall) => LiveCall): readonly LiveCall[] {
  const index = calls.findIndex((c) => c.key === key);
  if (index === -1) {
    const fresh: LiveCall = {
      key,
      lineId,
      simulated: false,
      startedAt: new Date().toISOString(),
      phase: 'ringing',
      callerId: null,
      decision: null,
      record: null,
    };
    return [change(fresh), ...calls].slice(0, LIVE_CALLS_KEPT);
  }
  const next = calls.slice();
  next[index] = change(calls[index]!);
  return next;
}

/** The caller as shown: the record's number once ended, else the caller ID so far. */
export function liveNumber(call: LiveCall): {
  number: string | null;
  presentation: CallerId['presentation'] | null;
  name: string | null;
  presentedNumber: string | null;
} {
  const c = call.record ?? call.callerId;
  if (c) return { number: c.number, presentation: c.presentation, name: c.name, presentedNumber: c.presentedNumber ?? null };
  return { number: null, presentation: null, name: null, presentedNumber: null };
}
