// The drill's judge, on hand-made runs: each rule must be able to fail, and must not fail a sound run.
import { describe, expect, it } from 'vitest';
import type { CallRecord, Incident } from '../../shared/domain.ts';
import { assessRun, percentiles, type RunInput } from './assess.ts';
import type { Disruption } from './faults.ts';
import type { PlacedCall } from './play.ts';
import type { DrillCall } from './scenario.ts';

const T0 = Date.UTC(2026, 2, 2, 8);
const SEC = 1000;

/** A call placed at `s` seconds (host clock and, for simplicity, the drill's real clock in ms ×1). */
function placed(
  index: number,
  s: number,
  kind: DrillCall['kind'],
  number: string | null,
  outcome: 'rejected' | 'caller-hung-up',
  episode: number | null = 0,
): PlacedCall {
  const call: DrillCall = {
    index,
    at: s * SEC,
    kind,
    episode: kind === 'flood' ? episode : null,
    number,
    presentation: number ? 'allowed' : 'withheld',
    rings: 3,
  };
  return {
    call,
    placedAt: T0 + s * SEC,
    realStart: s * SEC,
    realEnd: s * SEC + (outcome === 'rejected' ? 5 : 750),
    result: {
      outcome,
      rings: outcome === 'rejected' ? 1 : 3,
      hangupCommand: outcome === 'rejected' ? 'AT+CHUP' : null,
      hangupLatencyMs: outcome === 'rejected' ? 2 : null,
    },
    hostUp: true,
  };
}

function record(
  id: number,
  p: PlacedCall,
  reason: CallRecord['decision']['reason'] = p.result.outcome === 'rejected' ? 'shield' : 'default',
  delayMs = 3,
): CallRecord {
  const rejected = p.result.outcome === 'rejected';
  return {
    id,
    lineId: 'modem',
    simulated: false,
    startedAt: new Date(p.placedAt + delayMs).toISOString(),
    timeZone: 'UTC',
    timings: { firstRing: 0, callerId: 0.3, decision: 0.4, hangupSent: rejected ? 0.5 : null, hangupConfirmed: rejected ? 2 : null, end: rejected ? 3 : 750 },
    number: p.call.number,
    normalized: p.call.number ? `+86${p.call.number}` : null,
    presentation: p.call.presentation,
    name: null,
    rings: p.result.rings,
    oneRing: false,
    decision: { action: rejected ? 'reject' : 'allow', reason, ruleId: null, ruleLabel: null, text: { en: rejected ? 'Blocked: shield' : 'Allowed', zh: '' } },
    outcome: rejected ? 'rejected' : 'rang-through',
    hangupLatencyMs: rejected ? 0.2 : null,
    raw: [],
    hash: `h${id}`,
  };
}

const incident = (id: number, fromS: number, toS: number | null): Incident => ({
  id,
  startedAt: new Date(T0 + fromS * SEC).toISOString(),
  endedAt: toS === null ? null : new Date(T0 + toS * SEC).toISOString(),
  trigger: 'calls',
  cause: { en: '5 calls from 5 unknown numbers within 1 minute', zh: '1 分钟内 5 个陌生号码来电 5 次' },
  callsRejected: 0,
  distinctNumbers: 0,
  withheldShare: 0,
});

/** A sound little run: four flood calls ring through, the fifth engages the shield, a trusted call in the middle. */
function soundRun(): RunInput {
  const calls = [
    placed(0, 0, 'flood', '13000000001', 'caller-hung-up'),
    placed(1, 2, 'flood', '13000000002', 'caller-hung-up'),
    placed(2, 4, 'flood', '13000000003', 'caller-hung-up'),
    placed(3, 6, 'flood', '13000000004', 'caller-hung-up'),
    placed(4, 8, 'flood', '13000000005', 'rejected'),
    placed(5, 10, 'flood', null, 'rejected'),
    placed(6, 12, 'trusted', '13900001000', 'caller-hung-up'),
    placed(7, 14, 'flood', '13000000006', 'rejected'),
  ];
  const records = calls.map((p, i) => record(i + 1, p, p.call.kind === 'trusted' ? 'trusted' : undefined));
  return {
    placed: calls,
    records,
    committed: records.map((r) => ({ id: r.id, hash: r.hash })),
    incidents: [incident(1, 8.01, null)],
    verify: { ok: true, records: records.length, head: 'h8', firstBad: null },
    reportIncidentIds: [1],
    shieldThreshold: 5,
    shieldWindowMs: 10 * 60_000,
    disruptions: [],
    decisionTimes: calls.map((p) => p.realStart + 1),
    lineStates: [{ at: 0, state: 'ready' }],
    crashes: [],
    resumeLimitMs: 3000,
  };
}

