// The one main window: created on demand, focused when the app is started again, hidden (not closed) when
// the user closes it so screening goes on in the tray, with a one-time explanation.
import { BrowserWindow } from 'electron';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { closeDecision } from './window.ts';

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

/** Remembers, in the data directory, that the user was told closing keeps Ringfence in the tray. */
export function trayHintMarker(dataDir: string): { shown(): boolean; markShown(): void } {
  const path = join(dataDir, '.tray-hint-shown');
  return {
    shown: () => existsSync(path),
    markShown: () => {
      try {
        writeFileSync(path, `${new Date().toISOString()}\n`);
      } catch {
        // Telling the user twice is better than not starting.
      }
    },
  };
}

export type MainWindowDeps = {
  options: BrowserWindowConstructorOptions;
  url: string;
  isQuitting: () => boolean;
  onSessionEnd: () => void;
  trayHint: { shown(): boolean; markShown(): void };
  /** Shows "Ringfence keeps screening in the tray" (a notification). */
  tellTrayHint: () => void;
  log: Log;
};

export type MainWindow = { show(): BrowserWindow; current(): BrowserWindow | null };

export function mainWindow(deps: MainWindowDeps): MainWindow {
  let win: BrowserWindow | null = null;

  const create = (): BrowserWindow => {
    const created = new BrowserWindow(deps.options);
    created.once('ready-to-show', () => created.show());
    created.on('close', (event) => {
      const decision = closeDecision({ quitting: deps.isQuitting(), trayHintShown: deps.trayHint.shown() });
      if (!decision.keepRunning) return;
      event.preventDefault();
      created.hide();
      if (decision.tellUser) {
        deps.trayHint.markShown();
        deps.tellTrayHint();
      }
    });
    created.on('session-end', () => deps.onSessionEnd());
    created.on('closed', () => {
      if (win === created) win = null;
    });
    created.loadURL(deps.url).catch((e: unknown) => deps.log('error', `The window could not load ${deps.url}: ${(e as Error).message}`));
    return created;
  };

  return {
    show() {
      if (!win || win.isDestroyed()) {
        win = create();
        return win;
      }
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
      return win;
    },
    current: () => (win && !win.isDestroyed() ? win : null),
  };
}
