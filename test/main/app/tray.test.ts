import { inflateSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import type { ApiHost } from '../../../main/service/api-host.ts';
import { applyTrayEvent, emptyTrayModel, runTrayAction, trayMenu, trayModelFromStatus, trayState, trayTooltip, type TrayItem } from '../../../main/app/tray.ts';
import { markPng, stateColours } from '../../../main/app/tray-icon.ts';
import { line, shield, status } from './fixtures.ts';

const now = new Date('2026-03-01T10:00:00Z');
const model = (s = status()) => trayModelFromStatus(s);
const actions = (items: TrayItem[]) => items.flatMap((i) => ('action' in i ? [i.action] : []));

describe('the tray state', () => {
  it('is protected when every line is healthy', () => {
    expect(trayState(model(), now)).toBe('protected');
  });

  it('says no line, in red, when no modem is connected', () => {
    expect(trayState(model(status({ lines: [] })), now)).toBe('no-line');
    expect(stateColours['no-line']).toEqual(stateColours.problem);
    expect(trayTooltip(model(status({ lines: [] })), 'en', now)).toBe('Ringfence — No modem connected: calls are not screened.');
  });

  it('says connecting, not protected, while no line is ready yet', () => {
    expect(trayState(model(status({ lines: [line({ state: 'connecting' })] })), now)).toBe('connecting');
  });

  it('shows a problem for a line in error or with a problem, before anything else', () => {
    const lost = line({ state: 'disconnected' });
    const pin = line({ problem: { code: 'sim-pin', text: { en: 'The SIM card asks for its PIN.', zh: 'SIM 卡需要输入 PIN 码。' } } });
    const paused = '2026-03-01T10:15:00Z';
    expect(trayState(model(status({ lines: [lost], pausedUntil: paused, shield: shield({ active: true }) })), now)).toBe('problem');
    expect(trayTooltip(model(status({ lines: [pin] })), 'zh', now)).toBe('Ringfence — SIM 卡需要输入 PIN 码。');
  });

  it('shows paused until the pause runs out, then the shield or protected again', () => {
    const m = model(status({ pausedUntil: '2026-03-01T10:15:00Z', shield: shield({ active: true }) }));
    expect(trayState(m, now)).toBe('paused');
    expect(trayState(m, new Date('2026-03-01T10:16:00Z'))).toBe('shield');
  });

  it('is "starting" until the service has answered', () => {
    expect(trayState(emptyTrayModel, now)).toBe('starting');
    expect(
      trayMenu(emptyTrayModel, 'en', now)
        .filter((i) => 'enabled' in i && i.enabled)
        .map((i) => ('action' in i ? i.action : '')),
    ).toEqual(['open', 'quit']);
  });

  it('says "Demo", in the simulated purple, when only made-up calls are screened — never "protected"', () => {
    const demoLine = line({ id: 'demo', label: '', simulated: true });
    const sandbox = model(status({ lines: [demoLine], demo: true, sandbox: true, pausedUntil: '2026-03-01T10:15:00Z', shield: shield({ active: true }) }));
    expect(trayState(sandbox, now)).toBe('demo');
    expect(trayTooltip(sandbox, 'en', now)).toBe('Ringfence — Demo: made-up calls in a separate folder; your history is untouched. No real line is screened.');
    expect(trayTooltip(sandbox, 'zh', now)).toBe('Ringfence — 演示：虚构来电保存在单独的文件夹中，您的通话记录不受影响。目前没有筛选任何真实线路。');
    expect(stateColours.demo).toEqual([107, 63, 160]);
    // The demo line alone in a real folder screens nothing real either; beside a real line the real line's state shows.
    expect(trayState(model(status({ lines: [demoLine], demo: true })), now)).toBe('demo');
    expect(trayState(model(status({ lines: [line(), demoLine], demo: true })), now)).toBe('protected');
  });

  it('follows line and shield events between status reads', () => {
    let m = model();
    m = applyTrayEvent(m, { type: 'line-status', line: line({ state: 'error' }) });
    expect(trayState(m, now)).toBe('problem');
    m = applyTrayEvent(m, { type: 'line-status', line: line({ id: 'line-2' }) });
    expect(m.lines.map((l) => l.id)).toEqual(['line-1', 'line-2']);
    m = applyTrayEvent(m, { type: 'line-removed', lineId: 'line-1' });
    expect(trayState(m, now)).toBe('protected');
    m = applyTrayEvent(m, { type: 'shield-changed', shield: shield({ active: true }) });
    expect(trayState(m, now)).toBe('shield');
    expect(applyTrayEvent(m, { type: 'rules-changed', list: 'blocked' })).toBe(m);
  });
});

describe('the tray menu', () => {
  it('offers open, shield, pause for 15 minutes and 1 hour, and quit', () => {
    const items = trayMenu(model(), 'en', now);
    expect(actions(items)).toEqual(['open', 'shield-on', 'pause-15', 'pause-60', 'quit']);
    expect(items[0]).toEqual({ type: 'label', label: 'Ringfence — Protected: every call is screened.' });
  });

  it('offers to turn the shield off while it is on, shown checked', () => {
    const items = trayMenu(model(status({ shield: shield({ active: true }) })), 'en', now);
    expect(items.find((i) => i.type === 'checkbox')).toMatchObject({ action: 'shield-off', checked: true, enabled: true });
  });

  it('offers to resume instead of pausing while paused', () => {
    const items = trayMenu(model(status({ pausedUntil: '2026-03-01T10:15:00Z' })), 'en', now);
    expect(actions(items)).toEqual(['open', 'shield-on', 'resume', 'quit']);
  });

  it('offers to leave the demo while the app plays it in its sandbox', () => {
    const sandbox = model(status({ lines: [line({ id: 'demo', simulated: true })], demo: true, sandbox: true }));
    expect(actions(trayMenu(sandbox, 'en', now))).toEqual(['open', 'shield-on', 'pause-15', 'pause-60', 'leave-demo', 'quit']);
    expect(trayMenu(sandbox, 'zh', now)).toContainEqual({ type: 'action', action: 'leave-demo', label: '退出演示', enabled: true });
    expect(actions(trayMenu(model(status({ demo: true })), 'en', now))).not.toContain('leave-demo');
  });

  it('speaks Chinese', () => {
    const labels = trayMenu(model(), 'zh', now).flatMap((i) => ('label' in i ? [i.label] : []));
    expect(labels).toEqual([
      'Ringfence — 已保护：每个来电都会被筛选。',
      '打开 Ringfence',
      '防护（仅信任的来电接通）',
      '暂停筛选 15 分钟',
      '暂停筛选 1 小时',
      '退出 Ringfence（停止筛选）',
    ]);
  });
});

describe('tray actions', () => {
  function effects() {
    const host = { call: vi.fn(async () => ({})), onEvent: () => () => {} } as unknown as ApiHost & { call: ReturnType<typeof vi.fn> };
    return { host, showWindow: vi.fn(), quit: vi.fn() };
  }

  it('turn the shield on and off through the API', async () => {
    const e = effects();
    await runTrayAction('shield-on', e);
    await runTrayAction('shield-off', e);
    expect(e.host.call.mock.calls).toEqual([
      ['setShield', { on: true }],
      ['setShield', { on: false }],
    ]);
  });

  it('pause for 15 or 60 minutes, and resume', async () => {
    const e = effects();
    await runTrayAction('pause-15', e);
    await runTrayAction('pause-60', e);
    await runTrayAction('resume', e);
    expect(e.host.call.mock.calls).toEqual([
      ['pauseScreening', { minutes: 15 }],
      ['pauseScreening', { minutes: 60 }],
      ['pauseScreening', { minutes: null }],
    ]);
  });

  it('leave the demo through the API', async () => {
    const e = effects();
    await runTrayAction('leave-demo', e);
    expect(e.host.call.mock.calls).toEqual([['setDemo', { on: false }]]);
  });

  it('open the window or quit without touching the service', async () => {
    const e = effects();
    await runTrayAction('open', e);
    await runTrayAction('quit', e);
    expect(e.showWindow).toHaveBeenCalledOnce();
    expect(e.quit).toHaveBeenCalledOnce();
    expect(e.host.call).not.toHaveBeenCalled();
  });
});

describe('the tray icon', () => {
  function decode(png: Buffer) {
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    const idatLength = png.readUInt32BE(33);
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    const pixel = (x: number, y: number) => [...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 4)];
    return { width, height, pixel };
  }

  it('is a valid PNG whose centre dot has the colour of the state', () => {
    for (const state of ['protected', 'problem', 'paused', 'shield', 'starting', 'demo'] as const) {
      const { width, height, pixel } = decode(markPng(32, state));
      expect([width, height]).toEqual([32, 32]);
      expect(pixel(16, 16)).toEqual([...stateColours[state], 255]);
      expect(pixel(0, 0)[3]).toBe(0); // transparent corner
    }
  });
});
