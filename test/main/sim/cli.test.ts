// `ringfence sim` from source, as a user or a test harness runs it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliEntry } from '../../support/paths.ts';
import { tempLink } from './host.ts';

let child: ChildProcess | null = null;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

/** Starts `ringfence sim …` and resolves once it printed `line` (a regex over its stdout so far). */
function start(args: string[]) {
  const proc = spawn(process.execPath, [cliEntry, 'sim', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const waitFor = (pattern: RegExp, timeoutMs = 10_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = stdout.match(pattern);
        if (!m) return;
        proc.stdout!.off('data', check);
        clearTimeout(timer);
        resolve(m);
      };
      const timer = setTimeout(() => {
        proc.stdout!.off('data', check);
        reject(new Error(`no ${pattern} in ${timeoutMs} ms; stdout ${JSON.stringify(stdout)} stderr ${JSON.stringify(stderr)}`));
      }, timeoutMs);
      proc.stdout!.on('data', check);
      check();
    });
  return { proc, exited, waitFor, output: () => ({ stdout, stderr }) };
}

describe('ringfence sim', () => {
  it('prints its control URL, serves the control API and stops cleanly on SIGTERM', { tags: ['pty'] }, async () => {
    const link = tempLink();
    const sim = start(['--link', link, '--profile', 'sim800', '--control', '127.0.0.1:0', '--time-scale', '100']);
    const [, url] = await sim.waitFor(/^control: (http:\/\/127\.0\.0\.1:\d+)$/m);
    expect(existsSync(link)).toBe(true);
    const res = await fetch(`${url}/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ number: '13800138000', presentation: 'allowed', rings: 1 }),
    });
    expect(await res.json()).toEqual({ outcome: 'caller-hung-up', rings: 1, hangupCommand: null, hangupLatencyMs: null });
    sim.proc.kill('SIGTERM');
    expect(await sim.exited).toBe(0);
    expect(sim.output().stdout).toMatch(/^link: .*\nprofile: sim800\ncontrol: http:\/\/127\.0\.0\.1:\d+\n[\s\S]*stopped\n$/);
    expect(existsSync(link)).toBe(false);
  });

  it('plays a --script file and reports the calls', { tags: ['pty'] }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rf-sim-script-'));
    const script = join(dir, 'flood.json');
    writeFileSync(script, JSON.stringify({ steps: [{ every: 1000, for: 3000, call: { numbers: 'rotating', rings: 1 } }] }));
    const sim = start(['--link', join(dir, 'modem'), '--profile', 'huawei-e173', '--no-control', '--time-scale', '200', '--script', script]);
    await sim.waitFor(/^scenario: 3 calls, 0 rejected, 0 answered, 3 caller-hung-up$/m);
    expect(sim.output().stdout).not.toMatch(/control:/);
    sim.proc.kill('SIGINT');
    expect(await sim.exited).toBe(0);
  });

  it('refuses a control API beyond loopback (exit 2)', () => {
    const r = spawnSync(process.execPath, [cliEntry, 'sim', '--link', tempLink(), '--profile', 'sim800', '--control', '0.0.0.0:7350'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--control must listen on 127\.0\.0\.1, not 0\.0\.0\.0/);
  });

  it('refuses an unknown profile (exit 2) and an invalid script (exit 1) with the reason', () => {
    const bad = spawnSync(process.execPath, [cliEntry, 'sim', '--link', tempLink(), '--profile', 'nokia'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are huawei-e173, sim800/);
    const dir = mkdtempSync(join(tmpdir(), 'rf-sim-script-'));
    writeFileSync(join(dir, 's.json'), JSON.stringify({ steps: [{ at: 0, call: { number: '1', presentation: 'withheld' } }] }));
    const r = spawnSync(process.execPath, [cliEntry, 'sim', '--link', join(dir, 'modem'), '--profile', 'sim800', '--script', join(dir, 's.json')], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/steps\.0\.call\.number: a caller with presentation "withheld" delivers no number/);
    expect(existsSync(join(dir, 'modem'))).toBe(false);
  });

  it('says which package to install when socat is missing', () => {
    const emptyPath = mkdtempSync(join(tmpdir(), 'rf-no-socat-'));
    const r = spawnSync(process.execPath, [cliEntry, 'sim', '--link', tempLink(), '--profile', 'sim800'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: emptyPath },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/socat is not installed.*sudo apt-get install socat/);
  });
});
