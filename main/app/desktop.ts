// The desktop app, wired: one instance, a hardened window on app://, the service behind validated IPC, a
// tray that keeps screening with the window closed, notifications, start at login, and crash recovery.
// Every decision lives in a pure function elsewhere in main/app/; this file only connects them.
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, protocol, session, shell } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ApiEvent, MethodName, MethodOutput } from '../../shared/api.ts';
import { DomainError } from '../../shared/errors.ts';
import { demoSandboxDir, parseInput, prepareSandboxRules, prepareSandboxSettings, type ApiHost } from '../service/index.ts';
import { SettingsStore, countryFromLocale } from '../settings/index.ts';
import { dataPaths, defaultDataDir } from '../store/index.ts';
import { catchCrashes, mayRestart, openCrashLog, type CrashKind } from './crash-log.ts';
import { demoRoute, sandboxDemoReply } from './demo-mode.ts';
import { printToPdf } from './print-pdf.ts';
import { showWindowAtStart, withDesktopNotices } from './first-run.ts';
import { broadcastEvent, registerIpc } from './ipc.ts';
import { shellLanguage } from './language.ts';
import { launchedAtLogin, loginItemPlan } from './login-item.ts';
import { mainWindow, trayHintMarker } from './main-window.ts';
import { startNotifier } from './notifier.ts';
import { handleAppProtocol, registerAppScheme } from './protocol.ts';
import { guardSession, guardWebContents } from './security.ts';
import { electronStoreBackend } from './settings-backend.ts';
import { startTray } from './tray-controller.ts';
import { shellTexts } from './texts.ts';
import { rendererLocation, windowOptions } from './window.ts';

export type DesktopService = ApiHost & { close(): Promise<void> };
export type StartService = (options: {
  dataDir: string;
  settings: SettingsStore;
  host: 'desktop';
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Prints an evidence pack's report to A4 PDF (Electron's printToPDF). */
  printPdf?: (htmlPath: string, pdfPath: string) => Promise<void>;
  /** Start with the demo line on. */
  demo?: boolean;
  /** `dataDir` is the demo's sandbox folder and `settings` its own settings file (demo-mode.ts). */
  sandbox?: boolean;
}) => Promise<DesktopService>;

export type DesktopOptions = {
  startService: StartService;
  /** out/preload/preload.cjs */
  preloadPath: string;
  /** out/renderer */
  rendererRoot: string;
  /** Defaults to the headless data directory, so the app and `ringfence` commands share one history. */
  dataDir?: string;
  argv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  proc?: Parameters<typeof catchCrashes>[0];
};

