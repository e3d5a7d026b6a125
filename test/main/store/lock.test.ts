// One data folder, one writer: a second `ringfence serve` on a folder that one already screens is refused
// with a sentence naming the process that holds it; a lock left by a process that is gone is taken over.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataLock, DataLockError, lockFileName } from '../../../main/store/lock.ts';
import { cliEntry } from '../../support/paths.ts';
import { startServe } from '../../support/serve.ts';

const root = mkdtempSync(join(tmpdir(), 'rf-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const folder = (name: string) => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** The PID of a process that has certainly exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the data-folder lock', () => {
  it('refuses a second ringfence serve on the same folder, naming the process that holds it', async () => {
    const dataDir = folder('two-serves');
    const first = await startServe(['--data-dir', dataDir]);
    try {
      const lock = JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')) as { pid: number; startedAt: string; what: string };
      expect(lock).toMatchObject({ pid: first.proc.pid, what: 'ringfence serve' });
      expect(Date.parse(lock.startedAt)).not.toBeNaN();

      const second = spawnSync(process.execPath, [cliEntry, 'serve', '--data-dir', dataDir, '--listen', '127.0.0.1:0'], { encoding: 'utf8', timeout: 30_000 });
      expect(second.status).toBe(1);
      expect(second.stderr).toContain(`The data folder ${dataDir} is already in use by ringfence serve (process ${first.proc.pid}, started `);
      expect(second.stderr).toContain('stop that one first, or use another data folder (--data-dir)');
      expect(second.stdout).not.toContain('listening');
      // The first one still serves, and still holds the folder.
      expect((await first.call('getStatus')).status).toBe(200);
      expect(existsSync(join(dataDir, lockFileName))).toBe(true);
    } finally {
      await first.stop();
    }
    // Stopped cleanly: the folder is free again.
    expect(existsSync(join(dataDir, lockFileName))).toBe(false);
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const dataDir = folder('stale');
    const gone = deadPid();
    writeFileSync(join(dataDir, lockFileName), JSON.stringify({ pid: gone, startedAt: '2026-01-01T00:00:00.000Z', host: hostname(), what: 'ringfence serve' }));
    const serve = await startServe(['--data-dir', dataDir]);
    try {
      const lock = JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8')) as { pid: number };
      expect(lock.pid).toBe(serve.proc.pid);
    } finally {
      await serve.stop();
    }
  });

  it('is freed when its process is killed outright, so the next start takes it', async () => {
    const dataDir = folder('killed');
    const serve = await startServe(['--data-dir', dataDir]);
    const exited = new Promise((resolve) => serve.proc.once('exit', resolve));
    serve.proc.kill('SIGKILL');
    await exited;
    expect(existsSync(join(dataDir, lockFileName))).toBe(true);
    const next = await startServe(['--data-dir', dataDir]);
    await next.stop();
  });

  it('refuses a lock held by a live process in this one, and frees it on release', () => {
    const dataDir = folder('in-process');
    const lock = acquireDataLock(dataDir, 'the Ringfence app');
    expect(() => acquireDataLock(dataDir, 'ringfence serve')).toThrow(DataLockError);
    expect(() => acquireDataLock(dataDir, 'ringfence serve')).toThrow(`is already in use by the Ringfence app (process ${process.pid}, started `);
    lock.release();
    acquireDataLock(dataDir, 'ringfence serve').release();
  });

  it('names the other computer when the folder is shared and held there', () => {
    const dataDir = folder('shared');
    writeFileSync(
      join(dataDir, lockFileName),
      JSON.stringify({ pid: 4242, startedAt: new Date().toISOString(), host: 'pi-by-the-phone', what: 'ringfence serve' }),
    );
    expect(() => acquireDataLock(dataDir, 'ringfence serve')).toThrow(/in use by ringfence serve on the computer "pi-by-the-phone" \(process 4242/);
  });

  it('takes over a damaged lock file', () => {
    const dataDir = folder('damaged');
    writeFileSync(join(dataDir, lockFileName), '{"pid": ');
    const lock = acquireDataLock(dataDir, 'ringfence serve');
    expect(JSON.parse(readFileSync(join(dataDir, lockFileName), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('is released by a process that exits without closing the service', async () => {
    const dataDir = folder('exit');
    const script = `import { acquireDataLock } from ${JSON.stringify(join(import.meta.dirname, '../../../main/store/lock.ts'))}; acquireDataLock(${JSON.stringify(dataDir)}, 'x'); process.exit(3);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'inherit' });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(3);
    expect(existsSync(join(dataDir, lockFileName))).toBe(false);
  });
});
