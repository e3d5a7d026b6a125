// Judging one drill run: a pure function from what the caller's side saw (the simulator's results), what
// the product kept (records, incidents, chain check, evidence report) and what went wrong on purpose (the
// disruptions) to figures and pass/fail checks. Kept apart from the I/O so its rules are unit-tested.
import type { VerifyResult } from '../../shared/api.ts';
import type { CallRecord, Incident } from '../../shared/domain.ts';
import type { Disruption } from './faults.ts';
import type { PlacedCall } from './play.ts';

export type RunInput = {
  placed: readonly PlacedCall[];
  /** Every record in the history after the run, any order. */
  records: readonly CallRecord[];
  /** Records the host announced as written (call-ended events) during the run. */
  committed: readonly { id: number; hash: string }[];
  incidents: readonly Incident[];
  verify: VerifyResult;
  /** Incident ids found in the exported evidence report. */
  reportIncidentIds: readonly number[];
  /** Each incident's figures as the evidence report states them (data-figure attributes). */
  reportIncidents?: readonly ReportIncident[];
  /** Untrusted calls within the window that engage the shield (settings.screening.shield.calls, windowMinutes). */
  shieldThreshold: number;
  shieldWindowMs: number;
  disruptions: readonly Disruption[];
  /** When the drill saw each call-decided event (performance.now()). */
  decisionTimes: readonly number[];
  /** The line's state as the event stream told it, in order (performance.now()). */
  lineStates: readonly { at: number; state: string }[];
  /** Host processes that ended without the drill ending them. */
  crashes: readonly { pid: number; code: number | null; signal: string | null }[];
  resumeLimitMs: number;
};

/** What the evidence report says about one incident. */
export type ReportIncident = { id: number; calls: number; beforeShield: number; rangBeforeShield: number; rejected: number; numbers: number; withheld: number };

export type CallRef = { index: number; kind: string; number: string | null; at: string };
export type Percentiles = { count: number; p50: number | null; p90: number | null; p99: number | null; max: number | null };

export type RunFigures = {
  placed: number;
  recordedOnce: number;
  records: number;
  /** `rings`: how often it rang at the caller's end (0: it never reached the line, e.g. unplugged). */
  lostInFlight: (CallRef & { during: string; rings: number })[];
  missing: CallRef[];
  duplicates: (CallRef & { recordIds: number[] })[];
  mismatches: (CallRef & { recordId: number; recorded: string })[];
  /** Recorded once but without caller ID, while a fault had the line down or re-initialising (a replugged
   *  dongle has forgotten +CLIP until the host turns it on again): true to what the host knew. */
  unidentified: (CallRef & { recordId: number; during: string })[];
  strayRecords: number[];
  committedLost: number[];
  screeningFailed: number;
  flood: {
    placed: number;
    rejectedBeforeShield: number;
    letThroughBeforeShield: number;
    rejectedAfterShield: number;
    letThroughAfterShield: number;
    /** The most flood calls one episode let through before its shield engaged. */
    maxLetThroughBeforeShield: number;
    /** Let through although the threshold of untrusted calls had been reached within the window. */
    letThroughOverThreshold: number;
  };
  /** Each call a check holds against the product, with what happened to it. */
  exceptions: (CallRef & { problem: string; outcome: string; rings: number; recordIds: number[] })[];
  /** Calls in flight between a fault and the first decision after it: kept out of the figures above. */
  duringFaults: { calls: number; rejected: number; notRejected: number; lost: number };
  /** `screened`: placed outside any fault; the checks judge those. */
  trusted: { placed: number; screened: number; rangThrough: number; recordedAsTrusted: number };
  ordinary: { placed: number; screened: number; letThrough: number };
  incidents: { found: number; episodes: number; listedInReport: number };
  /** Per incident, the report's figures beside the drill's own count of the same flood (no-fault runs). */
  incidentFigures: { id: number; report: Omit<ReportIncident, 'id'> | null; truth: Omit<ReportIncident, 'id'> }[];
  chain: VerifyResult;
  /** The simulator's measure: last byte of caller ID written → first byte of the hang-up read. */
  hangupLatencyMs: Percentiles;
  /** The host's own measure, from its records: caller ID parsed → hang-up command written. */
  hostHangupLatencyMs: Percentiles;
  resume: { kind: string; outageMs: number; resumeMs: number | null }[];
  crashes: number;
  /** Flood speed (issue 14): calls ringing 50–200 ms after the previous release, and waiting calls. */
  floodSpeed: {
    backToBack: number;
    /** Back-to-back calls that were rejected, and how many of those on their first ring. */
    backToBackRejected: number;
    rejectedOnFirstRing: number;
    waiting: number;
    /** Waiting calls released with AT+CHLD=0 (the call in progress left alone), and recorded as such. */
    waitingReleased: number;
    waitingRecordedAsWaiting: number;
  };
};

