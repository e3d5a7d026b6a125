// `npm run drill`: the call-bomb drill. A simulated week of call bombing through the real product (the
// service and its HTTP/WebSocket API in a host process, a simulated dongle on a real pty), then the same
// drill on one-day slices, each with one fault. Prints a short summary and writes every figure as JSON.
//
//   npm run drill                        the full week (3,000 flood calls) and all six faults (~30 min)
//   npm run drill -- --quick             a two-day week (400 flood calls) and short fault runs (~6 min)
//   npm run drill -- --only week,kill    some runs only
//   npm run drill -- --only flood-speed  a day at flood speed: back-to-back calls and call waiting (issue 14)
//   npm run drill -- --only gated        the gated week: the pass gate against bots and people (issue 16)
//   options: --seed N, --time-scale N, --out FILE, --keep (keep every run's data and host log)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runDrill, type RunResult } from './drill.ts';
import { runGated, summariseGated, type GatedResult } from './gated.ts';
import { faultNames, fullTiming, type FaultName, type FaultTiming } from './faults.ts';
import { summarise } from './report.ts';
import { generateWeek, type DrillWeek } from './scenario.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    out: { type: 'string' },
    'time-scale': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});

const seed = Number(values.seed);
const quick = values.quick ?? false;
const timeScale = Number(values['time-scale'] ?? (quick ? 40 : 20));
// New runs go last: a run's seed follows its position, so the others keep their weeks.
const runNames = ['week', ...faultNames, 'gated', 'flood-speed'] as const;
const only = values.only ? values.only.split(',').map((s) => s.trim()) : [...runNames];
const unknown = only.filter((o) => !(runNames as readonly string[]).includes(o));
if (!Number.isInteger(seed) || !(timeScale >= 1 && timeScale <= 200) || unknown.length) {
  process.stderr.write(
    `${unknown.length ? `Unknown run(s): ${unknown.join(', ')}. Choose from ${runNames.join(', ')}.` : 'Give --seed as a whole number and --time-scale between 1 and 200.'}\n`,
  );
  process.exit(2);
}

// Quick runs keep the issue's fault durations where they are about the modem (a 20 s freeze) and shorten
// the ones that only repeat (unplug cycles, kills) or only wait (the store outage).
const timing: FaultTiming = quick
  ? { ...fullTiming, unplugEveryMs: 10_000, unplugForMs: 3_000, storeFailMs: 20_000, kills: 2, echoEveryMs: 5_000 }
  : fullTiming;

function weekFor(name: string, index: number): DrillWeek {
  // A day at flood speed: each burst's peak back to back (50–200 ms after the release), and trusted calls
  // inside bursts picked up while two flood calls wait on them (+CCWA).
  if (name === 'flood-speed') {
    return generateWeek({
      seed: seed * 100 + index,
      days: 1,
      floodCalls: quick ? 200 : 450,
      trustedCalls: quick ? 9 : 15,
      ordinaryCalls: quick ? 3 : 5,
      backToBack: true,
      callWaiting: true,
    });
  }
  if (name === 'week') return quick ? generateWeek({ seed, days: 2, floodCalls: 400, trustedCalls: 20, ordinaryCalls: 10 }) : generateWeek({ seed });
  // A fault runs on a day of its own, long enough for the fault to repeat (unplug, kill) or to catch a burst.
  return generateWeek({ seed: seed * 100 + index, days: 1, floodCalls: quick ? 200 : 450, trustedCalls: quick ? 6 : 10, ordinaryCalls: quick ? 3 : 5 });
}

const root = mkdtempSync(join(tmpdir(), 'ringfence-drill-'));
const started = new Date();
// The machine is shared: the load around the runs says how much of a tail is the machine's.
const loads: number[] = [loadavg()[0]!];
const results: (RunResult | GatedResult)[] = [];
process.stdout.write(
  `Ringfence call-bomb drill: seed ${seed}, ${quick ? 'quick' : 'full'}, modem time ×${timeScale} (a ring every ${5000 / timeScale} ms real)\n\n`,
);
for (const [index, name] of runNames.entries()) {
  if (!only.includes(name)) continue;
  if (name === 'gated') {
    // A week's worth of gate traffic on one line: bots, people who pass and redial, trusted callers.
    const gated = await runGated({
      dir: join(root, name),
      timeScale,
      seed: seed * 100 + index,
      bots: quick ? 20 : 60,
      people: quick ? 6 : 20,
      trusted: quick ? 4 : 10,
      digitWaitSeconds: 8,
    });
    results.push(gated);
    loads.push(loadavg()[0]!);
    process.stdout.write(`${summariseGated(gated).join('\n')}\n\n`);
    continue;
  }
  const fault = name === 'week' || name === 'flood-speed' ? null : (name as FaultName);
  const week = weekFor(name, index);
  let shown = -1;
  const result = await runDrill({
    name,
    fault,
    week,
    dir: join(root, name),
    timeScale,
    timing,
    seed: seed * 100 + index,
    cleanUp: !values.keep,
    progress: (done, total) => {
      const tenth = Math.floor((done / total) * 10);
      if (process.stdout.isTTY && tenth !== shown) process.stdout.write(`\r${name}: ${done}/${total} calls`);
      shown = tenth;
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\r\x1b[K');
  results.push(result);
  loads.push(loadavg()[0]!);
  process.stdout.write(`${summarise(result).join('\n')}\n\n`);
}

const pass = results.every((r) => r.pass);
const out = resolve(values.out ?? join('test-results', 'drill', quick ? 'drill-quick.json' : 'drill.json'));
mkdirSync(dirname(out), { recursive: true });
const command = `npm run drill${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
writeFileSync(
  out,
  JSON.stringify(
    {
      command,
      seed,
      quick,
      timeScale,
      startedAt: started.toISOString(),
      finishedAt: new Date().toISOString(),
      machine: {
        cpus: availableParallelism(),
        cpu: cpus()[0]?.model ?? null,
        node: process.version,
        platform: process.platform,
        loadAverage: { min: Math.min(...loads), max: Math.max(...loads) },
      },
      pass,
      runs: results,
    },
    null,
    2,
  ),
);
process.stdout.write(
  `${pass ? 'PASS' : 'FAIL'}: ${results.filter((r) => r.pass).length}/${results.length} runs passed in ${((Date.now() - started.getTime()) / 60_000).toFixed(1)} min. Figures: ${out}\n`,
);
if (pass && !values.keep) rmSync(root, { recursive: true, force: true });
process.exitCode = pass ? 0 : 1;
