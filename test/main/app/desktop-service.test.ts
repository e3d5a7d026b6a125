// The shell in front of the real service (SQLite in a temp dir, electron-store settings, the demo line),
// with only Electron faked: what the window and the tray see end to end.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { methodNames, type ApiEvent } from '../../../shared/api.ts';
import { runDesktop } from '../../../main/app/desktop.ts';
import type { IpcReply } from '../../../main/app/ipc.ts';
import { startService } from '../../../main/service/index.ts';
import { FakeBrowserWindow, FakeTray, app, ipcMain, resetElectron } from './fake-electron.ts';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.ts');
  return { ...fake.electronModule, default: fake.electronModule };
});

let dir: string;
beforeEach(async () => {
  resetElectron();
  dir = mkdtempSync(join(tmpdir(), 'ringfence-desktop-service-'));
  app.home = dir;
  runDesktop({ startService: (o) => startService(o), preloadPath: 'p', rendererRoot: 'r', dataDir: dir, env: {}, platform: 'linux', proc: new EventEmitter() });
  app.makeReady();
  await vi.waitFor(() => expect(ipcMain.handlers.size).toBe(methodNames.length), { timeout: 20_000 });
});
afterEach(async () => {
  app.quit();
  await vi.waitFor(() => expect(app.quitCalls).toBe(2), { timeout: 20_000 }); // the service has closed
  rmSync(dir, { recursive: true, force: true });
});

const invoke = (method: string, input: unknown) =>
  ipcMain.handlers.get(`ringfence:${method}`)!({ senderFrame: { url: 'app://ringfence/index.html', parent: null } }, input) as Promise<IpcReply>;
const sentTypes = () => FakeBrowserWindow.all[0]!.webContents.sent.map((s) => (s.payload as ApiEvent).type);

it('answers the window from the real service, with its settings in electron-store and the no-modem notice', async () => {
  const reply = await invoke('getStatus', {});
  expect(reply).toMatchObject({ ok: true, value: { host: 'desktop', dataDir: dir, lines: [], demo: false } });
  expect((reply as { value: { notices: { code: string }[] } }).value.notices.map((n) => n.code)).toContain('no-modem');
  expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ startAtLogin: false, firstRunDone: false });
  expect(existsSync(join(dir, 'ringfence.db'))).toBe(true);
});

it("passes the service's own refusals to the page as sentences in both languages", async () => {
  const reply = await invoke('removeRule', { id: 'no-such-rule' });
  expect(reply.ok).toBe(false);
  const error = (reply as { error: { code: string; message: string } }).error;
  expect(error.code).not.toBe('internal');
  expect(error.message).toMatch(/\w+ .*\./);
});

it('runs the demo line from the window (in its sandbox, with no modem): its events reach the window and the tray says it is the demo', async () => {
  expect(await invoke('setDemo', { on: true })).toMatchObject({ ok: true, value: { demo: true } });
  expect(sentTypes()).toContain('service-changed');
  await vi.waitFor(() => expect(sentTypes()).toContain('line-status'), { timeout: 20_000 });
  expect(await invoke('pauseScreening', { minutes: 15 })).toMatchObject({ ok: true });
  // Paused or not, nothing real is screened in the sandbox: the tray keeps saying so.
  await vi.waitFor(() => expect(FakeTray.current!.tooltip).toMatch(/^Ringfence — Demo: made-up calls in a separate folder/), { timeout: 10_000 });
});
