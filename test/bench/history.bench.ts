// `npm run bench history`: the call history at a million calls — a year of a call-bombing campaign on one
// line — against the targets in issue 6. Generates the calls through the real write path (batched
// transactions), then measures what the service and the CLI do with them. Prints figures; exits 1 when a
// target is missed. While developing: RINGFENCE_BENCH_CALLS for a smaller run, RINGFENCE_BENCH_DIR to keep the
// generated database in that folder and reuse it on the next run (its measurements then add calls to it).
import { mkdtempSync, rmSync, statSync, existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallQuery } from '../../shared/api.ts';
import type { Action } from '../../shared/domain.ts';
import { openHistory, type CallToRecord } from '../../main/history/index.ts';
import { openDataStore } from '../../main/store/open.ts';

const total = Number(process.env.RINGFENCE_BENCH_CALLS ?? 1_000_000);
const zone = 'Asia/Shanghai';
const yearStart = Date.parse('2025-01-01T00:00:00+08:00');
const yearEnd = Date.parse('2026-01-01T00:00:00+08:00');
const keep = process.env.RINGFENCE_BENCH_DIR;
const dir = keep ?? mkdtempSync(join(tmpdir(), 'rf-bench-history-'));
const reuse = keep !== undefined && existsSync(join(keep, 'ringfence.db'));

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const results: { name: string; value: string; target: string; ok: boolean }[] = [];
const report = (name: string, value: string, target: string, ok = true) => {
  results.push({ name, value, target, ok });
  process.stdout.write(`${ok ? '  ' : '✗ '}${name.padEnd(52)} ${value.padStart(12)}   ${target}\n`);
};

// --- the calls ---------------------------------------------------------------------------------------
// Deterministic: a campaign of 60 numbers (a third of the calls), rotating one-off numbers from a pool of
// 250,000, withheld calls, a few friends who ring through, two lines, some caller names.
let seed = 20250101;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pad = (n: number, w: number) => String(n).padStart(w, '0');
const texts = {
  campaign: { en: 'Blocked: shield on since 14:02 (call flood)', zh: '已拦截：防轰炸保护自 14:02 开启（呼叫轰炸）' },
  prefix: { en: 'Blocked: matched prefix +86 170 (list "virtual operators")', zh: '已拦截：匹配前缀 +86 170（名单“虚拟运营商”）' },
  withheld: { en: 'Blocked: withheld number', zh: '已拦截：隐藏号码' },
  allowed: { en: 'Rang through: trusted (family)', zh: '已接通：信任名单（家人）' },
  unknown: { en: 'Rang through: no rule matched', zh: '已接通：未匹配任何规则' },
};

function call(i: number, at: number): CallToRecord {
  const r = rnd();
  let number: string | null;
  let action: Action;
  let text: (typeof texts)[keyof typeof texts];
  let presentation: CallToRecord['presentation'] = 'allowed';
  if (r < 0.33) {
    number = `+86170${pad(Math.floor(rnd() * 60), 8)}`;
    action = rnd() < 0.9 ? 'reject' : 'answer-hangup';
    text = texts.campaign;
  } else if (r < 0.85) {
    number = `+8613${pad(Math.floor(rnd() * 250_000), 9)}`;
    action = rnd() < 0.85 ? 'reject' : rnd() < 0.5 ? 'silent' : 'allow';
    text = action === 'allow' ? texts.unknown : texts.prefix;
  } else if (r < 0.95) {
    number = null;
    presentation = rnd() < 0.8 ? 'withheld' : rnd() < 0.5 ? 'unavailable' : 'none';
    action = 'reject';
    text = texts.withheld;
  } else {
    number = `+86139${pad(Math.floor(rnd() * 200), 8)}`;
    action = 'allow';
    text = texts.allowed;
  }
  const local = new Date(at + 8 * 3_600_000).toISOString().slice(0, 23);
  const blocked = action === 'reject' || action === 'answer-hangup';
  const oneRing = rnd() < 0.05;
  return {
    callKey: `bench-${i}`,
    lineId: rnd() < 0.8 ? 'line-1' : 'line-2',
    simulated: false,
    startedAt: `${local}+08:00`,
    timeZone: zone,
    timings: {
      firstRing: 0,
      callerId: 380 + Math.floor(rnd() * 200),
      decision: 600,
      hangupSent: blocked ? 601 : null,
      hangupConfirmed: blocked ? 790 : null,
      end: 5200,
    },
    number: number === null ? null : number.slice(3),
    normalized: number,
    presentation,
    name: rnd() < 0.02 ? `Caller ${pad(Math.floor(rnd() * 500), 3)}` : null,
    rings: oneRing ? 1 : 1 + Math.floor(rnd() * 4),
    oneRing,
    decision: {
      action,
      reason: blocked ? 'blocked-prefix' : 'default',
      ruleId: blocked ? 'rule-170' : null,
      ruleLabel: blocked ? 'virtual operators' : null,
      text,
    },
    outcome: blocked ? (action === 'reject' ? 'rejected' : 'answered') : action === 'silent' ? 'caller-hung-up' : 'rang-through',
    hangupLatencyMs: blocked ? 150 + Math.floor(rnd() * 100) : null,
    raw: number === null ? ['RING', '+CLIP: "",128,,,,1'] : ['RING', `+CLIP: "${number.slice(3)}",129,,,,0`, 'RING'],
  };
}

