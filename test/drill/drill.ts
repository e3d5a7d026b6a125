// One drill run, end to end: a fresh data directory, the simulated dongle, the host, the trusted numbers
// added through the API, the calls played (with one fault, or none), then everything the product kept read
// back through the same API a user has — history, incidents, chain check, evidence report — and judged.
import { rmSync } from 'node:fs';
import type { CallRecord } from '../../shared/domain.ts';
import { assessRun, type Assessment, type Check, type ReportIncident, type RunFigures } from './assess.ts';
import { createFault, type Disruption, type FaultName, type FaultTiming } from './faults.ts';
import type { DrillHost } from './host-process.ts';
import { playCalls } from './play.ts';
import { Rig } from './rig.ts';
import type { DrillWeek } from './scenario.ts';

export type RunOptions = {
  name: string;
  fault: FaultName | null;
  week: DrillWeek;
  dir: string;
  timeScale: number;
  timing: FaultTiming;
  seed: number;
  resumeLimitMs?: number;
  /** Scheduled gaps longer than this (simulated ms) are played as this; see play.ts. */
  gapCapMs?: number;
  /** Delete the run's folder (data, host log) when it passes. */
  cleanUp?: boolean;
  progress?: (done: number, total: number) => void;
};

export type RunResult = {
  name: string;
  fault: FaultName | null;
  pass: boolean;
  checks: Check[];
  figures: RunFigures;
  /** Seconds from the start of the run; one-off events (noise, echo) as one entry with their count. */
  disruptions: { kind: string; fromS: number; toS: number; count: number }[];
  /** The line's state changes as the event stream told them (seconds from the first call). */
  lineStates: { atS: number; state: string; problem: string | null }[];
  realSeconds: number;
  simulated: { from: string; to: string; calls: number; episodes: number; floodNumbers: number; withheld: number };
  /** Notices the service raised (code: first text), e.g. the store failing and recovering. */
  notices: { code: string; text: string }[];
  timeScale: number;
  dir: string | null;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  let last: unknown = null;
  while (performance.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (error) {
      last = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

const lineReady = (rig: Rig) => until('the line to be ready', async () => (await rig.host?.call('getStatus'))?.lines.every((l) => l.state === 'ready'), 20_000);

export async function runDrill(o: RunOptions): Promise<RunResult> {
  const calls = o.week.calls;
  const rig = await Rig.start({ dir: o.dir, timeScale: o.timeScale, clockStart: o.week.start, freezeRealMs: o.timing.freezeMs * 2, seed: o.seed });
  let assessment: Assessment;
  let disruptions: Disruption[];
  const began = performance.now();
  try {
    await lineReady(rig);
    const host = rig.host!;
    await host.call('updateSettings', { patch: { homeCountry: 'CN' } });
    for (const t of o.week.trusted) await host.call('addRule', { list: 'trusted', value: t.number, kind: 'number', label: t.label });
    const shield = (await host.call('getSettings')).screening.shield;

    const driver = o.fault ? createFault(o.fault, rig, calls, o.timing, o.seed) : null;
    const placed = await playCalls(rig, o.week, calls, {
      timeScale: o.timeScale,
      ...(o.gapCapMs ? { gapCapMs: o.gapCapMs } : {}),
      ...(driver ? { hooks: driver.hooks } : {}),
      ...(o.progress ? { progress: o.progress } : {}),
    });
    await driver?.finish();
    disruptions = driver?.disruptions ?? [];
    if (!rig.host) await rig.startHost();
    const after = rig.host!;
    const outage = disruptions.find((d) => !d.excusesLoss);
    if (outage) await after.nextEvent((e) => e.type === 'notice' && e.code === 'history-write-recovered', { since: outage.from, timeoutMs: 30_000 });
    const range = { from: new Date(o.week.start).toISOString(), to: new Date(rig.now() + 3600_000).toISOString() };
    await settled(after, range);

    const records = await allRecords(after);
    const stats = await after.call('getStatistics', { ...range, bucket: 'day' });
    const verify = await after.call('verifyHistory');
    const report = await after.call('exportHistory', { format: 'html', ...range, language: 'en' });
    const html = await (await fetch(`${after.url}${report.url}`)).text();
    const reportIncidentIds = [...html.matchAll(/data-incident="(\d+)"/g)].map((m) => Number(m[1]));
    const reportIncidents = readReportIncidents(html);

    assessment = assessRun({
      placed,
      records,
      committed: rig.events.flatMap((s) => (s.event.type === 'call-ended' ? [{ id: s.event.record.id, hash: s.event.record.hash }] : [])),
      incidents: stats.incidents,
      verify,
      reportIncidentIds,
      reportIncidents,
      shieldThreshold: shield.calls,
      shieldWindowMs: shield.windowMinutes * 60_000,
      disruptions,
      decisionTimes: rig.events.flatMap((s) => (s.event.type === 'call-decided' ? [s.at] : [])),
      lineStates: rig.events.flatMap((s) => (s.event.type === 'line-status' ? [{ at: s.at, state: s.event.line.state }] : [])),
      crashes: rig.exits.filter((x) => !x.expected),
      resumeLimitMs: o.resumeLimitMs ?? 3000,
    });
  } finally {
    await rig.close();
  }
  if (assessment.pass && o.cleanUp) rmSync(o.dir, { recursive: true, force: true });
  const first = calls[0]?.at ?? 0;
  const last = calls.at(-1)?.at ?? 0;
  return {
    name: o.name,
    fault: o.fault,
    pass: assessment.pass,
    checks: assessment.checks,
    figures: assessment.figures,
    disruptions: summarise(disruptions, began),
    lineStates: lineStates(rig, began),
    realSeconds: round1((performance.now() - began) / 1000),
    simulated: {
      from: new Date(o.week.start + first).toISOString(),
      to: new Date(o.week.start + last).toISOString(),
      calls: calls.length,
      episodes: o.week.episodes.length,
      floodNumbers: new Set(calls.flatMap((c) => (c.kind === 'flood' && c.number ? [c.number] : []))).size,
      withheld: calls.filter((c) => c.presentation === 'withheld').length,
    },
    notices: rig.events.flatMap((s) => (s.event.type === 'notice' && s.at >= began ? [{ code: s.event.code, text: s.event.text.en }] : [])),
    timeScale: o.timeScale,
    dir: assessment.pass && o.cleanUp ? null : o.dir,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Each incident's figures from the evidence report's data-figure attributes. */
function readReportIncidents(html: string): ReportIncident[] {
  return [...html.matchAll(/<article class="incident" data-incident="(\d+)">([\s\S]*?)<\/article>/g)].map(([, id, block]) => {
    const figure = (name: string) => Number(new RegExp(`data-figure="${name}"[^>]*>([^<]*)<`).exec(block!)?.[1] ?? NaN);
    const before = /data-figure="incident-before" data-calls="(\d+)" data-rang="(\d+)"/.exec(block!);
    return {
      id: Number(id),
      calls: figure('incident-calls'),
      beforeShield: Number(before?.[1] ?? NaN),
      rangBeforeShield: Number(before?.[2] ?? NaN),
      rejected: figure('incident-rejected'),
      numbers: figure('incident-numbers'),
      withheld: figure('incident-withheld'),
    };
  });
}

function summarise(disruptions: Disruption[], began: number): RunResult['disruptions'] {
  const s = (t: number) => round1((t - began) / 1000);
  const out: RunResult['disruptions'] = [];
  for (const d of disruptions) {
    const last = out.at(-1);
    if (d.from === d.to && last?.kind === d.kind) {
      last.toS = s(d.to);
      last.count++;
    } else out.push({ kind: d.kind, fromS: s(d.from), toS: s(d.to), count: 1 });
  }
  return out;
}

function lineStates(rig: Rig, began: number): RunResult['lineStates'] {
  const out: RunResult['lineStates'] = [];
  for (const { at, event } of rig.events) {
    if (event.type !== 'line-status' || at < began) continue;
    const problem = event.line.problem ? `${event.line.problem.code}: ${event.line.problem.text.en}` : null;
    const last = out.at(-1);
    if (last && last.state === event.line.state && last.problem === problem) continue;
    out.push({ atS: round1((at - began) / 1000), state: event.line.state, problem });
  }
  return out;
}

/** Every record, oldest first, page by page. */
async function allRecords(host: DrillHost): Promise<CallRecord[]> {
  const out: CallRecord[] = [];
  let cursor: string | null = null;
  do {
    const page: { calls: CallRecord[]; nextCursor: string | null } = await host.call('queryCalls', { limit: 1000, order: 'oldest', cursor });
    out.push(...page.calls);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The last call's record is written after its hang-up: wait until the count stops moving. */
async function settled(host: DrillHost, range: { from: string; to: string }): Promise<void> {
  const count = async () => (await host.call('getStatistics', { ...range, bucket: 'day' })).totals.calls;
  let before = await count();
  for (let i = 0; i < 20; i++) {
    await sleep(500);
    const now = await count();
    if (now === before) return;
    before = now;
  }
}
