// The browser transport for a headless `ringfence serve`: POST /api/<method> for calls, a WebSocket at
// /api/events for events. Same origin, so no URL configuration; the token (if any) rides on every request.
import { ApiEvent, methodNames, type RingfenceApi } from '../../shared/api.ts';
import { ApiCallError, errorFromResponse } from './errors.ts';
import { backoffMs, connectionStore, type Connection } from './connection.ts';
import { withToken } from './token.ts';

export type HttpTransport = { api: RingfenceApi; connection: Connection; close(): void };

export function createHttpTransport(options: { origin: string; token: string | null }): HttpTransport {
  const { origin, token } = options;
  const listeners = new Set<(event: ApiEvent) => void>();
  const connection = connectionStore('connecting');
  // Names this page to the server: one pending import preview per client, so a new one replaces this page's last.
  const client = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random()).slice(2);

  async function call(method: string, input: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ringfence-client': client, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input ?? {}),
      });
    } catch (e) {
      throw new ApiCallError('unreachable', e instanceof Error ? e.message : String(e));
    }
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) throw errorFromResponse(response.status, body);
    return body;
  }

  let socket: WebSocket | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  function open() {
    const wsOrigin = origin.replace(/^http/, 'ws');
    const ws = new WebSocket(withToken(`${wsOrigin}/api/events`, token));
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      connection.set('open');
    };
    ws.onmessage = (message) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const event = ApiEvent.safeParse(parsed);
      // An event this UI does not understand (a newer server) is skipped, not fatal.
      if (!event.success) return;
      for (const l of listeners) l(event.data);
    };
    ws.onclose = () => {
      if (closed) return;
      connection.set('reconnecting');
      retryTimer = setTimeout(open, backoffMs(attempt++));
    };
  }
  open();

  const api: Record<string, unknown> = {};
  for (const name of methodNames) api[name] = (input: unknown) => call(name, input);
  api.onEvent = (listener: (event: ApiEvent) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };

  return {
    api: api as RingfenceApi,
    connection,
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close();
    },
  };
}
