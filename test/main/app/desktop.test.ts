// The wired desktop app against a fake Electron and a fake service: single instance, close to tray, quit,
// IPC end to end, events to the window and to notifications, tray actions, first run, start at login and
// crash recovery.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { methodNames, type ApiEvent } from '../../../shared/api.ts';
import { DomainError } from '../../../shared/errors.ts';
import { runDesktop, type DesktopService, type StartService } from '../../../main/app/desktop.ts';
import type { SettingsStore } from '../../../main/settings/index.ts';
import {
  FakeBrowserWindow,
  FakeNotification,
  FakeTray,
  FakeWebContents,
  app,
  defaultSession,
  ipcMain,
  powerMonitor,
  protocol,
  resetElectron,
} from './fake-electron.ts';
import { caller, decision, line, status } from './fixtures.ts';

vi.mock('electron', async () => {
  const fake = await import('./fake-electron.ts');
  return { ...fake.electronModule, default: fake.electronModule };
});

type FakeService = DesktopService & { emit(event: ApiEvent): void; healthy: boolean; close: ReturnType<typeof vi.fn>; call: ReturnType<typeof vi.fn> };

function fakeService(): FakeService {
  const listeners = new Set<(e: ApiEvent) => void>();
  const svc = {
    healthy: true,
    call: vi.fn(async (method: string, input: unknown) => {
      if (!svc.healthy) throw new Error('database is locked');
      return method === 'getStatus' ? status() : { method, input };
    }),
    onEvent: (l: (e: ApiEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    close: vi.fn(async () => {}),
    emit: (e: ApiEvent) => listeners.forEach((l) => l(e)),
  };
  return svc as unknown as FakeService;
}

let dir: string;
let proc: EventEmitter;
let services: FakeService[];
let startService: ReturnType<typeof vi.fn> & StartService;

beforeEach(() => {
  resetElectron();
  dir = mkdtempSync(join(tmpdir(), 'ringfence-desktop-'));
  app.userData = '/nonexistent/electron-default';
  app.home = dir;
  proc = new EventEmitter();
  services = [];
  startService = vi.fn(async () => {
    const s = fakeService();
    services.push(s);
    return s;
  }) as never;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function start(options: { argv?: string[]; platform?: NodeJS.Platform; firstRunDone?: boolean } = {}) {
  const started = runDesktop({
    startService,
    preloadPath: '/app/out/preload/preload.cjs',
    rendererRoot: '/app/out/renderer',
    dataDir: dir,
    argv: options.argv ?? ['ringfence'],
    env: {},
    platform: options.platform ?? 'linux',
    proc,
  });
  if (options.firstRunDone !== undefined) {
    // The settings file as a previous run left it.
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ firstRunDone: options.firstRunDone }));
  }
  app.makeReady();
  await vi.waitFor(() => expect(ipcMain.handlers.size).toBe(methodNames.length));
  await vi.waitFor(() => expect(FakeTray.current?.menu).toBeTruthy());
  return started;
}

const windows = () => FakeBrowserWindow.getAllWindows();
const settingsOf = () => (startService.mock.calls[0]![0] as { settings: SettingsStore }).settings;
const invoke = (method: string, input: unknown) =>
  ipcMain.handlers.get(`ringfence:${method}`)!({ senderFrame: { url: 'app://ringfence/index.html', parent: null } }, input);

describe('one instance', () => {
  it('a second start hands over to the running app and quits without starting anything', () => {
    app.lock = false;
    expect(runDesktop({ startService, preloadPath: 'p', rendererRoot: 'r', dataDir: dir, proc })).toBe(false);
    expect(app.quitCalls).toBe(1);
    expect(startService).not.toHaveBeenCalled();
    expect(protocol.privileged).toEqual([]);
  });

  it('starting again focuses the window, reopening it if it was closed to the tray', async () => {
    await start();
    const [win] = windows();
    expect(win!.visible).toBe(true);
    win!.userClose();
    expect(win!.visible).toBe(false);
    app.emit('second-instance', {}, ['ringfence'], dir);
    expect(win!.visible).toBe(true);
    expect(win!.focused).toBe(1);
    expect(windows()).toHaveLength(1);
  });
});

describe('a second start before the first is ready', () => {
  it('is remembered: the window opens once start-up is done, even for an app started hidden at login', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ firstRunDone: true }));
    runDesktop({ startService, preloadPath: 'p', rendererRoot: 'r', dataDir: dir, argv: ['ringfence', '--hidden'], env: {}, platform: 'linux', proc });
    app.emit('second-instance', {}, ['ringfence'], dir);
    expect(windows()).toHaveLength(0);
    app.makeReady();
    await vi.waitFor(() => expect(windows()).toHaveLength(1));
  });
});