/** Starts the desktop app; false when another instance already runs (it is focused instead and we quit). */
export function runDesktop(options: DesktopOptions): boolean {
  // userData is where Electron keeps its own files too; pointing it at the data directory keeps everything
  // of Ringfence's in one place, the same place the CLI and `ringfence serve` use. It goes first: Electron
  // keeps the single-instance lock in userData.
  app.setPath('userData', options.dataDir ?? defaultDataDir());
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  const argv = options.argv ?? process.argv;
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  registerAppScheme(protocol);
  // Windows shows notifications only for an app id that matches the installer's shortcut (appId).
  if (platform === 'win32') app.setAppUserModelId('org.ringfence.app');

  const paths = dataPaths(app.getPath('userData'));
  const crashLog = openCrashLog(paths.logs);
  const log = (level: 'info' | 'warn' | 'error', message: string) => {
    if (level !== 'info') crashLog.write('log', `${level}: ${message}`);
  };
  const location = rendererLocation({ isPackaged: app.isPackaged, devServerUrl: env.ELECTRON_RENDERER_URL });
  const guard = { trustedOrigin: location.origin, openExternal: (url: string) => shell.openExternal(url), log };

  let quitting = false;
  const sandboxDir = demoSandboxDir(paths.dir);
  // Settings changes the tray shows (the language); set once the tray exists.
  let settingsChanged: () => void = () => {};
  const supervisor = superviseService({
    start: async (sandbox) => {
      settings ??= new SettingsStore(electronStoreBackend(paths.dir, ipcMain), {
        firstRun: { homeCountry: countryFromLocale(env, app.getLocale()) },
      });
      if (!sandbox) {
        active = settings;
        return options.startService({ dataDir: paths.dir, settings, host: 'desktop', log, printPdf: printToPdf });
      }
      // The sandbox keeps its own settings file in its own folder (the same one `ringfence serve --demo`
      // uses); the real settings are only read, for the language and theme.
      const own = new SettingsStore(electronStoreBackend(sandboxDir, ipcMain), { firstRun: { homeCountry: 'CN' } });
      prepareSandboxSettings(own, settings);
      own.onChange(() => settingsChanged());
      const service = await options.startService({ dataDir: sandboxDir, settings: own, host: 'desktop', log, printPdf: printToPdf, demo: true, sandbox: true });
      active = own;
      try {
        await prepareSandboxRules(service);
      } catch (e) {
        log('warn', `The demo's lists could not be prepared: ${(e as Error).message}`);
      }
      return service;
    },
    dataDir: (sandbox) => (sandbox ? sandboxDir : paths.dir),
    quitting: () => quitting,
    crashLog,
    gaveUp: (kind) => notifier.say(shellTexts.stoppedTitle(), shellTexts.stoppedBody(kind, crashLog.path)),
  });
  /** The real settings (electron-store in the data folder); never written while the demo's sandbox runs. */
  let settings: SettingsStore | null = null;
  /** The settings of the service behind the window: the real ones, or the sandbox's. */
  let active: SettingsStore | null = null;
  const host: ApiHost = withDesktopNotices(
    withDemoSandbox(supervisor, () => settings?.get().lines ?? []),
    platform,
  );
  const language = () => shellLanguage(active?.get().language ?? settings?.get().language ?? 'system', app.getLocale());

  const window = mainWindow({
    options: windowOptions({ preload: options.preloadPath, isPackaged: app.isPackaged }),
    url: location.url,
    isQuitting: () => quitting,
    // Windows is logging off or shutting down: the window must close, not hide, or it blocks the session end.
    onSessionEnd: () => {
      quitting = true;
    },
    trayHint: trayHintMarker(paths.dir),
    tellTrayHint: () => notifier.say(shellTexts.stillScreeningTitle(), shellTexts.stillScreeningBody()),
    log,
  });
  // 'second-instance' and 'activate' can arrive before the app is ready; the start-up then opens it.
  let started = false;
  let showWhenReady = false;
  const showWindow = () => {
    if (started) window.show();
    else showWhenReady = true;
  };
  const notifier = startNotifier({
    prefs: () => active?.get().notifications ?? { ringThrough: true, blockedSummary: true },
    language,
    onClick: showWindow,
  });

  const applyLoginItem = loginItemSync(platform, env, log);

  catchCrashes(options.proc ?? process, crashLog, (kind) => void supervisor.recover(kind));

  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, guard));
  app.on('render-process-gone', (_event, contents, details) => {
    crashLog.write('renderer-gone', details);
    if (details.reason !== 'clean-exit' && !contents.isDestroyed()) contents.reload();
  });
  app.on('child-process-gone', (_event, details) => crashLog.write('child-process-gone', details));
  // With no listener Electron would quit when the last window closes; screening must go on in the tray.
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => {
    quitting = true;
  });
  let stopped = false;
  app.on('will-quit', (event) => {
    if (stopped || !supervisor.running()) return;
    event.preventDefault();
    notifier.stop();
    void supervisor
      .stop()
      .catch((e: unknown) => log('error', `The service did not close cleanly: ${(e as Error).message}`))
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });

  void app
    .whenReady()
    .then(async () => {
      guardSession(session.defaultSession, log);
      // Linux and macOS shutting down: quit properly (the service closes the modem) instead of hiding.
      powerMonitor.on('shutdown', () => {
        quitting = true;
        app.quit();
      });
      handleAppProtocol(protocol, options.rendererRoot);
      await supervisor.connect();
      const tray = startTray({ host, language, showWindow, quit: () => app.quit(), log });
      // A pause or a demo line started from the window sends no event; the tray re-reads the status instead.
      const changesTray = new Set<MethodName>(['pauseScreening', 'setDemo', 'addLine', 'removeLine', 'configureLine']);
      const windowHost: ApiHost = {
        call: async <M extends MethodName>(method: M, input: unknown) => {
          const output = await host.call(method, input);
          if (changesTray.has(method)) void tray.refresh();
          return output;
        },
        onEvent: host.onEvent,
      };
      registerIpc(ipcMain, windowHost, { trustedOrigin: location.origin, log });
      host.onEvent((event) => {
        broadcastEvent(
          BrowserWindow.getAllWindows().map((w) => w.webContents),
          event,
          location.origin,
        );
        tray.onEvent(event);
        notifier.onEvent(event);
      });
      const store = settings as SettingsStore;
      settingsChanged = () => void tray.refresh(); // the language may have changed
      store.onChange((changed) => {
        applyLoginItem(changed.startAtLogin);
        settingsChanged();
      });
      applyLoginItem(store.get().startAtLogin);
      const hidden = launchedAtLogin(argv, platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin);
      started = true;
      if (showWhenReady || showWindowAtStart({ firstRunDone: store.get().firstRunDone, launchedAtLogin: hidden })) window.show();
    })
    .catch((e: unknown) => {
      // Without the service there is nothing to screen with: say why, where the log is, and stop.
      crashLog.write('uncaught-exception', e);
      // Errors that carry both languages (the data folder in use by another Ringfence) say it in both.
      const text = (e as { text?: { en?: unknown; zh?: unknown } }).text;
      const message = typeof text?.en === 'string' && typeof text.zh === 'string' ? `${text.en}\n\n${text.zh}` : (e as Error).message;
      const why = shellTexts.couldNotStart(message, crashLog.path);
      dialog.showErrorBox(why.title, why.body);
      app.exit(1);
    });
  return true;
}

