// The modem simulator's own figures: (1) its measurement floor — the hangupLatencyMs it reports for a host
// that hangs up the instant +CLIP arrives, i.e. what the simulator and the pty add to any latency figure;
// (2) how long a 3000-call week takes at a compressed time scale. The simulator runs in a child process
// (its own event loop, as in the latency benchmark), the host here, both through socat's pty pair.
// Run: npm run bench -- sim      (CALLS=… FLOOR_CALLS=… to change the sizes)
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHost } from '../main/sim/host.ts';

const FLOOR_CALLS = Number(process.env.FLOOR_CALLS ?? 300);
const WEEK_CALLS = Number(process.env.CALLS ?? 3000);
const WEEK_MS = 7 * 24 * 3600 * 1000;
const simIndex = fileURLToPath(new URL('../../main/sim/index.ts', import.meta.url));

async function startSimProcess(profile: string, timeScale: number) {
  const link = join(mkdtempSync(join(tmpdir(), 'rf-sim-bench-')), 'modem');
  const code = `
    const { startSimulator } = await import(${JSON.stringify(simIndex)});
    const sim = await startSimulator({ link: ${JSON.stringify(link)}, profile: ${JSON.stringify(profile)}, timeScale: ${timeScale}, control: { host: '127.0.0.1', port: 0 } });
    process.stdout.write('control: ' + sim.controlUrl + '\\n');
    process.stdin.on('end', () => sim.close().then(() => process.exit(0)));
    process.stdin.resume();`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /control: (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (c) => reject(new Error(`simulator exited (${c}) before it started`)));
  });
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const stop = () => new Promise<void>((resolve) => (child.once('exit', () => resolve()), child.stdin!.end()));
  return { link, post, stop };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (n: number) => n.toFixed(2).padStart(8);

type Result = { outcome: string; hangupLatencyMs: number | null };

// 1. Measurement floor.
{
  const sim = await startSimProcess('huawei-e173', 100);
  const host = await openHost(sim.link);
  for (const c of ['ATE0', 'AT^CURC=0', 'AT+CLIP=1']) await host.command(c);
  host.on(/\+CLIP: [^\r]*\r\n/, () => void host.send('AT+CHUP\r'));
  const latencies: number[] = [];
  let rejected = 0;
  for (let i = 0; i < FLOOR_CALLS; i++) {
    const r = (await sim.post('/calls', { number: `1380013${String(i).padStart(4, '0')}`, presentation: 'allowed', rings: 20 })) as Result;
    if (r.outcome === 'rejected') rejected++;
    if (r.hangupLatencyMs !== null) latencies.push(r.hangupLatencyMs);
  }
  latencies.sort((a, b) => a - b);
  process.stdout.write(`simulator measurement floor: ${FLOOR_CALLS} calls, host hangs up on +CLIP (AT+CHUP), ${rejected} rejected\n`);
  process.stdout.write(
    `  hangupLatencyMs   p50 ${fmt(pct(latencies, 50))}   p95 ${fmt(pct(latencies, 95))}   p99 ${fmt(pct(latencies, 99))}   max ${fmt(latencies.at(-1)!)}\n`,
  );
  await host.close();
  await sim.stop();
}

// 2. A 3000-call week, compressed.
{
  const timeScale = 50_000;
  const every = Math.floor(WEEK_MS / WEEK_CALLS);
  const sim = await startSimProcess('huawei-e173', timeScale);
  const host = await openHost(sim.link);
  for (const c of ['ATE0', 'AT^CURC=0', 'AT+CLIP=1']) await host.command(c);
  host.on(/\+CLIP: [^\r]*\r\n/, () => void host.send('AT+CHUP\r'));
  const started = performance.now();
  const results = (await sim.post('/scenario', {
    steps: [
      // Five in six from rotating numbers, one in six withheld: WEEK_CALLS in all.
      { every: Math.floor(every * 1.2), for: WEEK_MS, call: { numbers: 'rotating', rings: 5 } },
      { every: every * 6, from: Math.floor(every / 2), for: WEEK_MS, call: { numbers: 'rotating', presentation: 'withheld', rings: 5 } },
    ],
  })) as Result[];
  const seconds = (performance.now() - started) / 1000;
  const rejected = results.filter((r) => r.outcome === 'rejected').length;
  process.stdout.write(`a week of call bombing: ${results.length} calls at time scale ${timeScale}, host rejecting on +CLIP\n`);
  process.stdout.write(
    `  ${seconds.toFixed(1)} s wall time, ${(results.length / seconds).toFixed(0)} calls/s, ${rejected} rejected, ${results.length - rejected} not rejected in time\n`,
  );
  await host.close();
  await sim.stop();
}