export type Check = { name: string; ok: boolean; detail: string };
export type Assessment = { figures: RunFigures; checks: Check[]; pass: boolean };

const isoOf = (ms: number) => new Date(ms).toISOString();
const ref = (p: PlacedCall): CallRef => ({ index: p.call.index, kind: p.call.kind, number: p.call.number, at: isoOf(p.placedAt) });
/** Allowance for the host's clock and the drill's copy of it disagreeing by a hair across processes. */
const clockToleranceMs = 20;

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : null);
  return { count: sorted.length, p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: sorted.at(-1) ?? null };
}

/**
 * When screening resumed after `t`: the first decision taken on a ready line. A decision alone is not
 * enough — a line still re-initialising decides, but its hang-up goes nowhere.
 */
function resumedAfter(t: number, decisions: readonly number[], states: readonly { at: number; state: string }[]): number | null {
  for (const d of decisions) {
    if (d < t) continue;
    const state = states.findLast((s) => s.at <= d)?.state ?? 'ready';
    if (state === 'ready') return d;
  }
  return null;
}

/**
 * Each call owns the records that started between its placing and the next call's: calls take the line one
 * at a time, and a record starts when the host hears the first ring. Records before the first call are stray.
 */
export function attribute(placed: readonly PlacedCall[], records: readonly CallRecord[]): { owned: Map<PlacedCall, CallRecord[]>; stray: number[] } {
  const owned = new Map<PlacedCall, CallRecord[]>();
  const stray: number[] = [];
  const timed = records.map((r) => ({ r, t: Date.parse(r.startedAt) }));
  let k = 0;
  while (k < timed.length && placed.length && timed[k]!.t < placed[0]!.placedAt - clockToleranceMs) stray.push(timed[k++]!.r.id);
  placed.forEach((p, i) => {
    const end = i + 1 < placed.length ? placed[i + 1]!.placedAt - clockToleranceMs : Infinity;
    const mine: CallRecord[] = [];
    while (k < timed.length && timed[k]!.t < end) mine.push(timed[k++]!.r);
    owned.set(p, mine);
  });
  // A host that heard a call late (a loaded machine; back-to-back calls 50 ms apart) starts its record after
  // the next call was placed: by time it lands with the next call, which then seems to have two records and
  // this one none. Give such a record back when its caller is this call's and not the next one's.
  const same = (r: CallRecord, p: PlacedCall) => r.presentation === p.call.presentation && r.number === p.call.number;
  placed.forEach((p, i) => {
    if (owned.get(p)!.length > 0 || p.call.number === null) return;
    for (const next of placed.slice(i + 1, i + 3)) {
      const theirs = owned.get(next)!;
      const found = theirs.findIndex((r) => same(r, p) && !same(r, next));
      if (found >= 0) {
        owned.set(p, [theirs[found]!]);
        owned.set(
          next,
          theirs.filter((_, j) => j !== found),
        );
        return;
      }
    }
  });
  return { owned, stray };
}

