// Which desktop notifications to show, as a pure function of decided calls and the clock. A call that rings
// through is announced at once with who is calling. Blocked calls are summarised: the first one after a
// quiet spell is named, then at most one summary per interval ("12 calls blocked in the last minute"), so
// a call-bombing flood of hundreds of calls an hour never becomes hundreds of notifications.
import type { CallerId, Decision, Text } from '../../shared/domain.ts';
import { notificationTexts as t } from './texts.ts';
import { isolateBidi } from '../../shared/line-text.ts';

export type Note = { kind: 'ring-through' | 'blocked'; title: Text; body: Text };

export type NotifyPrefs = { ringThrough: boolean; blockedSummary: boolean };

export type NotifierState = {
  /** When the last blocked-call notification was shown (ms), or null if never. */
  lastBlockedNoteAt: number | null;
  /** Blocked calls since then, not yet told. */
  pending: number;
  pendingNumbers: string[];
};

export const initialNotifierState: NotifierState = { lastBlockedNoteAt: null, pending: 0, pendingNumbers: [] };

/** `wakeAt`: when to call `onTick` to flush pending calls (ms), or null when nothing is pending. */
export type NotifyPlan = { state: NotifierState; notes: Note[]; wakeAt: number | null };

export const DEFAULT_SUMMARY_INTERVAL_MS = 60_000;

/** Who is calling, in the words the user would use: their own label for a trusted number first. */
export function callerName(callerId: CallerId, decision: Decision): Text {
  if (decision.reason === 'trusted' && decision.ruleLabel) return { en: isolateBidi(decision.ruleLabel), zh: isolateBidi(decision.ruleLabel) };
  // The caller's own text in a plain-text notification: its direction controls end where it ends.
  if (callerId.name) return { en: isolateBidi(callerId.name), zh: isolateBidi(callerId.name) };
  if (callerId.number) return { en: callerId.number, zh: callerId.number };
  if (callerId.presentation === 'withheld') return t.withheld();
  return t.unknown();
}

function isBlocked(decision: Decision): boolean {
  return decision.action === 'reject' || decision.action === 'answer-hangup';
}

function span(ms: number): Text {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  return t.inTheLast(minutes);
}

function summary(state: NotifierState, now: number): Note {
  const n = state.pending;
  const distinct = new Set(state.pendingNumbers).size;
  const when = span(now - (state.lastBlockedNoteAt ?? now));
  const from = distinct > 1 ? t.fromNumbers(distinct) : { en: '', zh: '' };
  return { kind: 'blocked', title: t.blockedSummary(n, when), body: t.allInHistory(from) };
}

/** A call was decided (the 'call-decided' event). */
export function onCallDecided(
  state: NotifierState,
  call: { callerId: CallerId; decision: Decision },
  now: number,
  prefs: NotifyPrefs,
  intervalMs = DEFAULT_SUMMARY_INTERVAL_MS,
): NotifyPlan {
  const wake = (s: NotifierState) => (s.pending > 0 && s.lastBlockedNoteAt !== null ? s.lastBlockedNoteAt + intervalMs : null);
  const { decision, callerId } = call;
  if (decision.action === 'allow') {
    if (!prefs.ringThrough) return { state, notes: [], wakeAt: wake(state) };
    const who = callerName(callerId, decision);
    const number = callerId.number && who.en !== callerId.number ? `${callerId.number} · ` : '';
    const note: Note = {
      kind: 'ring-through',
      title: t.callFrom(who),
      body: { en: number + decision.text.en, zh: number + decision.text.zh },
    };
    return { state, notes: [note], wakeAt: wake(state) };
  }
  if (!isBlocked(decision) || !prefs.blockedSummary) return { state, notes: [], wakeAt: wake(state) };

  const quiet = state.lastBlockedNoteAt === null || now - state.lastBlockedNoteAt >= intervalMs;
  if (quiet && state.pending === 0) {
    const who = callerName(callerId, decision);
    const note: Note = {
      kind: 'blocked',
      title: t.blockedCallFrom(who),
      body: decision.text,
    };
    return { state: { ...state, lastBlockedNoteAt: now }, notes: [note], wakeAt: null };
  }
  const next: NotifierState = {
    ...state,
    pending: state.pending + 1,
    // Enough to count distinct callers in a flood without keeping every number forever.
    pendingNumbers: state.pendingNumbers.length < 1000 ? [...state.pendingNumbers, callerId.number ?? callerId.presentation] : state.pendingNumbers,
  };
  if (quiet) return onTick(next, now, intervalMs);
  return { state: next, notes: [], wakeAt: wake(next) };
}

/** The timer fired (or any later moment): show the summary if one is due. */
export function onTick(state: NotifierState, now: number, intervalMs = DEFAULT_SUMMARY_INTERVAL_MS): NotifyPlan {
  if (state.pending === 0) return { state, notes: [], wakeAt: null };
  const due = state.lastBlockedNoteAt === null ? now : state.lastBlockedNoteAt + intervalMs;
  if (now < due) return { state, notes: [], wakeAt: due };
  return { state: { lastBlockedNoteAt: now, pending: 0, pendingNumbers: [] }, notes: [summary(state, now)], wakeAt: null };
}
