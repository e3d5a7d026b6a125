// `ringfence serve --demo` (what `npm start` runs without Electron) as a newcomer meets it: its calls in a
// sandbox folder of its own, never the real history; the browser opened on it; the next free port when the
// default is taken; the demo's family trusted and its sales line blocked, so "Ring the demo line" shows each
// outcome.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/api.ts';
import type { CallRecord, Rule } from '../../../shared/domain.ts';
import { cliEntry } from '../../support/paths.ts';
import { waitFor } from '../../support/wait.ts';

const dir = mkdtempSync(join(tmpdir(), 'rf-demo-sandbox-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Holds 127.0.0.1:7345 for the test, unless another program already does: either way it is taken. */
function occupyDefaultPort(): Promise<Server | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(null));
    server.listen(7345, '127.0.0.1', () => resolve(server));
  });
}

describe('ringfence serve --demo', () => {
  it('plays in its own sandbox on a free port, opens the browser, and trusts the demo family there', { timeout: 120_000 }, async () => {
    const xdg = join(dir, 'xdg');
    const opened = join(dir, 'opened.txt');
    const browser = join(dir, 'browser.sh');
    writeFileSync(browser, `#!/bin/sh\necho "$1" >> ${JSON.stringify(opened)}\n`);
    chmodSync(browser, 0o755);
    const blocker = await occupyDefaultPort();
    const proc = spawn(process.execPath, [cliEntry, 'serve', '--demo', '--open'], {
      env: { ...process.env, XDG_DATA_HOME: xdg, BROWSER: browser },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(() => /listening on http:\/\/\S+/.test(out), 'serve to listen', 60_000);
      const url = out.match(/listening on (http:\/\/\S+)/)![1]!;
      expect(new URL(url).port).not.toBe('7345');
      expect(out).toContain('Port 7345 is in use');
      const sandbox = join(xdg, 'ringfence', 'demo-sandbox');
      expect(out).toContain(`its made-up calls stay in ${sandbox}`);
      await waitFor(() => existsSync(opened) && readFileSync(opened, 'utf8').trim() === url, 'the browser to be opened on the address', 20_000);

      const call = async <T>(method: string, input: unknown = {}) => {
        const res = await fetch(`${url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
        expect(res.status).toBe(200);
        return (await res.json()) as T;
      };
      const status = await call<Status>('getStatus');
      expect(status.demo).toBe(true);
      expect(status.dataDir).toBe(sandbox);
      expect(status.sandbox).toBe(true); // the UI says so on every page
      // The sandbox's flood shield ends after 2 quiet minutes, so the demo's own flood ends within its cycle;
      // a modem plugged in meanwhile is not picked up: its real calls belong in the real history.
      const settings = await call<{ homeCountry: string; autoDetectModems: boolean; screening: { shield: { quietMinutes: number } } }>('getSettings');
      expect(settings.screening.shield.quietMinutes).toBe(2);
      expect(settings.homeCountry).toBe('CN');
      expect(settings.autoDetectModems).toBe(false);
      const trusted = (await call<{ rules: Rule[] }>('listRules', { list: 'trusted' })).rules;
      expect(trusted.map((r) => [r.value, r.label])).toEqual(
        expect.arrayContaining([
          ['+8613800138000', 'Mum 妈妈'],
          ['+8613912345678', 'Dad 爸爸'],
          ['+862164381234', 'Clinic 社区医院'],
        ]),
      );

      // "A caller on the blocked list" rings the demo line, is rejected, and is recorded in the sandbox only.
      await waitFor(async () => (await call<Status>('getStatus')).lines.some((l) => l.state === 'ready'), 'the demo line to be ready', 30_000);
      expect(await call<{ calls: number }>('ringDemo', { kind: 'blocked' })).toEqual({ calls: 1 });
      const blocked = async () => (await call<{ calls: CallRecord[] }>('queryCalls', { number: '4008123456' })).calls;
      await waitFor(async () => (await blocked()).length > 0, 'the blocked demo call to be recorded', 60_000);
      const [record] = await blocked();
      expect(record!.decision.action).toBe('reject');
      expect(record!.simulated).toBe(true);
      expect(existsSync(join(xdg, 'ringfence', 'ringfence.db'))).toBe(false);
    } finally {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      blocker?.close();
    }
  });
});