function timed<T>(work: () => T): [T, number] {
  const t = performance.now();
  const result = work();
  return [result, performance.now() - t];
}

async function main() {
  process.stdout.write(`History benchmark: ${total.toLocaleString('en')} calls over 2025, in ${dir}\n`);
  // The machine is shared: say how busy it was, so wall-clock figures can be read against the CPU time.
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
  process.stdout.write(`${cpus().length} cores, load average ${load()} at the start\n\n`);
  let { db } = openDataStore(dir);
  let history = openHistory(db, { timeZone: zone });

  // Generation through the real write path, 10,000 calls per transaction.
  const step = (yearEnd - yearStart) / total;
  const [, genMs] = timed(() => {
    for (let i = 0; i < (reuse ? 0 : total); i += 10_000) {
      const batch: CallToRecord[] = [];
      for (let j = i; j < Math.min(total, i + 10_000); j++) batch.push(call(j, Math.floor(yearStart + j * step + rnd() * step)));
      history.recordBatch(batch);
    }
  });
  if (!reuse) report('generate (batched write path)', `${(genMs / 1000).toFixed(1)} s`, `${Math.round(total / (genMs / 1000)).toLocaleString('en')} calls/s`);
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();

  const size = statSync(join(dir, 'ringfence.db')).size + (existsSync(join(dir, 'ringfence.db-wal')) ? statSync(join(dir, 'ringfence.db-wal')).size : 0);
  report('database size', mb(size), '≤ 500 MB', size <= 500e6);

  const [store, openMs] = timed(() => openDataStore(dir));
  ({ db } = store);
  report('open at start-up (quick_check)', `${openMs.toFixed(0)} ms`, 'no target');
  history = openHistory(db, { timeZone: zone, normalize: (raw) => (raw.startsWith('+') ? raw : `+86${raw.replace(/\D/g, '').replace(/^0/, '')}`) });

  // Recording one call durably (synchronous=FULL, one transaction each) on the full database.
  const lats: number[] = [];
  const newest = history.query({ limit: 1 }).calls[0]?.id ?? 0;
  for (let i = 0; i < 300; i++) {
    const c = call(newest + i, yearEnd + (newest - total + i) * 60_000);
    const t = performance.now();
    history.record(c);
    lats.push(performance.now() - t);
  }
  report('record one call durably, median', `${median(lats).toFixed(2)} ms`, '≤ 5 ms', median(lats) <= 5);
  report('record one call durably, p95', `${p95(lats).toFixed(2)} ms`, 'no target');

  // A filtered page of 100, warm, median of 15 runs per filter.
  const week = { from: '2025-06-02T00:00:00+08:00', to: '2025-06-09T00:00:00+08:00' };
  const deep = (() => {
    let q: CallQuery = { action: 'reject', limit: 100 };
    for (let i = 0; i < 50; i++) q = { ...q, cursor: history.query(q).nextCursor };
    return q;
  })();
  const filters: [string, CallQuery][] = [
    ['newest 100, no filter', {}],
    ['one week', week],
    ['exact number (+86 170 campaign)', { number: '+8617000000017' }],
    ['exact number (one-off caller)', { number: '13000012345' }],
    ['number contains 7 digits', { number: '0012345' }],
    ['number contains 3 digits', { number: '999' }],
    ['name contains', { name: 'caller 123' }],
    ['action = silent', { action: 'silent' }],
    ['outcome = answered', { outcome: 'answered' }],
    ['presentation = none', { presentation: 'none' }],
    ['line-2', { lineId: 'line-2' }],
    ['one-ring', { oneRing: true }],
    ['reject + line-2 + one week', { action: 'reject', lineId: 'line-2', ...week }],
    ['page 51 via keyset cursor', deep],
    ['oldest first, withheld, one week', { presentation: 'withheld', order: 'oldest', ...week }],
  ];
  let worst = 0;
  for (const [name, q] of filters) {
    const runs: number[] = [];
    for (let i = 0; i < 15; i++) runs.push(timed(() => history.query(q))[1]);
    worst = Math.max(worst, median(runs));
    report(`page: ${name}`, `${median(runs).toFixed(2)} ms`, '≤ 30 ms', median(runs) <= 30);
  }

  const year = { from: '2025-01-01T00:00:00+08:00', to: '2026-01-01T00:00:00+08:00' };
  for (const bucket of ['day', 'week'] as const) {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push(timed(() => history.statistics({ ...year, bucket }, []))[1]);
    report(`statistics for the year, by ${bucket}`, `${median(runs).toFixed(1)} ms`, '≤ 200 ms', median(runs) <= 200);
  }
  {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++)
      runs.push(timed(() => history.statistics({ from: '2025-03-01T00:00:00+08:00', to: '2025-04-01T00:00:00+08:00', bucket: 'hour' }, []))[1]);
    report('statistics for March, by hour', `${median(runs).toFixed(1)} ms`, 'no target');
  }
  {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++)
      runs.push(timed(() => history.statistics({ from: '2025-02-10T13:37:00+08:00', to: '2025-11-20T09:00:00+08:00', bucket: 'day' }, []))[1]);
    report('statistics for an unaligned 9 months, by day', `${median(runs).toFixed(1)} ms`, 'no target');
  }

  // CSV export of everything, sampling memory while it streams.
  gc();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  }, 50);
  const csv = join(dir, 'all.csv');
  let t = performance.now();
  let cpu = process.cpuUsage();
  const { rows } = await history.exportTo(csv, { format: 'csv', language: 'en', incidents: [] }, () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  });
  const csvMs = performance.now() - t;
  clearInterval(sampler);
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpu);
    return `${((used.user + used.system) / 1e6).toFixed(2)} s`;
  };
  report(`CSV export, ${rows.toLocaleString('en')} rows`, `${(csvMs / 1000).toFixed(2)} s`, '≤ 10 s', csvMs <= 10_000);
  report('CSV export: CPU time (all threads)', cpuSeconds(), '');
  report('CSV export: heap growth at peak', mb(peakHeap - before.heapUsed), 'constant (does not grow with rows)');
  report('CSV export: RSS growth at peak', mb(peakRss - before.rss), 'constant');
  report('CSV file size', mb(statSync(csv).size), '');
  rmSync(csv);

  t = performance.now();
  cpu = process.cpuUsage();
  const verdict = history.verify();
  const verifyMs = performance.now() - t;
  report(
    `verify the chain (${verdict.records.toLocaleString('en')} records, ${verdict.ok ? 'holds' : 'BROKEN'})`,
    `${(verifyMs / 1000).toFixed(2)} s`,
    '≤ 5 s',
    verdict.ok && verifyMs <= 5_000,
  );
  report('verify: CPU time (both threads)', cpuSeconds(), '');

  t = performance.now();
  const html = join(dir, 'march.html');
  const march = await history.exportTo(html, {
    format: 'html',
    from: '2025-03-01T00:00:00+08:00',
    to: '2025-04-01T00:00:00+08:00',
    language: 'zh',
    incidents: [],
  });
  report(
    `evidence report for March (${march.rows.toLocaleString('en')} calls)`,
    `${((performance.now() - t) / 1000).toFixed(2)} s`,
    `${mb(statSync(html).size)}`,
  );

  db.close();
  rmSync(html);
  if (!keep) rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`\nload average ${load()} at the end\n`);
  const missed = results.filter((r) => !r.ok);
  process.stdout.write(missed.length ? `\n${missed.length} target(s) missed.\n` : '\nEvery target met.\n');
  process.exitCode = missed.length ? 1 : 0;
}

await main();
