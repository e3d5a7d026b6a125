// Bulk input never touches the screening thread (issue 13). Two figures:
//  1. A LINES-line list (10 M by default) previewed and imported by `ringfence rules import`, the whole CLI
//     process's peak RSS (VmHWM, main thread and import worker together). Target: ≤ 600 MB.
//  2. Blocked calls' hang-up latency through the real `ringfence serve` and the simulated modem while a
//     PREVIEW_MB JSON body (50 MB by default) is posted to /api/previewImport, again and again. Target: p99 ≤ 10 ms.
//     The same line's figure with no preview running is taken first, and serve's stage trace
//     (RINGFENCE_LATENCY_TRACE) says which part of a hang-up a preview slows.
// Run: npm run bench -- import        (LINES=10000000 PREVIEW_MB=50 CALLS=300 BASELINE_CALLS=100 GAP_MS=100)
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startSimulator } from '../../main/sim/index.ts';
import { cliEntry } from '../support/paths.ts';
import { fmt, openFloor, readStages, stageTable, stats } from './stages.ts';

const LINES = Number(process.env.LINES ?? 10_000_000);
const PREVIEW_MB = Number(process.env.PREVIEW_MB ?? 50);
const CALLS = Number(process.env.CALLS ?? 300);
const GAP_MS = Number(process.env.GAP_MS ?? 100);
const BASELINE_CALLS = Number(process.env.BASELINE_CALLS ?? 100);

const work = mkdtempSync(join(tmpdir(), 'rf-import-bench-'));
const number = (i: number) => `+86${130 + (i % 60)}${String(i).padStart(8, '0')}`;
const mb = (kb: number) => `${Math.round(kb / 1024)} MB`;

