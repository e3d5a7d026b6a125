import { describe, expect, it, vi } from 'vitest';
import { NO_MODEM, desktopNotices, showWindowAtStart, withDesktopNotices } from '../../../main/app/first-run.ts';
import type { ApiHost } from '../../../main/service/api-host.ts';
import { line, status } from './fixtures.ts';

describe('first run', () => {
  it('opens the window on first run even when started at login, otherwise only when not started at login', () => {
    expect(showWindowAtStart({ firstRunDone: false, launchedAtLogin: true })).toBe(true);
    expect(showWindowAtStart({ firstRunDone: true, launchedAtLogin: true })).toBe(false);
    expect(showWindowAtStart({ firstRunDone: true, launchedAtLogin: false })).toBe(true);
  });
});

describe('the no-modem notice', () => {
  it('explains what to plug in, how to fix permissions on this platform, and offers the demo line, in both languages', () => {
    const [notice] = desktopNotices(status({ lines: [] }), 'linux');
    expect(notice).toMatchObject({ code: NO_MODEM, level: 'warning' });
    expect(notice!.text.en).toMatch(/USB GSM dongle/);
    expect(notice!.text.en).toMatch(/dialout/);
    expect(notice!.text.en).toMatch(/ModemManager/);
    expect(notice!.text.en).toMatch(/demo line/);
    expect(notice!.text.zh).toMatch(/演示线路/);
    expect(desktopNotices(status({ lines: [] }), 'win32')[0]!.text.en).toMatch(/COM port/);
  });

  it('is not given once a modem or the demo line is there', () => {
    expect(desktopNotices(status({ lines: [line()] }), 'linux')).toEqual([]);
    expect(desktopNotices(status({ lines: [], demo: true }), 'linux')).toEqual([]);
  });

  it('is added to getStatus only, and only once', async () => {
    const inner = {
      call: vi.fn(async (method: string) => (method === 'getStatus' ? status({ lines: [] }) : { untouched: true })),
      onEvent: vi.fn(() => () => {}),
    } as unknown as ApiHost;
    const host = withDesktopNotices(withDesktopNotices(inner, 'linux'), 'linux');
    const s = await host.call('getStatus', {});
    expect(s.notices.map((n) => n.code)).toEqual([NO_MODEM]);
    expect(await host.call('listPorts', {})).toEqual({ untouched: true });
  });
});
