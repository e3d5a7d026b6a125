// The browser transport against a real HTTP/WebSocket server (the contract fake), in Node, which has
// the same fetch and WebSocket as the browser.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiEvent } from '../../../shared/api.ts';
import { ApiCallError } from '../../../renderer/api/errors.ts';
import { createHttpTransport, type HttpTransport } from '../../../renderer/api/http-transport.ts';
import type { ConnectionState } from '../../../renderer/api/connection.ts';
import { startFakeApiServer, type FakeApiServer } from '../support/fake-api-server.ts';

let server: FakeApiServer | null = null;
let transport: HttpTransport | null = null;
afterEach(async () => {
  transport?.close();
  await server?.close();
  server = null;
  transport = null;
});

// Only the API is under test here: serve a static directory that does not exist.
const start = (token: string | null) => startFakeApiServer({ token, renderer: { kind: 'static', dir: '/nonexistent' } });

function until(transport: HttpTransport, state: ConnectionState): Promise<void> {
  return new Promise((resolve, reject) => {
    if (transport.connection.get() === state) return resolve();
    const timer = setTimeout(() => reject(new Error(`connection never became ${state}`)), 5000);
    const off = transport.connection.subscribe((s) => {
      if (s === state) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

describe('HTTP transport', () => {
  it('calls a method with the bearer token and returns its output', async () => {
    server = await start('s3cret');
    transport = createHttpTransport({ origin: server.origin, token: 's3cret' });
    const status = await transport.api.getStatus({});
    expect(status.lines[0]?.label).toBe('Home SIM');
    const rule = await transport.api.addRule({ list: 'blocked', value: '+8617099998888', kind: 'number' });
    expect(rule).toMatchObject({ list: 'blocked', value: '+8617099998888' });
  });

  it('rejects with an unauthorized ApiCallError when the token is wrong, and receives no events', async () => {
    server = await start('s3cret');
    transport = createHttpTransport({ origin: server.origin, token: 'wrong' });
    const failure = await transport.api.getStatus({}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiCallError);
    expect(failure).toMatchObject({ code: 'unauthorized', status: 401 });
    await until(transport, 'reconnecting');
  });

  it('turns a refused input into invalid-input naming the field', async () => {
    server = await start(null);
    transport = createHttpTransport({ origin: server.origin, token: null });
    const failure = (await transport.api.addRule({ list: 'blocked', value: '', kind: 'number' }).catch((e: unknown) => e)) as ApiCallError;
    expect(failure.code).toBe('invalid-input');
    expect(failure.issues.join()).toMatch(/^value:/);
  });

  it('says unreachable when nothing listens', async () => {
    transport = createHttpTransport({ origin: 'http://127.0.0.1:9', token: null });
    await expect(transport.api.getStatus({})).rejects.toMatchObject({ code: 'unreachable' });
  });

  it('delivers events, and reconnects after the socket drops', async () => {
    server = await start('t');
    transport = createHttpTransport({ origin: server.origin, token: 't' });
    const events: ApiEvent[] = [];
    transport.api.onEvent((e) => events.push(e));
    await until(transport, 'open');
    server.push({ type: 'rules-changed', list: 'trusted' });
    await expect.poll(() => events.length).toBe(1);

    server.dropSockets();
    await until(transport, 'reconnecting');
    await until(transport, 'open');
    server.push({ type: 'rules-changed', list: 'blocked' });
    await expect.poll(() => events.map((e) => e.type === 'rules-changed' && e.list)).toEqual(['trusted', 'blocked']);
  });
});
