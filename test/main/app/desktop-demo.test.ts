// The desktop app's demo (issue 15 item 6, issue 18 item 7): with no real line, "Try without a modem" moves
// the app into the demo's sandbox folder — its own service, settings and history — and back; the real
// history gets no made-up call and the real settings file is not written. With a real line set up, the demo
// is refused with the reason (main/app/demo-mode.ts): the real line keeps screening, unmixed.
// Real service, real SQLite files in a temp dir, real electron-store files; only Electron is faked.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames, type ApiEvent, type Status } from '../../../shared/api.ts';
import type { CallRecord } from '../../../shared/domain.ts';
import { runDesktop, type StartService } from '../../../main/app/desktop.ts';
import type { IpcReply } from '../../../main/app/ipc.ts';
import { startService } from '../../../main/service/index.ts';
import { FakeBrowserWindow, FakeTray, app, ipcMain, resetElectron } from './fake-electron.ts';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.ts');
  return { ...fake.electronModule, default: fake.electronModule };
});

let dir: string;
let starts: ReturnType<typeof vi.fn> & StartService;

async function launch(settings?: object) {
  if (settings) writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
  starts = vi.fn((o: Parameters<StartService>[0]) => startService(o)) as never;
  runDesktop({ startService: starts, preloadPath: 'p', rendererRoot: 'r', dataDir: dir, env: {}, platform: 'linux', proc: new EventEmitter() });
  app.makeReady();
  await vi.waitFor(() => expect(ipcMain.handlers.size).toBe(methodNames.length), { timeout: 20_000 });
}

beforeEach(() => {
  resetElectron();
  dir = mkdtempSync(join(tmpdir(), 'ringfence-desktop-demo-'));
  app.home = dir;
});
afterEach(async () => {
  app.quit();
  await vi.waitFor(() => expect(app.quitCalls).toBe(2), { timeout: 20_000 }); // the service has closed
  rmSync(dir, { recursive: true, force: true });
});

async function invoke<T>(method: string, input: unknown = {}): Promise<T> {
  const reply = (await ipcMain.handlers.get(`ringfence:${method}`)!({ senderFrame: { url: 'app://ringfence/index.html', parent: null } }, input)) as IpcReply;
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.value as T;
}
const sent = () => FakeBrowserWindow.all[0]!.webContents.sent.map((s) => s.payload as ApiEvent);
const callsIn = (db: string) => {
  const conn = new DatabaseSync(db);
  try {
    return (conn.prepare('SELECT count(*) AS n FROM history_calls').get() as { n: number }).n;
  } finally {
    conn.close();
  }
};
const ready = async () =>
  vi.waitFor(async () => expect((await invoke<Status>('getStatus')).lines.some((l) => l.simulated && l.state === 'ready')).toBe(true), { timeout: 30_000 });