/** Start at login, kept in step with the setting: Electron's login items, or an XDG autostart file on Linux. */
function loginItemSync(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, log: (level: 'warn', message: string) => void): (enabled: boolean) => void {
  let loginItem: boolean | null = null;
  return (enabled) => {
    if (enabled === loginItem) return;
    loginItem = enabled;
    const plan = loginItemPlan({
      platform,
      enabled,
      execPath: process.execPath,
      appImage: env.APPIMAGE,
      configHome: env.XDG_CONFIG_HOME || join(app.getPath('home'), '.config'),
    });
    try {
      if (plan.kind === 'electron') app.setLoginItemSettings(plan.settings);
      else if (plan.content === null) rmSync(plan.path, { force: true });
      else {
        mkdirSync(dirname(plan.path), { recursive: true });
        writeFileSync(plan.path, plan.content);
      }
    } catch (e) {
      log('warn', `Could not ${enabled ? 'set up' : 'remove'} start at login: ${(e as Error).message}`);
    }
  };
}

/**
 * The service behind the window and the tray, kept alive: `host` follows it across a restart (IPC and the
 * tray hold that one), a crash is checked and answered with a restart within the restart budget, and the
 * user is told when the budget is spent.
 */
function superviseService(o: {
  /** Starts the service on the real data folder, or (`sandbox`) on the demo's sandbox. */
  start: (sandbox: boolean) => Promise<DesktopService>;
  dataDir: (sandbox: boolean) => string;
  quitting: () => boolean;
  crashLog: ReturnType<typeof openCrashLog>;
  gaveUp: (kind: CrashKind) => void;
}) {
  let service: DesktopService | null = null;
  let sandbox = false;
  /** A switch between the real folder and the sandbox under way: calls wait for it instead of failing. */
  let switching: Promise<void> | null = null;
  let unsubscribe: () => void = () => {};
  const listeners = new Set<(event: ApiEvent) => void>();
  const emit = (event: ApiEvent) => {
    for (const l of listeners) l(event);
  };
  const current = (): DesktopService => {
    if (!service) throw new DomainError('starting', shellTexts.starting(), { status: 503 });
    return service;
  };
  const connect = async () => {
    service = await o.start(sandbox);
    unsubscribe = service.onEvent(emit);
  };
  const release = async () => {
    const closing = service;
    service = null;
    unsubscribe();
    await closing?.close();
  };
  /**
   * Puts the real service or the sandbox's behind `host`. One at a time: each holds its folder's lock, so
   * the old one closes first. When the new one cannot start (another Ringfence holds that folder), the
   * previous one comes back and the error goes to whoever asked, so the app is never left without a service.
   */
  const switchTo = async (wanted: boolean): Promise<void> => {
    while (switching) await switching.catch(() => {});
    if (wanted === sandbox && service) return;
    const run = (async () => {
      const previous = sandbox;
      await release().catch((e: unknown) => o.crashLog.write('service-restart', e));
      sandbox = wanted;
      try {
        await connect();
      } catch (error) {
        sandbox = previous;
        await connect().catch((e: unknown) => o.crashLog.write('service-restart', e));
        throw error;
      }
      emit({ type: 'service-changed', dataDir: o.dataDir(sandbox), sandbox });
    })();
    switching = run;
    try {
      await run;
    } finally {
      if (switching === run) switching = null;
    }
  };
  const restartBudget: number[] = [];
  let recovering = false;
  const recover = async (kind: CrashKind) => {
    if (recovering || switching || o.quitting() || !service) return;
    recovering = true;
    try {
      const healthy = await Promise.race([
        service.call('getStatus', {}).then(
          () => true,
          () => false,
        ),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000).unref?.()),
      ]);
      if (healthy) return;
      const budget = mayRestart(restartBudget, Date.now());
      restartBudget.splice(0, restartBudget.length, ...budget.history);
      if (!budget.allowed) {
        o.gaveUp(kind);
        return;
      }
      o.crashLog.write('service-restart', `after ${kind}`);
      unsubscribe();
      await service.close().catch(() => {});
      service = null;
      await connect();
    } catch (e) {
      o.crashLog.write('service-restart', e);
    } finally {
      recovering = false;
    }
  };
  const host: ApiHost = {
    call: async <M extends MethodName>(method: M, input: unknown) => {
      while (switching) await switching.catch(() => {});
      return current().call(method, input);
    },
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    host,
    connect,
    recover,
    switchTo,
    inSandbox: () => sandbox,
    running: () => service !== null,
    /** Closes the service for good (the app is quitting). */
    async stop() {
      while (switching) await switching.catch(() => {});
      await release();
    },
  };
}

