// What the page may not do: navigate away, open windows, attach <webview>s, ask for permissions or devices,
// or open arbitrary URLs in the user's browser (Electron security checklist items 5, 11–15). The page only
// ever shows our own bundle; anything else it tries is refused and logged.
import type { Session, WebContents } from 'electron';
import { APP_SCHEME } from './protocol.ts';

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

/**
 * The origin of a URL as Chromium sees it. Node's URL gives custom schemes the opaque origin "null", but
 * Chromium gives a registered standard scheme a real one (app://ringfence), so we build it ourselves.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host ? `${APP_SCHEME}://${parsed.host}` : null;
  return parsed.origin === 'null' ? null : parsed.origin;
}

export function isTrustedUrl(url: string, trustedOrigin: string): boolean {
  return originOf(url) === trustedOrigin;
}

/**
 * The only places a link in the app may open in the user's browser: the project's pages and the Chinese
 * harassment-report centre (12321) that the evidence export points to. https only, exact hosts, no
 * credentials in the URL: `shell.openExternal` hands the URL to the OS, which would happily run file:,
 * smb: or a custom handler.
 */
export const EXTERNAL_ALLOW_LIST: readonly string[] = ['https://github.com', 'https://12321.cn', 'https://www.12321.cn'];

export function isAllowedExternal(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  return EXTERNAL_ALLOW_LIST.includes(parsed.origin);
}

export type Guard = { trustedOrigin: string; openExternal: (url: string) => Promise<void>; log: Log };

/** Opens `url` in the browser when allowed; says so in the log either way. */
export function openExternalIfAllowed(url: string, guard: Guard): boolean {
  if (!isAllowedExternal(url)) {
    guard.log('warn', `Refused to open ${url} outside the app: it is not on the allow-list.`);
    return false;
  }
  void guard.openExternal(url).catch((e: unknown) => guard.log('warn', `Could not open ${url}: ${(e as Error).message}`));
  return true;
}

/** Applied to every web contents the app creates (app 'web-contents-created'), windows and anything else. */
export function guardWebContents(contents: WebContents, guard: Guard): void {
  const refuseNavigation = (event: { preventDefault(): void }, url: string, what: string, openOutside: boolean) => {
    if (isTrustedUrl(url, guard.trustedOrigin)) return;
    event.preventDefault();
    // A plain link to an allowed site opens in the browser instead of replacing the app.
    if (!(openOutside && openExternalIfAllowed(url, guard))) guard.log('warn', `Blocked ${what} to ${url}.`);
  };
  contents.on('will-navigate', (event, url) => refuseNavigation(event, event.url ?? url, 'navigation', true));
  // The main frame's navigations arrive as 'will-navigate' too; here only subframes, which never open outside.
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame) refuseNavigation(event, event.url, 'frame navigation', false);
  });
  contents.on('will-redirect', (event, url) => refuseNavigation(event, event.url ?? url, 'a redirect', false));
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url, guard);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    guard.log('warn', 'Blocked a <webview>: the app never embeds other pages.');
  });
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
}

/**
 * The page needs no permission at all: notifications come from the main process, the modem is opened by
 * the service, not by Web Serial. So every request and check is refused, and device pickers get nothing.
 */
export function guardSession(session: Session, log: Log): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log('warn', `Refused the page's request for the "${permission}" permission.`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}