describe('the window', () => {
  it('loads app://ringfence with the hardened options and the preload', async () => {
    await start();
    const [win] = windows();
    expect(win!.webContents.url).toBe('app://ringfence/index.html');
    expect(win!.options).toMatchObject({
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, preload: '/app/out/preload/preload.cjs' },
    });
    expect(protocol.privileged).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(protocol.handlers.has('app')).toBe(true);
  });

  it('closing keeps screening in the tray and says so once, across restarts too', async () => {
    await start();
    const [win] = windows();
    expect(win!.userClose()).toBe(false);
    expect(win!.visible).toBe(false);
    expect(services[0]!.close).not.toHaveBeenCalled();
    expect(FakeNotification.shown).toEqual([expect.objectContaining({ title: 'Ringfence is still screening' })]);
    app.emit('second-instance');
    win!.userClose();
    expect(FakeNotification.shown).toHaveLength(1);

    resetElectron();
    await start();
    windows()[0]!.userClose();
    expect(FakeNotification.shown).toEqual([]);
  });

  it('quitting stops the service before the app exits, and then the window really closes', async () => {
    await start();
    app.quit();
    await vi.waitFor(() => expect(app.quitCalls).toBe(2));
    expect(services[0]!.close).toHaveBeenCalledOnce();
    expect(windows()[0]!.userClose()).toBe(true);
  });

  it('keeps the data, settings and logs in the data directory, which becomes userData', async () => {
    await start();
    expect(app.userData).toBe(dir);
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
    expect(existsSync(join(dir, 'logs'))).toBe(true);
  });

  it('does not hold up a shutdown: the window closes for real and the service stops', async () => {
    await start();
    const [win] = windows();
    win!.emit('session-end', {});
    expect(win!.userClose()).toBe(true);
    powerMonitor.emit('shutdown');
    await vi.waitFor(() => expect(services[0]!.close).toHaveBeenCalledOnce());
  });

  it('reloads a crashed page', async () => {
    await start();
    const contents = windows()[0]!.webContents;
    app.emit('render-process-gone', {}, contents, { reason: 'crashed', exitCode: 1 });
    expect(contents.reloads).toBe(1);
    expect(readFileSync(join(dir, 'logs', 'crash.log'), 'utf8')).toContain('renderer-gone');
  });
});

describe('security wiring', () => {
  it('guards every web contents the app creates, and the session', async () => {
    await start();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', {}, contents);
    let prevented = false;
    contents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    let granted: boolean | null = null;
    defaultSession.permissionRequest!({}, 'media', (g: boolean) => (granted = g), {});
    expect(granted).toBe(false);
  });
});

describe('the API over IPC', () => {
  it('reaches the service from our page, with the desktop notices in the status', async () => {
    await start();
    services[0]!.call.mockImplementation(async (method: string, input: unknown) => (method === 'getStatus' ? status({ lines: [] }) : { method, input }));
    const reply = (await invoke('getStatus', {})) as { ok: true; value: { notices: { code: string }[] } };
    expect(reply.ok).toBe(true);
    expect(reply.value.notices.map((n) => n.code)).toEqual(['no-modem']);
    expect(await invoke('setShield', { on: true })).toEqual({ ok: true, value: { method: 'setShield', input: { on: true } } });
  });
});

