// The main window as data: its options, where its page comes from, and what closing it means. Everything
// here is a pure function; main-window.ts applies it.
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY, APP_ORIGIN } from './protocol.ts';

export type WindowInput = {
  /** Absolute path of the built preload (out/preload/preload.cjs). */
  preload: string;
  /** DevTools only while developing: a packaged app has no use for them and they widen the attack surface. */
  isPackaged: boolean;
  icon?: string;
};

/**
 * Electron's security checklist, items 2–4, 6, 8–12 and 20, as window options. Every risky preference is
 * spelled out even where it is already the default, so a future default change or a careless edit shows up
 * in a test instead of in production.
 */
export function windowOptions(input: WindowInput): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Ringfence',
    autoHideMenuBar: true,
    ...(input.icon ? { icon: input.icon } : {}),
    webPreferences: {
      preload: input.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // A middle-click would try to open a link in a new window; the open handler denies it anyway, but
      // without the feature there is no attempt at all (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      enableWebSQL: false,
      spellcheck: false,
      devTools: !input.isPackaged,
    },
  };
}

export type RendererLocation = { url: string; origin: string };

/**
 * Where the window's page comes from. The packaged app always uses app://. While developing, electron-vite
 * serves the renderer with hot reload and passes its URL in ELECTRON_RENDERER_URL; we accept it only from
 * an unpackaged app and only on the loopback interface, so an environment variable cannot point a user's
 * installed app at a remote page.
 */
export function rendererLocation(input: { isPackaged: boolean; devServerUrl?: string | undefined }): RendererLocation {
  const fallback = { url: APP_ENTRY, origin: APP_ORIGIN };
  if (input.isPackaged || !input.devServerUrl) return fallback;
  let dev: URL;
  try {
    dev = new URL(input.devServerUrl);
  } catch {
    return fallback;
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(dev.hostname);
  if (dev.protocol !== 'http:' || !loopback) return fallback;
  return { url: dev.href, origin: dev.origin };
}

export type CloseDecision = { keepRunning: boolean; tellUser: boolean };

/**
 * Closing the window hides it: screening must go on with the window closed. The first time, we say so,
 * once per installation. Only a real quit (tray menu, Cmd+Q, system shutdown) closes it for good.
 */
export function closeDecision(input: { quitting: boolean; trayHintShown: boolean }): CloseDecision {
  if (input.quitting) return { keepRunning: false, tellUser: false };
  return { keepRunning: true, tellUser: !input.trayHintShown };
}
