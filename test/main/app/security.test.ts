import { EventEmitter } from 'node:events';
import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { guardSession, guardWebContents, isAllowedExternal, isTrustedUrl, originOf } from '../../../main/app/security.ts';
import { FakeWebContents } from './fake-electron.ts';

function guarded() {
  const contents = new FakeWebContents();
  const opened: string[] = [];
  const logs: string[] = [];
  guardWebContents(contents as unknown as WebContents, {
    trustedOrigin: 'app://ringfence',
    openExternal: async (url) => void opened.push(url),
    log: (_level, message) => void logs.push(message),
  });
  const attempt = (event: string, url: string, isMainFrame = false) => {
    let prevented = false;
    const e = { url, isMainFrame, preventDefault: () => (prevented = true) };
    contents.emit(event, ...(event === 'will-frame-navigate' ? [e] : [e, url]));
    return prevented;
  };
  return { contents, opened, logs, attempt };
}

describe('origins', () => {
  it('gives app:// its Chromium origin, which Node would call "null"', () => {
    expect(originOf('app://ringfence/index.html#/history')).toBe('app://ringfence');
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('nonsense')).toBeNull();
    expect(isTrustedUrl('app://ringfence.evil/index.html', 'app://ringfence')).toBe(false);
  });
});

describe('navigation (checklist 13)', () => {
  it('refuses to leave the app for another site and logs it', () => {
    const g = guarded();
    expect(g.attempt('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(g.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(g.attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(g.attempt('will-frame-navigate', 'https://evil.example/frame')).toBe(true);
    expect(g.opened).toEqual([]);
    expect(g.logs.join('\n')).toContain('Blocked navigation to https://evil.example/phish');
  });

  it('lets the page move within its own origin', () => {
    expect(guarded().attempt('will-navigate', 'app://ringfence/index.html')).toBe(false);
  });

  it('opens an allow-listed link in the browser instead of replacing the app, once', () => {
    const g = guarded();
    // Electron reports a main-frame navigation twice: as will-frame-navigate and as will-navigate.
    g.attempt('will-frame-navigate', 'https://github.com/ringfence/ringfence', true);
    expect(g.attempt('will-navigate', 'https://github.com/ringfence/ringfence', true)).toBe(true);
    expect(g.opened).toEqual(['https://github.com/ringfence/ringfence']);
  });

  it('never opens a subframe navigation or a redirect outside, even to an allowed site', () => {
    const g = guarded();
    expect(g.attempt('will-frame-navigate', 'https://github.com/', false)).toBe(true);
    expect(g.attempt('will-redirect', 'https://github.com/')).toBe(true);
    expect(g.opened).toEqual([]);
  });
});

describe('new windows (checklist 14) and webviews (checklist 11, 12)', () => {
  it('denies window.open, opening only allow-listed https links outside', () => {
    const g = guarded();
    expect(g.contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(g.contents.windowOpenHandler!({ url: 'https://www.12321.cn/' })).toEqual({ action: 'deny' });
    expect(g.opened).toEqual(['https://www.12321.cn/']);
  });

  it('prevents attaching any <webview>', () => {
    const g = guarded();
    let prevented = false;
    g.contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, { nodeIntegration: true }, { src: 'https://evil.example' });
    expect(prevented).toBe(true);
  });

  it('picks no Bluetooth device for the page', () => {
    const g = guarded();
    let picked: string | null = null;
    g.contents.emit('select-bluetooth-device', { preventDefault() {} }, [{ deviceId: 'x' }], (id: string) => (picked = id));
    expect(picked).toBe('');
  });
});

describe('shell.openExternal allow-list (checklist 15)', () => {
  it('allows only https pages of the listed hosts, without credentials', () => {
    expect(isAllowedExternal('https://github.com/ringfence')).toBe(true);
    expect(isAllowedExternal('https://12321.cn/')).toBe(true);
    for (const url of [
      'http://github.com/',
      'https://github.com.evil.example/',
      'https://evil.example/?https://github.com',
      'https://user:pw@github.com/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://evil/share',
      'javascript:alert(1)',
      'ms-msdt:/id',
      'not a url',
    ]) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });
});

describe('permissions and devices (checklist 5)', () => {
  function session() {
    const s = Object.assign(new EventEmitter(), {
      handlers: {} as Record<string, (...a: any[]) => any>, // eslint-disable-line @typescript-eslint/no-explicit-any
      setPermissionRequestHandler(h: never) {
        this.handlers.request = h;
      },
      setPermissionCheckHandler(h: never) {
        this.handlers.check = h;
      },
      setDevicePermissionHandler(h: never) {
        this.handlers.device = h;
      },
      setDisplayMediaRequestHandler(h: never) {
        this.handlers.display = h;
      },
    });
    guardSession(s as unknown as Session, () => {});
    return s;
  }

  it('denies every permission request and check', () => {
    const s = session();
    for (const permission of ['notifications', 'media', 'geolocation', 'serial', 'openExternal', 'clipboard-read']) {
      let granted: boolean | null = null;
      s.handlers.request!({}, permission, (g: boolean) => (granted = g), {});
      expect(granted, permission).toBe(false);
      expect(s.handlers.check!({}, permission, 'app://ringfence', {})).toBe(false);
    }
    expect(s.handlers.device!({ deviceType: 'serial' })).toBe(false);
    let streams: unknown = 'unset';
    s.handlers.display!({}, (x: unknown) => (streams = x));
    expect(streams).toBeNull();
  });

  it('hands the page no serial port, HID or USB device: the modem belongs to the service', () => {
    const s = session();
    const picks: unknown[] = [];
    s.emit('select-serial-port', { preventDefault() {} }, [{ portId: '1' }], {}, (id: string) => picks.push(id));
    s.emit('select-hid-device', { preventDefault() {} }, {}, (id?: string) => picks.push(id));
    s.emit('select-usb-device', { preventDefault() {} }, {}, (id?: string) => picks.push(id));
    expect(picks).toEqual(['', undefined, undefined]);
  });
});