describe('the demo in the desktop app, with no real line', () => {
  it('plays in its own sandbox folder with its own settings, and comes back to the untouched real folder', { timeout: 120_000 }, async () => {
    await launch();
    const sandbox = join(dir, 'demo-sandbox');
    const realSettings = readFileSync(join(dir, 'settings.json'), 'utf8');
    expect(starts).toHaveBeenCalledTimes(1);

    const on = await invoke<{ demo: boolean; line: { simulated: boolean } | null }>('setDemo', { on: true });
    expect(on.demo).toBe(true);
    expect(on.line?.simulated).toBe(true);
    // The real service closed; one on the sandbox started, with the sandbox's own settings store and the demo line.
    expect(starts).toHaveBeenCalledTimes(2);
    const [real, demo] = starts.mock.calls.map((c) => c[0] as Parameters<StartService>[0]);
    expect(real).toMatchObject({ dataDir: dir });
    expect(real!.sandbox).toBeFalsy();
    expect(demo).toMatchObject({ dataDir: sandbox, demo: true, sandbox: true });
    expect(demo!.settings).not.toBe(real!.settings);
    expect(sent()).toContainEqual({ type: 'service-changed', dataDir: sandbox, sandbox: true });
    const status = await invoke<Status>('getStatus');
    expect(status).toMatchObject({ dataDir: sandbox, demo: true, sandbox: true });
    // The tray says it is the demo, in the demo's colour, and offers the way back.
    await vi.waitFor(() => expect(FakeTray.current!.tooltip).toMatch(/^Ringfence — Demo: made-up calls in a separate folder; your history is untouched\./), {
      timeout: 10_000,
    });
    expect(FakeTray.current!.menu!.template.map((i) => i.label)).toContain('Leave the demo');

    // The sandbox is prepared as `serve --demo` prepares it: the family trusted, short floods, no hot-plug.
    const settings = JSON.parse(readFileSync(join(sandbox, 'settings.json'), 'utf8')) as { homeCountry: string; autoDetectModems: boolean };
    expect(settings).toMatchObject({ homeCountry: 'CN', autoDetectModems: false });
    const trusted = await invoke<{ rules: { label: string }[] }>('listRules', { list: 'trusted' });
    expect(trusted.rules.map((r) => r.label)).toContain('Mum 妈妈');

    // A demo call is recorded — in the sandbox's history, never the real one.
    await ready();
    expect(await invoke('ringDemo', { kind: 'blocked' })).toEqual({ calls: 1 });
    await vi.waitFor(() => expect(sent().some((e) => e.type === 'call-ended' && e.record.number === '4008123456')).toBe(true), { timeout: 60_000 });
    const record = sent().find((e): e is Extract<ApiEvent, { type: 'call-ended' }> => e.type === 'call-ended')!.record;
    expect(record.simulated).toBe(true);
    expect(callsIn(join(sandbox, 'ringfence.db'))).toBeGreaterThan(0);
    expect(callsIn(join(dir, 'ringfence.db'))).toBe(0);

    // Off: back on the real folder and the real settings, which were never written.
    expect(await invoke('setDemo', { on: false })).toEqual({ demo: false, line: null });
    expect(starts).toHaveBeenCalledTimes(3);
    expect(starts.mock.calls[2]![0]).toMatchObject({ dataDir: dir, settings: real!.settings });
    expect(sent()).toContainEqual({ type: 'service-changed', dataDir: dir, sandbox: false });
    expect(await invoke<Status>('getStatus')).toMatchObject({ dataDir: dir, demo: false, sandbox: false, lines: [] });
    expect((await invoke<{ calls: CallRecord[] }>('queryCalls', {})).calls).toEqual([]);
    expect(callsIn(join(dir, 'ringfence.db'))).toBe(0);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(realSettings);
    await vi.waitFor(() => expect(FakeTray.current!.tooltip).toBe('Ringfence — No modem connected: calls are not screened.'), { timeout: 10_000 });
  });

  it('adding a modem while in the sandbox goes back to the real folder first, where the modem is kept', { timeout: 60_000 }, async () => {
    await launch();
    await invoke('setDemo', { on: true });
    expect((await invoke<Status>('getStatus')).sandbox).toBe(true);
    await invoke('addLine', { path: join(dir, 'no-such-modem') });
    const status = await invoke<Status>('getStatus');
    expect(status).toMatchObject({ dataDir: dir, sandbox: false, demo: false });
    expect(status.lines.map((l) => l.path)).toEqual([join(dir, 'no-such-modem')]);
    const real = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { lines: { path: string }[] };
    expect(real.lines.map((l) => l.path)).toEqual([join(dir, 'no-such-modem')]);
    expect(existsSync(join(dir, 'demo-sandbox', 'settings.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'demo-sandbox', 'settings.json'), 'utf8')).lines ?? []).toEqual([]);
  });
});

describe('the demo in the desktop app, beside a real line', () => {
  it('is refused with the reason, and the real line, history and settings stay as they are', { timeout: 60_000 }, async () => {
    const modem = join(dir, 'dongle-unplugged');
    await launch({ firstRunDone: true, lines: [{ path: modem, label: 'Home', hangupMethod: 'auto', enabled: true, audioPath: null }] });
    const before = readFileSync(join(dir, 'settings.json'), 'utf8');
    await expect(invoke('setDemo', { on: true })).rejects.toThrow(/^setDemo: A modem is set up, so the demo does not start/);
    expect(starts).toHaveBeenCalledTimes(1);
    const status = await invoke<Status>('getStatus');
    expect(status).toMatchObject({ dataDir: dir, demo: false });
    expect(status.lines.map((l) => l.path)).toEqual([modem]);
    expect(sent().some((e) => e.type === 'service-changed')).toBe(false);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'demo-sandbox'))).toBe(false);
  });
});