const failed = (input: RunInput) =>
  assessRun(input)
    .checks.filter((c) => !c.ok)
    .map((c) => c.name);

describe('assessing a drill run', () => {
  it('passes a sound run and counts the flood before and after the shield', () => {
    const a = assessRun(soundRun());
    expect(failed(soundRun())).toEqual([]);
    expect(a.figures.recordedOnce).toBe(8);
    expect(a.figures.flood).toMatchObject({
      letThroughBeforeShield: 4,
      rejectedBeforeShield: 1,
      rejectedAfterShield: 2,
      letThroughAfterShield: 0,
      maxLetThroughBeforeShield: 4,
    });
    expect(a.figures.trusted).toMatchObject({ placed: 1, rangThrough: 1, recordedAsTrusted: 1 });
  });

  it('counts the call that engaged the shield before it, even placed within the first millisecond of the incident', () => {
    const run = soundRun();
    run.incidents = [incident(1, 8, null)];
    expect(assessRun(run).figures.flood).toMatchObject({ rejectedBeforeShield: 1, rejectedAfterShield: 2 });
  });

  it('fails a flood call that rang through while the shield was on, and names it', () => {
    const run = soundRun();
    run.placed = run.placed.map((p) => (p.call.index === 7 ? placed(7, 14, 'flood', '13000000006', 'caller-hung-up') : p));
    const a = assessRun(run);
    expect(failed(run)).toEqual(['every flood call after the shield engaged was rejected']);
    expect(a.figures.exceptions).toMatchObject([{ index: 7, problem: 'flood call not rejected while the shield was on' }]);
  });

  it('fails a flood call let through once the threshold of untrusted calls was reached within the window', () => {
    const run = soundRun();
    run.shieldThreshold = 3;
    const a = assessRun(run);
    expect(failed(run)).toEqual(['at most 3 flood calls before the shield engaged']);
    expect(a.figures.exceptions.map((e) => e.index)).toEqual([2, 3]);
  });

  it('does not count calls from before the window against the threshold', () => {
    const run = soundRun();
    run.shieldThreshold = 3;
    run.shieldWindowMs = 3 * 1000;
    expect(failed(run)).toEqual([]);
  });

  it('fails a trusted call that was hung up', () => {
    const run = soundRun();
    run.placed = run.placed.map((p) => (p.call.index === 6 ? placed(6, 12, 'trusted', '13900001000', 'rejected') : p));
    expect(failed(run)).toContain('every trusted call rang through');
  });

  it('finds a call recorded twice, and a record that belongs to no call', () => {
    const run = soundRun();
    const p = run.placed[2]!;
    run.records = [...run.records, record(99, p, 'default', 400), record(100, { ...p, placedAt: T0 - 60 * SEC }, 'default')];
    const a = assessRun(run);
    expect(a.figures.duplicates).toMatchObject([{ index: 2, recordIds: [3, 99] }]);
    expect(a.figures.strayRecords).toEqual([100]);
    expect(failed(run)).toContain('no call recorded twice');
  });

  it('gives a late-heard record back to its call (back to back on a loaded machine), but still finds a real duplicate', () => {
    const run = soundRun();
    // Call 3's record starts after call 4 was placed: by time it sits with call 4, by caller it is call 3's.
    run.records = run.records.map((r) => (r.id === 4 ? { ...r, startedAt: new Date(run.placed[4]!.placedAt + 40).toISOString() } : r));
    expect(failed(run)).toEqual([]);
    expect(assessRun(run).figures.recordedOnce).toBe(8);
    // Two records of call 4's own caller stay a duplicate.
    const twice = soundRun();
    twice.records = [...twice.records, { ...twice.records[4]!, id: 99, startedAt: new Date(twice.placed[4]!.placedAt + 50).toISOString() }];
    expect(assessRun(twice).figures.duplicates).toMatchObject([{ index: 4, recordIds: [5, 99] }]);
  });

  it('accepts a call lost while the modem was unplugged, lists it, and calls any other loss missing', () => {
    const run = soundRun();
    run.records = run.records.filter((r) => r.id !== 6 && r.id !== 2);
    run.committed = run.records.map((r) => ({ id: r.id, hash: r.hash }));
    const unplug: Disruption = { kind: 'unplug', from: 9.5 * SEC, to: 10.5 * SEC, measureResume: true, excusesLoss: true };
    run.disruptions = [unplug];
    run.decisionTimes = run.decisionTimes.filter((t) => t < 9.5 * SEC || t > 11 * SEC);
    const a = assessRun(run);
    expect(a.figures.lostInFlight).toMatchObject([{ index: 5, during: 'unplug' }]);
    expect(a.figures.missing).toMatchObject([{ index: 1 }]);
    expect(failed(run)).toEqual(['every call recorded or lost in flight during a fault']);
  });

  it('accepts a call recorded without caller ID while the line was coming back, but not a call recorded as someone else', () => {
    const run = soundRun();
    const p = run.placed[5]!;
    const unidentified = { ...record(6, p), number: null, presentation: 'none' as const };
    run.records = run.records.map((r) => (r.id === 6 ? unidentified : r.id === 8 ? { ...r, number: '13000000099' } : r));
    run.committed = run.records.map((r) => ({ id: r.id, hash: r.hash }));
    run.disruptions = [{ kind: 'unplug', from: 9.5 * SEC, to: 10.5 * SEC, measureResume: true, excusesLoss: true }];
    run.decisionTimes = run.decisionTimes.filter((t) => t < 9.5 * SEC || t > 11 * SEC);
    const a = assessRun(run);
    expect(a.figures.unidentified).toMatchObject([{ index: 5, recordId: 6, during: 'unplug' }]);
    expect(a.figures.mismatches).toMatchObject([{ index: 7, recordId: 8, recorded: 'allowed 13000000099' }]);
    expect(failed(run)).toEqual(['every call recorded as it was']);
  });

  it('measures resumption from the first decision taken on a ready line after the modem answers again', () => {
    const run = soundRun();
    run.disruptions = [{ kind: 'freeze', from: 1 * SEC, to: 3 * SEC, measureResume: true, excusesLoss: true }];
    run.lineStates = [
      { at: 0, state: 'ready' },
      { at: 2 * SEC, state: 'degraded' },
      { at: 6.5 * SEC, state: 'ready' },
    ];
    const a = assessRun(run);
    // Decisions at 4.001 s and 6.001 s came from a line still degraded; 8.001 s is the first on a ready line.
    expect(a.figures.resume).toEqual([{ kind: 'freeze', outageMs: 2000, resumeMs: 5001 }]);
    expect(failed(run)).toEqual(['screening resumed within 3 s']);
  });

  it('fails when a record announced as written is gone or changed afterwards', () => {
    const run = soundRun();
    run.committed = [...run.committed, { id: 3, hash: 'other' }];
    expect(failed(run)).toEqual(['no committed call lost']);
  });

  it('fails a broken chain, an incident missing from the evidence report and a crash', () => {
    const run = soundRun();
    run.verify = { ok: false, records: 8, head: null, firstBad: { id: 4, reason: 'hash mismatch' } };
    run.reportIncidentIds = [];
    run.crashes = [{ pid: 1, code: 1, signal: null }];
    expect(failed(run)).toEqual(['the chain verifies', 'the evidence report lists each incident', 'no crash']);
  });

  it('takes percentiles by nearest rank', () => {
    expect(percentiles([5, 1, 4, 2, 3])).toEqual({ count: 5, p50: 3, p90: 5, p99: 5, max: 5 });
    expect(percentiles([])).toEqual({ count: 0, p50: null, p90: null, p99: null, max: null });
  });
});