describe('events', () => {
  it('go to the window and announce a call that rings through', async () => {
    await start();
    const event: ApiEvent = {
      type: 'call-decided',
      key: 'k1',
      lineId: 'line-1',
      callerId: caller('+8613800138000'),
      decision: decision('allow', { reason: 'trusted', ruleLabel: 'Mum' }),
    };
    services[0]!.emit(event);
    expect(windows()[0]!.webContents.sent).toEqual([{ channel: 'ringfence:event', payload: event }]);
    expect(FakeNotification.shown).toEqual([expect.objectContaining({ title: 'Call from Mum' })]);
  });

  it('a flood of blocked calls shows one notification, not one per call', async () => {
    await start();
    for (let i = 0; i < 200; i++) {
      services[0]!.emit({
        type: 'call-decided',
        key: `k${i}`,
        lineId: 'line-1',
        callerId: caller(`+861700000${String(i).padStart(4, '0')}`),
        decision: decision('reject'),
      });
    }
    expect(FakeNotification.shown).toHaveLength(1);
    expect(windows()[0]!.webContents.sent).toHaveLength(200);
  });

  it('respect the user turning notifications off', async () => {
    await start();
    settingsOf().update({ notifications: { ringThrough: false } });
    services[0]!.emit({ type: 'call-decided', key: 'k', lineId: 'line-1', callerId: caller('+8613800138000'), decision: decision('allow') });
    expect(FakeNotification.shown).toEqual([]);
  });
});

describe('the tray', () => {
  const item = (label: RegExp) => FakeTray.current!.menu!.template.find((i) => label.test(String(i.label))) as { click(): void; checked?: boolean };

  it('shows the state and carries out shield and pause through the service', async () => {
    await start();
    await vi.waitFor(() => expect(FakeTray.current!.tooltip).toBe('Ringfence — Protected: every call is screened.'));
    item(/^Shield/).click();
    await vi.waitFor(() => expect(services[0]!.call).toHaveBeenCalledWith('setShield', { on: true }));
    item(/15 minutes/).click();
    await vi.waitFor(() => expect(services[0]!.call).toHaveBeenCalledWith('pauseScreening', { minutes: 15 }));
  });

  it('opens the window from the icon and quits from the menu', async () => {
    await start({ argv: ['ringfence', '--hidden'], firstRunDone: true });
    expect(windows()).toHaveLength(0);
    FakeTray.current!.emit('click');
    expect(windows()).toHaveLength(1);
    item(/^Quit/).click();
    await vi.waitFor(() => expect(services[0]!.close).toHaveBeenCalledOnce());
  });
});

describe('first run and start at login', () => {
  it('opens the window on first run even when started at login', async () => {
    await start({ argv: ['ringfence', '--hidden'] });
    expect(windows()).toHaveLength(1);
  });

  it('stays in the tray when started at login after the first run', async () => {
    await start({ argv: ['ringfence', '--hidden'], firstRunDone: true });
    expect(windows()).toHaveLength(0);
  });

  it('is off by default and follows the setting (XDG autostart on Linux)', async () => {
    await start({ platform: 'linux' });
    const entry = join(dir, '.config', 'autostart', 'ringfence.desktop');
    expect(existsSync(entry)).toBe(false);
    settingsOf().update({ startAtLogin: true });
    expect(readFileSync(entry, 'utf8')).toContain('--hidden');
    settingsOf().update({ startAtLogin: false });
    expect(existsSync(entry)).toBe(false);
  });

  it('uses the system login item on Windows, and the app id notifications need there', async () => {
    await start({ platform: 'win32' });
    expect(app.appUserModelId).toBe('org.ringfence.app');
    expect(app.loginItem).toEqual({ openAtLogin: false, args: [] });
    settingsOf().update({ startAtLogin: true });
    expect(app.loginItem).toEqual({ openAtLogin: true, args: ['--hidden'] });
  });
});

