import { describe, expect, it } from 'vitest';
import { HIDDEN_ARG, launchedAtLogin, loginItemPlan, quoteExecArg } from '../../../main/app/login-item.ts';

const base = { execPath: '/opt/Ringfence/ringfence', configHome: '/home/li/.config' };

describe('start at login', () => {
  it('uses Electron login items on Windows and macOS, starting hidden in the tray', () => {
    expect(loginItemPlan({ ...base, platform: 'win32', enabled: true })).toEqual({ kind: 'electron', settings: { openAtLogin: true, args: [HIDDEN_ARG] } });
    expect(loginItemPlan({ ...base, platform: 'darwin', enabled: false })).toEqual({ kind: 'electron', settings: { openAtLogin: false, args: [] } });
  });

  it('writes an XDG autostart entry on Linux, and removes it when turned off', () => {
    const on = loginItemPlan({ ...base, platform: 'linux', enabled: true });
    expect(on).toMatchObject({ kind: 'xdg-autostart', path: '/home/li/.config/autostart/ringfence.desktop' });
    expect(on.kind === 'xdg-autostart' && on.content).toContain('Exec=/opt/Ringfence/ringfence --hidden\n');
    expect(on.kind === 'xdg-autostart' && on.content).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(loginItemPlan({ ...base, platform: 'linux', enabled: false })).toEqual({
      kind: 'xdg-autostart',
      path: '/home/li/.config/autostart/ringfence.desktop',
      content: null,
    });
  });

  it('starts the AppImage itself, not its temporary mount', () => {
    const plan = loginItemPlan({
      ...base,
      platform: 'linux',
      enabled: true,
      execPath: '/tmp/.mount_RingfXYZ/ringfence',
      appImage: '/home/li/Apps/Ringfence 0.1.AppImage',
    });
    expect(plan.kind === 'xdg-autostart' && plan.content).toContain('Exec="/home/li/Apps/Ringfence 0.1.AppImage" --hidden\n');
  });

  it('quotes Exec arguments as the Desktop Entry spec says', () => {
    expect(quoteExecArg('/usr/bin/ringfence')).toBe('/usr/bin/ringfence');
    expect(quoteExecArg('/home/a b/$x"y`z\\')).toBe('"/home/a b/\\$x\\"y\\`z\\\\"');
  });

  it('knows it was started at login from the argument or, on macOS, from the system', () => {
    expect(launchedAtLogin(['/opt/Ringfence/ringfence', '--hidden'], false)).toBe(true);
    expect(launchedAtLogin(['/Applications/Ringfence.app/Contents/MacOS/Ringfence'], true)).toBe(true);
    expect(launchedAtLogin(['/opt/Ringfence/ringfence'], false)).toBe(false);
  });
});
