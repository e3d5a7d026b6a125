// How long `ringfence serve --demo` takes from launch to ready: listening, and the simulated line
// identified and initialised (serve prints its address only then). Both the bundled CLI (what `npx ringfence`
// runs after `npm run build`) and the CLI from source. Run: npm run bench -- serve-ready
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { cliEntry, repoRoot } from '../support/paths.ts';

const RUNS = Number(process.env.RUNS ?? 7);

async function once(entry: string): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rf-ready-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, [entry, 'serve', '--demo', '--data-dir', dataDir, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ms = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d;
      if (/listening on/.test(out)) resolve(performance.now() - t0);
    });
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  const url = out.match(/listening on (\S+)/)![1]!;
  const status = (await (await fetch(`${url}/api/getStatus`, { method: 'POST', body: '{}' })).json()) as { lines: { state: string }[] };
  if (status.lines[0]?.state !== 'ready') throw new Error(`demo line not ready when serve said so: ${JSON.stringify(status.lines)}`);
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const bundled = join(repoRoot, 'out', 'main', 'cli.js');
for (const [name, entry] of [
  ['bundled (out/main/cli.js)', bundled],
  ['from source (main/cli/index.ts)', cliEntry],
] as const) {
  if (!existsSync(entry)) {
    process.stdout.write(`${name}: not built (npm run build)\n`);
    continue;
  }
  await once(entry); // warm the file cache
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await once(entry));
  process.stdout.write(
    `serve --demo ready, ${name}: median ${median(times).toFixed(0)} ms, min ${Math.min(...times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (n=${RUNS})\n`,
  );
}