describe('the demo line (demo-mode.ts)', () => {
  const demoLine = line({ id: 'demo', path: 'demo-modem', label: '', simulated: true, profile: 'demo' });
  /** Services that answer getStatus as a real folder with no line, or (sandbox) as the sandbox with its demo line. */
  function noRealLine() {
    startService.mockImplementation(async (o: { sandbox?: boolean; dataDir: string }) => {
      const s = fakeService();
      s.call.mockImplementation(async (method: string, input: unknown) =>
        method === 'getStatus'
          ? status({ dataDir: o.dataDir, lines: o.sandbox ? [demoLine] : [], demo: o.sandbox === true, sandbox: o.sandbox === true })
          : { method, input },
      );
      services.push(s);
      return s;
    });
  }
  const options = (i: number) => startService.mock.calls[i]![0] as { dataDir: string; sandbox?: boolean; demo?: boolean; settings: SettingsStore };

  it('with no real line, moves the app into the sandbox folder with its own settings, and back', async () => {
    noRealLine();
    await start();
    expect(await invoke('setDemo', { on: true })).toEqual({ ok: true, value: { demo: true, line: demoLine } });
    expect(services[0]!.close).toHaveBeenCalledOnce();
    expect(options(1)).toMatchObject({ dataDir: join(dir, 'demo-sandbox'), sandbox: true, demo: true });
    expect(options(1).settings).not.toBe(options(0).settings);
    expect(options(1).settings.get()).toMatchObject({ homeCountry: 'CN', autoDetectModems: false, firstRunDone: true });
    // The sandbox service did not get the setDemo: it started with its demo line on.
    expect(services[1]!.call).not.toHaveBeenCalledWith('setDemo', expect.anything());
    expect(windows()[0]!.webContents.sent).toContainEqual({
      channel: 'ringfence:event',
      payload: { type: 'service-changed', dataDir: join(dir, 'demo-sandbox'), sandbox: true },
    });
    expect(await invoke('getStatus', {})).toMatchObject({ ok: true, value: { sandbox: true } });

    expect(await invoke('setDemo', { on: false })).toEqual({ ok: true, value: { demo: false, line: null } });
    expect(services[1]!.close).toHaveBeenCalledOnce();
    expect(options(2)).toMatchObject({ dataDir: dir });
    expect(options(2).settings).toBe(options(0).settings);
    expect(windows()[0]!.webContents.sent).toContainEqual({ channel: 'ringfence:event', payload: { type: 'service-changed', dataDir: dir, sandbox: false } });
  });

  it('beside a real line, never switches: the running service answers (it refuses the demo there)', async () => {
    await start(); // the fake status has a real, ready line
    expect(await invoke('setDemo', { on: true })).toEqual({ ok: true, value: { method: 'setDemo', input: { on: true } } });
    expect(startService).toHaveBeenCalledTimes(1);
    expect(services[0]!.close).not.toHaveBeenCalled();
  });

  it('nor for a configured line whose modem is not connected (it screens once the modem answers)', async () => {
    noRealLine();
    await start();
    settingsOf().update({ lines: [{ path: '/dev/ttyUSB0', label: '', hangupMethod: 'auto', enabled: true, audioPath: null }] });
    expect(await invoke('setDemo', { on: true })).toEqual({ ok: true, value: { method: 'setDemo', input: { on: true } } });
    expect(startService).toHaveBeenCalledTimes(1);
  });

  it('calls made while the app switches wait for the new service instead of failing', async () => {
    noRealLine();
    await start();
    const sandboxStart = startService.getMockImplementation() as unknown as StartService;
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    startService.mockImplementationOnce(async (o: never) => {
      await gate;
      return sandboxStart(o as Parameters<StartService>[0]);
    });
    const switching = invoke('setDemo', { on: true });
    await vi.waitFor(() => expect(startService).toHaveBeenCalledTimes(2)); // the real service is closed now
    expect(services[0]!.close).toHaveBeenCalledOnce();
    const during = invoke('getStatus', {});
    open();
    expect(await switching).toMatchObject({ ok: true, value: { demo: true } });
    expect(await during).toMatchObject({ ok: true, value: { sandbox: true } });
  });

  it('when the sandbox cannot start (another Ringfence holds it), says why and keeps the real service', async () => {
    noRealLine();
    await start();
    startService.mockImplementationOnce(async () => {
      throw new DomainError(
        'data-folder-in-use',
        { en: 'The demo folder is in use by ringfence serve (process 42).', zh: '演示文件夹正被 ringfence serve（进程 42）使用。' },
        { status: 409 },
      );
    });
    const reply = (await invoke('setDemo', { on: true })) as { ok: false; error: { code: string; message: string } };
    expect(reply.ok).toBe(false);
    expect(reply.error).toMatchObject({ code: 'data-folder-in-use', message: 'The demo folder is in use by ringfence serve (process 42).' });
    expect(options(2)).toMatchObject({ dataDir: dir });
    expect(await invoke('getStatus', {})).toMatchObject({ ok: true, value: { dataDir: dir } });
    expect(windows()[0]!.webContents.sent.some((s) => (s.payload as ApiEvent).type === 'service-changed')).toBe(false);
  });

  it('adding a modem while in the sandbox first goes back to the real folder', async () => {
    noRealLine();
    await start();
    await invoke('setDemo', { on: true });
    await invoke('addLine', { path: '/dev/ttyUSB0' });
    expect(services[1]!.close).toHaveBeenCalledOnce();
    expect(services[2]!.call).toHaveBeenCalledWith('addLine', { path: '/dev/ttyUSB0' });
    expect(options(2)).toMatchObject({ dataDir: dir });
  });

  it('the tray leaves the demo from its menu', async () => {
    noRealLine();
    await start();
    await invoke('setDemo', { on: true });
    const leave = () => FakeTray.current!.menu!.template.find((i) => i.label === 'Leave the demo') as { click(): void } | undefined;
    await vi.waitFor(() => expect(leave()).toBeTruthy());
    leave()!.click();
    await vi.waitFor(() => expect(startService).toHaveBeenCalledTimes(3));
    expect(options(2)).toMatchObject({ dataDir: dir });
    await vi.waitFor(() => expect(leave()).toBeUndefined());
  });
});

