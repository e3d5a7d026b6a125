// Start at login: off by default, offered on first run, switched by the `startAtLogin` setting. Windows and
// macOS take it through app.setLoginItemSettings; Linux has no such API in Electron, so there it is the XDG
// autostart entry (~/.config/autostart/ringfence.desktop) that every desktop environment honours.
import { join } from 'node:path';

/** Passed when started at login: come up in the tray without opening the window. */
export const HIDDEN_ARG = '--hidden';

export type LoginItemPlan =
  { kind: 'electron'; settings: { openAtLogin: boolean; args: string[] } } | { kind: 'xdg-autostart'; path: string; content: string | null };

export type LoginItemInput = {
  platform: NodeJS.Platform;
  enabled: boolean;
  /** process.execPath: the app binary. */
  execPath: string;
  /** $APPIMAGE when running from an AppImage: execPath then points into a temporary mount. */
  appImage?: string | undefined;
  /** $XDG_CONFIG_HOME or ~/.config. */
  configHome: string;
};

/** Desktop Entry spec: quote an argument with spaces or specials, escaping ", `, $ and \ inside. */
export function quoteExecArg(arg: string): string {
  if (!/[\s"`$\\'<>~|&;*?#()]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
}

export function loginItemPlan(input: LoginItemInput): LoginItemPlan {
  if (input.platform === 'win32' || input.platform === 'darwin') {
    return { kind: 'electron', settings: { openAtLogin: input.enabled, args: input.enabled ? [HIDDEN_ARG] : [] } };
  }
  const path = join(input.configHome, 'autostart', 'ringfence.desktop');
  if (!input.enabled) return { kind: 'xdg-autostart', path, content: null };
  const exec = quoteExecArg(input.appImage || input.execPath);
  const content = [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Ringfence',
    'Comment=Screens incoming calls in the background',
    `Exec=${exec} ${HIDDEN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
  return { kind: 'xdg-autostart', path, content };
}

/** Started by the login item: stay in the tray. macOS reports it instead of passing our argument. */
export function launchedAtLogin(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return wasOpenedAtLogin || argv.includes(HIDDEN_ARG);
}
