// After the pass gate: the call's outcome and the sentence its record keeps, from what the modem reports
// (GateReport). Pure; the service applies it when it records the call, screening learns the pass from the
// recorded outcome (observe), so a restart that replays the history gives the same passes back.
import type { CallOutcome, Decision, GateReport } from '../../shared/domain.ts';
import { texts } from './texts.ts';

export type AfterGate = { decision: Decision; outcome: CallOutcome };

/** `endedAt`: when the gate handed the call back; the pass runs `passMinutes` from then. */
export function afterGate(decision: Decision, report: GateReport, endedAt: Date, passMinutes: number): AfterGate {
  const withText = (text: Decision['text'], outcome: CallOutcome, action: Decision['action'] = decision.action): AfterGate => ({
    decision: { ...decision, action, text },
    outcome,
  });
  switch (report.result) {
    case 'passed':
      return withText(texts.gatePassed(report.asked ?? '', new Date(endedAt.getTime() + passMinutes * 60_000)), 'gate-passed');
    case 'withheld':
      return withText(texts.gateWithheld(), 'gate-withheld');
    case 'failed':
      return withText(
        report.pressed ? texts.gateWrong(report.asked ?? '', report.pressed) : texts.gateNoKey(report.asked ?? '', report.waitSeconds),
        'gate-failed',
      );
    case 'hung-up':
      return withText(texts.gateHungUp(report.asked), 'gate-failed');
    case 'error':
      // The gate could not run: the call was released like any rejected one, and says why.
      return withText(texts.gateError(report.detail ?? 'modem error'), 'rejected', 'reject');
  }
}

/** Outcomes that mean the gate kept the caller out (statistics: "stopped by the gate"). */
export const stoppedByGate: ReadonlySet<CallOutcome> = new Set(['gate-failed', 'gate-withheld']);