function writeList(path: string, lines: number, label: string) {
  const fd = openSync(path, 'w');
  let chunk: string[] = [];
  for (let i = 0; i < lines; i++) {
    chunk.push(`${number(i)} # ${label}`);
    if (chunk.length === 100_000) {
      writeSync(fd, `${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  if (chunk.length) writeSync(fd, `${chunk.join('\n')}\n`);
  closeSync(fd);
}

/** Peak resident memory of a process so far (Linux: VmHWM), in KiB; null once it has exited. */
function peakKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function bigImport() {
  const list = join(work, 'big.txt');
  const t0 = performance.now();
  writeList(list, LINES, 'bench');
  process.stdout.write(
    `Wrote ${LINES.toLocaleString('en')} lines (${Math.round(statSync(list).size / 1024 / 1024)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  const t1 = performance.now();
  const child = spawn(process.execPath, [cliEntry, 'rules', 'import', list, '--list', 'blocked', '--data-dir', join(work, 'cli-data')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d));
  child.stderr.on('data', (d: Buffer) => (out += d));
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, peakKb(child.pid!) ?? 0)), 50);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  clearInterval(poll);
  const seconds = (performance.now() - t1) / 1000;
  if (code !== 0) throw new Error(`rules import failed (${code}): ${out}`);
  process.stdout.write(out);
  process.stdout.write(`rules import of ${LINES.toLocaleString('en')} lines: ${seconds.toFixed(1)} s, peak RSS ${mb(peak)} (target ≤ 600 MB)\n`);
  return { lines: LINES, seconds, peakRssMb: Math.round(peak / 1024) };
}

/** Runs in its own process: posts the body file to previewImport again and again, streamed from disk. */
const uploadLoop = `
import { createReadStream, statSync } from 'node:fs';
import { request } from 'node:http';
const [url, path] = process.argv.slice(-2);
const size = statSync(path).size;
process.on('SIGTERM', () => process.exit(0));
for (;;) {
  const t = performance.now();
  const status = await new Promise((resolve, reject) => {
    const req = request(url + '/api/previewImport', { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': size, 'x-ringfence-client': 'bench' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => (res.statusCode === 200 ? resolve(res.statusCode) : reject(new Error('preview failed: ' + res.statusCode + ' ' + text.slice(0, 300)))));
    });
    req.on('error', reject);
    createReadStream(path).pipe(req);
  });
  if (status === 200) process.stdout.write('preview-ms ' + (performance.now() - t) + '\\n');
}
`;

async function latencyDuringPreview() {
  const dataDir = join(work, 'serve-data');
  const blocked = Array.from({ length: 1000 }, (_, i) => `+86170${String(i).padStart(8, '0')}`);
  const sim = await startSimulator({ link: join(work, 'modem'), profile: 'huawei-e173', timeScale: 10 });
  const traceFile = join(work, 'stages.jsonl');
  const serve = spawn(process.execPath, [cliEntry, 'serve', '--data-dir', dataDir, '--modem', sim.link, '--listen', '127.0.0.1:0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, RINGFENCE_LATENCY_TRACE: traceFile },
  });
  let log = '';
  serve.stdout.on('data', (d: Buffer) => (log += d));
  serve.stderr.on('data', (d: Buffer) => (log += d));
  const url = await new Promise<string>((resolve, reject) => {
    const t0 = performance.now();
    const timer = setInterval(() => {
      const m = log.match(/listening on (\S+)/);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      } else if (serve.exitCode !== null || performance.now() - t0 > 120_000) {
        clearInterval(timer);
        reject(new Error(log));
      }
    }, 20);
  });
  const call = async (method: string, body: unknown) =>
    (await fetch(`${url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
  for (;;) {
    const status = (await call('getStatus', {})) as { lines: { state: string }[] };
    if (status.lines[0]?.state === 'ready') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  for (const value of blocked) await call('addRule', { list: 'blocked', value, kind: 'number' });

  // The body: a PREVIEW_MB MB JSON request, as the UI sends it (a pasted or chosen list as one string).
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < PREVIEW_MB * 1024 * 1024 - 64; i++) {
    const line = `${number(i + 50_000_000)} # from a file of ${PREVIEW_MB} MB`;
    lines.push(line);
    size += line.length + 1;
  }
  const bodyPath = join(work, 'preview-body.json');
  writeFileSync(bodyPath, JSON.stringify({ list: 'blocked', content: lines.join('\n'), fileName: 'big.txt' }));
  lines.length = 0;
  process.stdout.write(`previewImport body: ${(statSync(bodyPath).size / 1024 / 1024).toFixed(1)} MB\n`);

  // The same calls with no preview running first: what the line does on this machine at this moment.
  // After each call, GAP_MS later, one bare pty round trip: the machine's own floor at that moment.
  const floor = await openFloor(join(work, 'floor'));
  const blockedCalls = async (count: number) => {
    const latency: number[] = [];
    const floorSamples: number[] = [];
    let secondRing = 0;
    for (let i = 0; i < count; i++) {
      await new Promise((r) => setTimeout(r, GAP_MS));
      const r = await sim.placeCall({ number: blocked[(i * 7) % blocked.length]!, presentation: 'allowed', rings: 3 });
      if (r.outcome !== 'rejected' || r.hangupLatencyMs === null) throw new Error(`blocked call ${i} was not rejected: ${JSON.stringify(r)}`);
      if (r.rings > 1) secondRing++;
      latency.push(r.hangupLatencyMs);
      await new Promise((r) => setTimeout(r, GAP_MS));
      floorSamples.push(await floor.sample());
    }
    return { latency, floor: stats(floorSamples), secondRing };
  };
  const settle = () => new Promise((r) => setTimeout(r, 500));
  const quiet = await blockedCalls(BASELINE_CALLS);
  const baseline = stats(quiet.latency);
  await settle();
  const baselineStages = readStages(traceFile, 'modem', 0);

  // The uploads come from a process of their own, as they would from a browser window: this process hosts
  // the simulated modem, and building and sending a 50 MB body here stalled the simulator itself for
  // seconds (its own delay then counted as Ringfence's hang-up latency).
  const uploader = spawn(process.execPath, ['--input-type=module', '-e', uploadLoop, url, bodyPath], { stdio: ['ignore', 'pipe', 'inherit'] });
  const previewTimes: number[] = [];
  let uploaderOut = '';
  uploader.stdout.on('data', (d: Buffer) => {
    uploaderOut += d;
    const done = uploaderOut.split('\n');
    uploaderOut = done.pop()!;
    for (const line of done) {
      if (line.startsWith('preview-ms ')) previewTimes.push(Number(line.slice(11)));
      else if (line) process.stdout.write(`uploader: ${line}\n`);
    }
  });
  const uploaderExit = new Promise<number | null>((r) => uploader.once('exit', r));
  // Calls start once the first upload is well under way.
  await new Promise((r) => setTimeout(r, 500));
  const { latency, secondRing, floor: duringFloor } = await blockedCalls(CALLS);
  uploader.kill('SIGTERM');
  await uploaderExit;
  const previews = previewTimes.length;
  if (previews === 0) throw new Error('no preview finished while the calls were placed: see the uploader output above');
  await settle();
  const duringStages = readStages(traceFile, 'modem', baselineStages.length);
  await floor.close();
  serve.kill('SIGTERM');
  await new Promise((r) => serve.once('exit', r));
  await sim.close();
  const e2e = stats(latency);
  process.stdout.write(
    `hang-up latency of ${BASELINE_CALLS} blocked calls with no preview running: ${fmt(baseline)}\n  floor (bare pty round trip ${GAP_MS} ms after each call): ${fmt(quiet.floor)}\n${stageTable(baselineStages)}\n`,
  );
  process.stdout.write(`${previews} previews of ${PREVIEW_MB} MB ran during the calls (each ${fmt(stats(previewTimes))})\n`);
  process.stdout.write(
    `hang-up latency of ${CALLS} blocked calls during the previews: ${fmt(e2e)} (target p99 ≤ 10 ms); calls that needed a second ring: ${secondRing}\n  floor (bare pty round trip ${GAP_MS} ms after each call): ${fmt(duringFloor)}\n${stageTable(duringStages)}\n`,
  );
  return { previewMb: PREVIEW_MB, previews, baseline, baselineFloor: quiet.floor, e2e, floor: duringFloor, secondRing };
}

try {
  const big = process.env.SKIP_BIG ? null : await bigImport();
  const during = process.env.SKIP_LATENCY ? null : await latencyDuringPreview();
  process.stdout.write(`${JSON.stringify({ bench: 'import', big, during })}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
