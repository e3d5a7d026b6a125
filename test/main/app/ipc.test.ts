import type { ApiEvent, MethodName } from '../../../shared/api.ts';
import { methodNames } from '../../../shared/api.ts';
import { describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, METHOD_CHANNEL_PREFIX, broadcastEvent, checkSender, registerIpc, type IpcReply } from '../../../main/app/ipc.ts';
import { ApiFailure, type ApiHost } from '../../../main/service/api-host.ts';
import { FakeWebContents } from './fake-electron.ts';

const trustedOrigin = 'app://ringfence';
const mainFrame = { url: 'app://ringfence/index.html', parent: null };

function setup(call: (method: MethodName, input: unknown) => Promise<unknown> = async (method) => ({ method })) {
  const handlers = new Map<string, (event: unknown, input: unknown) => Promise<IpcReply>>();
  const host = { call: vi.fn(call), onEvent: () => () => {} } as unknown as ApiHost & { call: ReturnType<typeof vi.fn> };
  const logs: string[] = [];
  const unregister = registerIpc(
    { handle: (channel, h) => void handlers.set(channel, h as never), removeHandler: (channel) => void handlers.delete(channel) },
    host,
    { trustedOrigin, log: (level, message) => void logs.push(`${level}: ${message}`) },
  );
  const invoke = (method: string, input: unknown, senderFrame: unknown = mainFrame) => handlers.get(METHOD_CHANNEL_PREFIX + method)!({ senderFrame }, input);
  return { handlers, host, logs, invoke, unregister };
}

describe('IPC handlers', () => {
  it('registers exactly one handler per contract method, and removes them all again', () => {
    const { handlers, unregister } = setup();
    expect([...handlers.keys()].sort()).toEqual(methodNames.map((m) => `ringfence:${m}`).sort());
    unregister();
    expect(handlers.size).toBe(0);
  });

  it.each(methodNames)('passes %s from our page to the service and replies with its value', async (method) => {
    const { invoke, host } = setup(async (m) => ({ answeredBy: m }));
    const validInput: Partial<Record<MethodName, unknown>> = {
      probePort: { path: '/dev/ttyUSB0' },
      addLine: { path: '/dev/ttyUSB0' },
      removeLine: { lineId: 'l1' },
      configureLine: { lineId: 'l1' },
      getCall: { id: 1 },
      addNote: { callId: 1, text: 'threatening' },
      getStatistics: { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' },
      listRules: { list: 'blocked' },
      addRule: { list: 'blocked', value: '+86170*', kind: 'prefix' },
      interpretRule: { list: 'blocked', value: '+86170*' },
      updateRule: { id: 'r1', patch: {} },
      removeRule: { id: 'r1' },
      previewImport: { list: 'blocked', content: '+8613800138000' },
      commitImport: { token: 't' },
      exportRules: { list: 'trusted' },
      setShield: { on: true },
      pauseScreening: { minutes: 15 },
      updateSettings: { patch: {} },
      exportHistory: { format: 'csv' },
      setDemo: { on: true },
      ringDemo: { kind: 'normal' },
      getMessage: { id: 1 },
      sendComplaintSms: { draftId: 'd1', text: '13800138000*骚扰', confirmed: true },
    };
    const reply = await invoke(method, validInput[method] ?? {});
    expect(reply).toEqual({ ok: true, value: { answeredBy: method } });
    expect(host.call).toHaveBeenCalledTimes(1);
    expect(host.call.mock.calls[0]![0]).toBe(method);
  });

  it('validates the payload with the contract schema before the service sees it', async () => {
    const { invoke, host } = setup();
    const reply = await invoke('pauseScreening', { minutes: 'forever' });
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('minutes') } });
    expect(host.call).not.toHaveBeenCalled();
    const extra = await invoke('getStatus', { sneaky: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('hands the service the parsed input, defaults filled in', async () => {
    const { invoke, host } = setup();
    await invoke('listRules', { list: 'trusted' });
    expect(host.call).toHaveBeenCalledWith('listRules', { list: 'trusted', offset: 0, limit: 200 });
  });
});

describe('sender validation (checklist 17)', () => {
  it('refuses a page from a foreign origin without calling the service', async () => {
    const { invoke, host, logs } = setup();
    for (const url of ['https://evil.example/', 'app://ringfence.evil/index.html', 'file:///tmp/index.html', 'http://localhost:5173/']) {
      const reply = await invoke('setShield', { on: false }, { url, parent: null });
      expect(reply, url).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(host.call).not.toHaveBeenCalled();
    expect(logs.join('\n')).toContain('Refused IPC call setShield');
  });

  it('refuses a subframe even when it shows our own origin', async () => {
    const { invoke, host } = setup();
    const reply = await invoke('setShield', { on: false }, { url: 'app://ringfence/index.html', parent: mainFrame });
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden-sender', message: expect.stringContaining('subframe') } });
    expect(host.call).not.toHaveBeenCalled();
  });

  it('refuses a frame that is already gone', async () => {
    const { invoke } = setup();
    expect(await invoke('getStatus', {}, null)).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
  });

  it('accepts the main frame of our page, wherever in the app it is', () => {
    expect(checkSender({ url: 'app://ringfence/index.html#/rules', parent: null }, trustedOrigin)).toEqual({ ok: true });
  });
});

describe('errors crossing IPC', () => {
  it('keeps the code, the sentence and the bilingual text of a service failure', async () => {
    const text = { en: 'That line does not exist.', zh: '该线路不存在。' };
    const { invoke } = setup(async () => {
      throw new ApiFailure('not-found', text, { status: 404 });
    });
    expect(await invoke('removeLine', { lineId: 'nope' })).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That line does not exist.', text, status: 404 },
    });
  });

  it('turns an unexpected exception into an "internal" sentence and logs the stack', async () => {
    const { invoke, logs } = setup(async () => {
      throw new TypeError('cannot read properties of undefined');
    });
    const reply = await invoke('getStatus', {});
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringMatching(/unexpected problem \(cannot read properties of undefined\)/) },
    });
    expect(logs.join('\n')).toContain('TypeError');
  });

  it('does not pass a system error code off as one of ours', async () => {
    const { invoke } = setup(async () => {
      throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    });
    expect(await invoke('getStatus', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('events to the page', () => {
  const event: ApiEvent = { type: 'line-removed', lineId: 'l1' };

  it('go to every live window showing our page, payload only', () => {
    const a = Object.assign(new FakeWebContents(), { url: 'app://ringfence/index.html' });
    const b = Object.assign(new FakeWebContents(), { url: 'app://ringfence/index.html#/rules' });
    expect(broadcastEvent([a, b], event, trustedOrigin)).toBe(2);
    expect(a.sent).toEqual([{ channel: EVENT_CHANNEL, payload: event }]);
    expect(b.sent).toEqual([{ channel: EVENT_CHANNEL, payload: event }]);
  });

  it('skip destroyed windows and any that ended up elsewhere', () => {
    const gone = Object.assign(new FakeWebContents(), { url: 'app://ringfence/index.html', destroyed: true });
    const elsewhere = Object.assign(new FakeWebContents(), { url: 'https://evil.example/' });
    expect(broadcastEvent([gone, elsewhere], event, trustedOrigin)).toBe(0);
    expect(elsewhere.sent).toEqual([]);
  });
});
