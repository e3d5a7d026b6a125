// The preload surface: exactly one object, exactly the contract's methods plus onEvent, and nothing of
// Electron's reaching the page. Also checks the built bundle is one file a sandboxed preload can run.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames } from '../../../shared/api.ts';
import { EVENT_CHANNEL, METHOD_CHANNEL_PREFIX } from '../../../main/app/ipc.ts';
import { repoRoot } from '../../support/paths.ts';

const bridge = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => void;
  const listeners = new Map<string, Set<Listener>>();
  return {
    exposed: [] as [string, Record<string, unknown>][],
    invoked: [] as [string, unknown][],
    reply: (channel: string, input: unknown): unknown => ({ ok: true, value: { channel, input } }),
    listeners,
    emit(channel: string, ...args: unknown[]) {
      for (const l of listeners.get(channel) ?? []) l(...args);
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => void bridge.exposed.push([key, api]) },
  ipcRenderer: {
    invoke: async (channel: string, input: unknown) => {
      bridge.invoked.push([channel, input]);
      return bridge.reply(channel, input);
    },
    on: (channel: string, l: (...args: unknown[]) => void) => {
      if (!bridge.listeners.has(channel)) bridge.listeners.set(channel, new Set());
      bridge.listeners.get(channel)!.add(l);
    },
    removeListener: (channel: string, l: (...args: unknown[]) => void) => void bridge.listeners.get(channel)?.delete(l),
  },
}));

type Api = Record<string, (...args: unknown[]) => unknown>;
let api: Api;

beforeAll(async () => {
  await import('../../../main/preload.ts');
  api = bridge.exposed[0]![1] as Api;
});

describe('the preload surface (checklist 20)', () => {
  it('exposes exactly one object, window.ringfence, and freezes it', () => {
    expect(bridge.exposed).toHaveLength(1);
    expect(bridge.exposed[0]![0]).toBe('ringfence');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('offers exactly the contract methods plus onEvent, all functions', () => {
    expect(Object.keys(api).sort()).toEqual([...methodNames, 'onEvent'].sort());
    for (const [name, value] of Object.entries(api)) expect(typeof value, name).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('calls each method on its own channel, the one main registers', async () => {
    bridge.invoked.length = 0;
    const result = await api.setShield!({ on: true });
    expect(bridge.invoked).toEqual([[`${METHOD_CHANNEL_PREFIX}setShield`, { on: true }]]);
    expect(result).toEqual({ channel: 'ringfence:setShield', input: { on: true } });
    await api.getStatus!();
    expect(bridge.invoked[1]).toEqual(['ringfence:getStatus', {}]);
  });

  it('rejects with the sentence, the code and the bilingual text when main replies with an error', async () => {
    const text = { en: 'That line does not exist.', zh: '该线路不存在。' };
    bridge.reply = () => ({ ok: false, error: { code: 'not-found', message: 'That line does not exist.', text } });
    await expect(api.removeLine!({ lineId: 'x' })).rejects.toEqual({ name: 'RingfenceError', code: 'not-found', message: 'That line does not exist.', text });
    bridge.reply = (channel, input) => ({ ok: true, value: { channel, input } });
  });

  it('gives event listeners the payload only, never the IPC event, and unsubscribes', () => {
    const received: unknown[][] = [];
    const off = api.onEvent!((...args: unknown[]) => received.push(args)) as () => void;
    const ipcEvent = { sender: { send() {} }, ports: [] };
    const payload = { type: 'line-removed', lineId: 'l1' };
    bridge.emit(EVENT_CHANNEL, ipcEvent, payload);
    expect(received).toEqual([[payload]]);
    off();
    bridge.emit(EVENT_CHANNEL, ipcEvent, payload);
    expect(received).toHaveLength(1);
    expect(bridge.listeners.get(EVENT_CHANNEL)?.size ?? 0).toBe(0);
  });
});

describe('the built preload bundle', () => {
  let dir: string;
  let code: string;

  beforeAll(() => {
    // Builds the preload alone with the real build's config section (a second or so), into a temp dir, so
    // the check neither depends on nor disturbs out/.
    dir = mkdtempSync(join(tmpdir(), 'ringfence-preload-'));
    execFileSync(
      join(repoRoot, 'node_modules', '.bin', 'electron-vite'),
      ['build', '-c', 'test/main/app/preload-only.config.ts', '--outDir', dir, '--logLevel', 'error'],
      {
        cwd: repoRoot,
        stdio: 'pipe',
        timeout: 120_000,
      },
    );
    expect(readdirSync(join(dir, 'preload'))).toEqual(['preload.cjs']);
    code = readFileSync(join(dir, 'preload', 'preload.cjs'), 'utf8');
  }, 130_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is one CommonJS file whose only require is electron (a sandboxed preload can load nothing else)', () => {
    const requires = [...code.matchAll(/\brequire\(\s*(["'`])([^"'`]+)\1\s*\)/g)].map((m) => m[2]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bimport\s*\(|^\s*import\s.+from\s/m);
    expect(code).not.toMatch(/\brequire\(\s*[^"'`\s]/); // no computed require either
    expect(code).toContain('exposeInMainWorld');
  });
});
