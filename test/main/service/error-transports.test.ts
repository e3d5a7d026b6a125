// One failure, two transports: what the service throws reaches the UI identically over Electron IPC (the real
// preload and IPC handlers, only electron itself mocked) and over HTTP (the real server and the browser's HTTP
// transport) — the same code, status, sentence, bilingual text and field issues, because both answer with the
// service's one toApiError().
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { methodNames, type RingfenceApi } from '../../../shared/api.ts';
import { registerIpc } from '../../../main/app/ipc.ts';
import { HistoryError } from '../../../main/history/index.ts';
import { RuleError } from '../../../main/screening/index.ts';
import { startServer, type RunningServer } from '../../../main/server/index.ts';
import { ApiFailure, createApiHost, type Handlers } from '../../../main/service/index.ts';
import { SettingsError } from '../../../main/settings/index.ts';
import { SocatMissingError } from '../../../main/sim/index.ts';
import { StoreError } from '../../../main/store/open.ts';
import { ApiCallError } from '../../../renderer/api/errors.ts';
import { createDesktopTransport } from '../../../renderer/api/desktop-transport.ts';
import { createHttpTransport, type HttpTransport } from '../../../renderer/api/http-transport.ts';

type IpcHandler = (event: unknown, input: unknown) => Promise<unknown>;
const electron = vi.hoisted(() => ({
  exposed: null as Record<string, unknown> | null,
  handlers: new Map<string, (event: unknown, input: unknown) => Promise<unknown>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (_key: string, api: Record<string, unknown>) => void (electron.exposed = api) },
  ipcRenderer: {
    // What crosses a real IPC channel is a structured clone, both ways.
    invoke: async (channel: string, input: unknown) =>
      structuredClone(await electron.handlers.get(channel)!({ senderFrame: { url: 'app://ringfence/index.html', parent: null } }, structuredClone(input))),
    on: () => {},
    removeListener: () => {},
  },
}));

let failure: () => unknown = () => null;
const handlers = Object.fromEntries(
  methodNames.map((m) => [
    m,
    () => {
      throw failure();
    },
  ]),
) as unknown as Handlers;
const host = createApiHost(handlers, () => () => {});

let server: RunningServer;
let viaHttp: HttpTransport;
let viaIpc: RingfenceApi;

beforeAll(async () => {
  registerIpc(
    { handle: (channel, h) => void electron.handlers.set(channel, h as IpcHandler), removeHandler: (channel) => void electron.handlers.delete(channel) },
    host,
    {
      trustedOrigin: 'app://ringfence',
      log: () => {},
    },
  );
  await import('../../../main/preload.ts');
  viaIpc = createDesktopTransport(electron.exposed as unknown as RingfenceApi).api;
  server = await startServer({ api: host, listen: { host: '127.0.0.1', port: 0 }, staticRoot: mkdtempSync(join(tmpdir(), 'rf-errors-')) });
  viaHttp = createHttpTransport({ origin: server.url, token: null });
});

afterAll(async () => {
  viaHttp?.close();
  await server?.close();
});

/** What the UI gets to see of a failure. */
const seen = (e: unknown) => {
  expect(e).toBeInstanceOf(ApiCallError);
  const { code, message, status, text, issues } = e as ApiCallError;
  return { code, message, status, text, issues };
};

async function bothWays(call: (api: RingfenceApi) => Promise<unknown>) {
  const [ipc, http] = await Promise.all([
    call(viaIpc).then(
      () => null,
      (e: unknown) => e,
    ),
    call(viaHttp.api).then(
      () => null,
      (e: unknown) => e,
    ),
  ]);
  expect(seen(ipc)).toEqual(seen(http));
  return seen(http);
}

describe('a failure reaches the UI identically over IPC and HTTP', () => {
  it.each([
    [
      'a rule that is already there',
      () => new RuleError('duplicate-rule', { en: '+8617011112222 is already rule r1 on that list.', zh: '+8617011112222 已是该名单中的规则 r1。' }),
      'duplicate-rule',
      409,
    ],
    ['a call that does not exist', () => new HistoryError('no-such-call', { en: 'There is no call 7.', zh: '没有第 7 通来电。' }), 'no-such-call', 404],
    [
      'a setting that is refused',
      () =>
        new SettingsError('invalid-setting', {
          en: 'Setting screening.shield.calls is invalid: too small.',
          zh: '设置 screening.shield.calls 无效：too small。',
        }),
      'invalid-setting',
      400,
    ],
    [
      'a database that cannot be opened',
      () => new StoreError({ en: 'Cannot open the database x: locked.', zh: '无法打开数据库 x：locked。' }),
      'store-unavailable',
      503,
    ],
    ['socat missing for a simulated line', () => new SocatMissingError(), 'socat-missing', 503],
    [
      'a refusal of the service itself',
      () => new ApiFailure('no-such-line', { en: 'There is no line "x".', zh: '没有线路“x”。' }, { status: 404 }),
      'no-such-line',
      404,
    ],
  ])('%s', async (_what, error, code, status) => {
    failure = error;
    const got = await bothWays((api) => api.removeRule({ id: 'r1' }));
    const thrown = error() as { text: { en: string; zh: string } };
    expect(got).toEqual({ code, status, message: thrown.text.en, text: thrown.text, issues: [] });
  });

  it('a payload the contract refuses, with the field it is about', async () => {
    const got = await bothWays((api) => api.pauseScreening({ minutes: 'forever' } as never));
    expect(got).toMatchObject({ code: 'invalid-input', status: 400, issues: [expect.stringMatching(/^minutes: /)] });
    expect(got.text?.zh).toMatch(/^未被接受：/);
  });

  it('a bug: "internal", 500, with the detail and the reassurance in both languages', async () => {
    failure = () => new TypeError('cannot read properties of undefined');
    const got = await bothWays((api) => api.getStatus({}));
    expect(got).toMatchObject({
      code: 'internal',
      status: 500,
      text: { en: expect.stringContaining('(cannot read properties of undefined)'), zh: expect.stringContaining('来电筛选仍在继续') },
    });
  });
});