describe('crash recovery', () => {
  it('logs an uncaught exception and keeps the service when it still answers', async () => {
    await start();
    proc.emit('uncaughtException', new Error('a serial callback threw'));
    await new Promise((r) => setImmediate(r));
    expect(readFileSync(join(dir, 'logs', 'crash.log'), 'utf8')).toContain('a serial callback threw');
    expect(startService).toHaveBeenCalledTimes(1);
  });

  it('restarts the service when it stopped answering, and IPC follows the new one', async () => {
    await start();
    services[0]!.healthy = false;
    proc.emit('unhandledRejection', new Error('SQLITE_BUSY'));
    await vi.waitFor(() => expect(startService).toHaveBeenCalledTimes(2));
    expect(services[0]!.close).toHaveBeenCalledOnce();
    expect(await invoke('setShield', { on: true })).toEqual({ ok: true, value: { method: 'setShield', input: { on: true } } });
    expect(services[1]!.call).toHaveBeenCalledWith('setShield', { on: true });
    const event: ApiEvent = { type: 'line-removed', lineId: 'x' };
    services[1]!.emit(event);
    expect(windows()[0]!.webContents.sent).toContainEqual({ channel: 'ringfence:event', payload: event });
    expect(readFileSync(join(dir, 'logs', 'crash.log'), 'utf8')).toMatch(/service-restart\nafter unhandled-rejection/);
  });
});