/**
 * The demo as the desktop plays it (demo-mode.ts decides where): `setDemo` moves the app into the demo's
 * sandbox and back (beside a real line the running service refuses it); adding a modem while in the
 * sandbox first goes back to the real folder, where the modem's calls belong.
 */
function withDemoSandbox(supervisor: ReturnType<typeof superviseService>, configured: () => { enabled: boolean }[]): ApiHost {
  const { host } = supervisor;
  const setDemo = async ({ on }: { on: boolean }): Promise<MethodOutput<'setDemo'>> => {
    const status = await host.call('getStatus', {});
    switch (demoRoute(on, { inSandbox: supervisor.inSandbox(), status, configured: configured() })) {
      case 'enter-sandbox':
        await supervisor.switchTo(true);
        return sandboxDemoReply(await host.call('getStatus', {}));
      case 'leave-sandbox':
        await supervisor.switchTo(false);
        return { demo: false, line: null };
      case 'service':
        return host.call('setDemo', { on });
    }
  };
  return {
    async call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
      if (method === 'setDemo') return (await setDemo(parseInput('setDemo', input))) as MethodOutput<M>;
      if (method === 'addLine' && supervisor.inSandbox()) await supervisor.switchTo(false);
      return host.call(method, input);
    },
    onEvent: host.onEvent,
  };
}