export function assessRun(input: RunInput): Assessment {
  const placed = [...input.placed].sort((a, b) => a.placedAt - b.placedAt);
  const decisions = [...input.decisionTimes].sort((a, b) => a - b);
  const states = [...input.lineStates].sort((a, b) => a.at - b.at);
  const resumed = new Map(input.disruptions.map((d) => [d, resumedAfter(d.to, decisions, states)]));
  const records = [...input.records].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));

  const { owned, stray } = attribute(placed, records);

  const resume = input.disruptions
    .filter((d) => d.measureResume)
    .map((d) => {
      const at = resumed.get(d) ?? null;
      return { kind: d.kind, outageMs: Math.round(d.to - d.from), resumeMs: at === null ? null : Math.round(at - d.to) };
    });
  // A call is excused for going unrecorded when it was in flight between a fault and the first decision after it.
  const excuse = (p: PlacedCall) => input.disruptions.find((d) => d.excusesLoss && p.realEnd >= d.from && p.realStart <= (resumed.get(d) ?? Infinity)) ?? null;

  const f: RunFigures = {
    placed: placed.length,
    recordedOnce: 0,
    records: records.length,
    lostInFlight: [],
    missing: [],
    duplicates: [],
    mismatches: [],
    unidentified: [],
    strayRecords: stray,
    committedLost: [],
    screeningFailed: 0,
    flood: {
      placed: 0,
      rejectedBeforeShield: 0,
      letThroughBeforeShield: 0,
      rejectedAfterShield: 0,
      letThroughAfterShield: 0,
      maxLetThroughBeforeShield: 0,
      letThroughOverThreshold: 0,
    },
    exceptions: [],
    duringFaults: { calls: 0, rejected: 0, notRejected: 0, lost: 0 },
    trusted: { placed: 0, screened: 0, rangThrough: 0, recordedAsTrusted: 0 },
    ordinary: { placed: 0, screened: 0, letThrough: 0 },
    incidents: { found: input.incidents.length, episodes: 0, listedInReport: 0 },
    incidentFigures: [],
    chain: input.verify,
    hangupLatencyMs: percentiles(
      placed.flatMap((p) => (p.result.outcome === 'rejected' && p.result.hangupLatencyMs !== null ? [p.result.hangupLatencyMs] : [])),
    ),
    hostHangupLatencyMs: percentiles(records.flatMap((r) => (r.hangupLatencyMs !== null ? [r.hangupLatencyMs] : []))),
    resume,
    crashes: input.crashes.length,
    floodSpeed: { backToBack: 0, backToBackRejected: 0, rejectedOnFirstRing: 0, waiting: 0, waitingReleased: 0, waitingRecordedAsWaiting: 0 },
  };

  const shieldSpans = input.incidents.map((i) => ({ from: Date.parse(i.startedAt), to: i.endedAt ? Date.parse(i.endedAt) : Infinity }));
  // Strictly after the start: the call that engaged the shield can be placed within the millisecond its
  // incident starts (ISO times keep whole milliseconds), and it belongs before the shield.
  const shielded = (t: number) => shieldSpans.some((s) => t > s.from && t <= s.to);
  const letThroughPerEpisode = new Map<number, number>();
  const episodes = new Set<number>();
  // Untrusted calls the host heard (it has their record), by time: what the shield's threshold counts.
  const heard = placed.filter((p) => p.call.kind !== 'trusted' && owned.get(p)!.length > 0).map((p) => p.placedAt);
  const untrustedWithin = (t: number) => heard.filter((h) => h <= t && h > t - input.shieldWindowMs).length;

  for (const p of placed) {
    const mine = owned.get(p)!;
    const rejected = p.result.outcome === 'rejected';
    const fault = excuse(p);
    if (mine.length === 0) {
      if (fault) f.lostInFlight.push({ ...ref(p), during: fault.kind, rings: p.result.rings });
      else f.missing.push(ref(p));
    } else if (mine.length > 1) {
      f.duplicates.push({ ...ref(p), recordIds: mine.map((r) => r.id) });
    } else {
      const r = mine[0]!;
      if (r.presentation === p.call.presentation && r.number === p.call.number) f.recordedOnce++;
      else if (fault?.measureResume && r.presentation === 'none') f.unidentified.push({ ...ref(p), recordId: r.id, during: fault.kind });
      else f.mismatches.push({ ...ref(p), recordId: r.id, recorded: `${r.presentation} ${r.number ?? ''}`.trim() });
    }
    for (const r of mine) if (r.decision.text.en.startsWith('Screening failed')) f.screeningFailed++;
    if (p.call.afterReleaseMs !== undefined) {
      f.floodSpeed.backToBack++;
      if (rejected) {
        f.floodSpeed.backToBackRejected++;
        if (p.result.rings <= 1) f.floodSpeed.rejectedOnFirstRing++;
      }
    }
    if (p.call.waiting) {
      f.floodSpeed.waiting++;
      if (rejected && p.result.hangupCommand === 'AT+CHLD=0') f.floodSpeed.waitingReleased++;
      if (mine.length === 1 && mine[0]!.outcome.startsWith('waiting-')) f.floodSpeed.waitingRecordedAsWaiting++;
    }
    if (p.call.kind === 'flood') {
      f.flood.placed++;
      if (p.call.episode !== null) episodes.add(p.call.episode);
    } else f[p.call.kind].placed++;

    // What a dead line or a restarting host did to a call says nothing about screening: count it apart. Noise
    // and echo leave the line working, so only a call they cost its record is set aside.
    if (fault && (fault.measureResume || mine.length === 0)) {
      f.duringFaults.calls++;
      f.duringFaults[rejected ? 'rejected' : 'notRejected']++;
      if (mine.length === 0) f.duringFaults.lost++;
      continue;
    }
    const exception = (problem: string) =>
      f.exceptions.push({ ...ref(p), problem, outcome: p.result.outcome, rings: p.result.rings, recordIds: mine.map((r) => r.id) });
    const rangFully = !rejected && p.result.rings === p.call.rings;
    if (p.call.kind === 'flood') {
      const after = shielded(p.placedAt);
      if (after) f.flood[rejected ? 'rejectedAfterShield' : 'letThroughAfterShield']++;
      else f.flood[rejected ? 'rejectedBeforeShield' : 'letThroughBeforeShield']++;
      if (after && !rejected) exception('flood call not rejected while the shield was on');
      if (!after && !rejected && untrustedWithin(p.placedAt) >= input.shieldThreshold) {
        f.flood.letThroughOverThreshold++;
        exception(`flood call let through as untrusted call number ${untrustedWithin(p.placedAt)} within the shield's window`);
      }
      if (!after && !rejected && p.call.episode !== null) letThroughPerEpisode.set(p.call.episode, (letThroughPerEpisode.get(p.call.episode) ?? 0) + 1);
    } else if (p.call.kind === 'trusted') {
      f.trusted.screened++;
      if (rangFully) f.trusted.rangThrough++;
      else exception('trusted call did not ring through');
      if (mine.length && mine.every((r) => r.decision.reason === 'trusted')) f.trusted.recordedAsTrusted++;
      else if (mine.length) exception('trusted call recorded with another decision');
    } else {
      f.ordinary.screened++;
      if (rangFully) f.ordinary.letThrough++;
      else exception('ordinary call not let through');
    }
  }
  f.flood.maxLetThroughBeforeShield = Math.max(0, ...letThroughPerEpisode.values());
  f.incidents.episodes = episodes.size;
  const listed = new Set(input.reportIncidentIds);
  f.incidents.listedInReport = input.incidents.filter((i) => listed.has(i.id)).length;
  // The drill's ground truth for each incident: the flood calls it placed from the shield's window before the
  // incident to its end (every one recorded, in a run without faults), split at the moment the shield engaged.
  if (input.reportIncidents && input.disruptions.length === 0) {
    const reported = new Map(input.reportIncidents.map((r) => [r.id, r]));
    for (const i of input.incidents) {
      const from = Date.parse(i.startedAt);
      const to = i.endedAt ? Date.parse(i.endedAt) : Infinity;
      const mine = placed.filter((p) => p.call.kind === 'flood' && owned.get(p)!.length === 1 && p.placedAt > from - input.shieldWindowMs && p.placedAt <= to);
      const before = mine.filter((p) => !shielded(p.placedAt));
      const rejected = (p: PlacedCall) => p.result.outcome === 'rejected';
      const truth = {
        calls: mine.length,
        beforeShield: before.length,
        rangBeforeShield: before.filter((p) => !rejected(p)).length,
        rejected: mine.filter(rejected).length,
        numbers: new Set(mine.flatMap((p) => (p.call.number ? [p.call.number] : []))).size,
        withheld: mine.filter((p) => p.call.presentation === 'withheld').length,
      };
      const r = reported.get(i.id);
      f.incidentFigures.push({
        id: i.id,
        report: r
          ? {
              calls: r.calls,
              beforeShield: r.beforeShield,
              rangBeforeShield: r.rangBeforeShield,
              rejected: r.rejected,
              numbers: r.numbers,
              withheld: r.withheld,
            }
          : null,
        truth,
      });
    }
  }
  const byId = new Map(records.map((r) => [r.id, r.hash]));
  f.committedLost = input.committed.filter((c) => byId.get(c.id) !== c.hash).map((c) => c.id);

  const slow = resume.filter((r) => r.resumeMs === null || r.resumeMs > input.resumeLimitMs);
  const checks: Check[] = [
    check(
      'every trusted call rang through',
      f.trusted.rangThrough === f.trusted.screened && f.trusted.recordedAsTrusted === f.trusted.screened,
      `${f.trusted.rangThrough}/${f.trusted.screened} rang through, ${f.trusted.recordedAsTrusted} recorded as trusted`,
    ),
    check(
      'every flood call after the shield engaged was rejected',
      f.flood.letThroughAfterShield === 0,
      `${f.flood.rejectedAfterShield} rejected, ${f.flood.letThroughAfterShield} let through`,
    ),
    check(
      `at most ${input.shieldThreshold} flood calls before the shield engaged`,
      f.flood.letThroughOverThreshold === 0,
      `${f.flood.letThroughOverThreshold} let through after ${input.shieldThreshold} untrusted calls in ${input.shieldWindowMs / 60_000} min; at most ${f.flood.maxLetThroughBeforeShield} in one episode`,
    ),
    check('ordinary callers were let through', f.ordinary.letThrough === f.ordinary.screened, `${f.ordinary.letThrough}/${f.ordinary.screened}`),
    check(
      'no call recorded twice',
      f.duplicates.length === 0 && f.strayRecords.length === 0,
      `${f.duplicates.length} calls with several records, ${f.strayRecords.length} records of no call`,
    ),
    check('every call recorded as it was', f.mismatches.length === 0, `${f.mismatches.length} records name another caller`),
    check(
      'every call recorded or lost in flight during a fault',
      f.missing.length === 0,
      `${f.recordedOnce} recorded, ${f.unidentified.length} recorded without caller ID during a fault, ${f.lostInFlight.length} lost in flight (listed), ${f.missing.length} missing`,
    ),
    check('no committed call lost', f.committedLost.length === 0, `${input.committed.length} announced as written, ${f.committedLost.length} gone`),
    check('screening never failed', f.screeningFailed === 0, `${f.screeningFailed} calls rang through because screening failed`),
    check(
      'the chain verifies',
      input.verify.ok,
      input.verify.ok ? `${input.verify.records} records` : `first bad record ${input.verify.firstBad?.id}: ${input.verify.firstBad?.reason}`,
    ),
    check(
      'the evidence report lists each incident',
      f.incidents.listedInReport === f.incidents.found,
      `${f.incidents.listedInReport}/${f.incidents.found} incidents listed`,
    ),
    ...(f.incidentFigures.length
      ? [
          check(
            "the report's incident figures equal the drill's ground truth",
            f.incidentFigures.every((x) => JSON.stringify(x.report) === JSON.stringify(x.truth)),
            f.incidentFigures
              .filter((x) => JSON.stringify(x.report) !== JSON.stringify(x.truth))
              .map((x) => `incident ${x.id}: report ${JSON.stringify(x.report)}, drill ${JSON.stringify(x.truth)}`)
              .join('; ') || `${f.incidentFigures.length} incidents agree`,
          ),
        ]
      : []),
    check('no crash', f.crashes === 0, input.crashes.map((c) => `pid ${c.pid} exited ${c.signal ?? c.code}`).join('; ') || 'none'),
  ];
  if (resume.length) {
    const worst = Math.max(...resume.map((r) => r.resumeMs ?? Infinity));
    checks.push(
      check(
        `screening resumed within ${input.resumeLimitMs / 1000} s`,
        slow.length === 0,
        `${resume.length} outages, slowest ${Number.isFinite(worst) ? `${worst} ms` : 'never'}`,
      ),
    );
  }
  return { figures: f, checks, pass: checks.every((c) => c.ok) };
}

const check = (name: string, ok: boolean, detail: string): Check => ({ name, ok, detail });
