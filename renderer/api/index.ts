// ONE api object for the whole UI, whatever the transport: the Electron preload when it is there,
// otherwise the headless server on the page's own origin.
import type { RingfenceApi } from '../../shared/api.ts';
import type { Connection } from './connection.ts';
import { createDesktopTransport, type DesktopShell } from './desktop-transport.ts';
import { createHttpTransport } from './http-transport.ts';
import { takeToken, withToken } from './token.ts';

export type Transport = {
  kind: 'desktop' | 'browser';
  api: RingfenceApi;
  connection: Connection;
  /** Makes a server-relative download URL usable (adds the token in the browser). */
  downloadUrl(url: string): string;
  shell: DesktopShell | null;
};

export function createTransport(win: Window = window): Transport {
  if (win.ringfence) {
    const { api, connection } = createDesktopTransport(win.ringfence);
    return { kind: 'desktop', api, connection, downloadUrl: (url) => url, shell: win.ringfenceShell ?? null };
  }
  const token = takeToken(win.location, win.sessionStorage, win.history);
  const { api, connection } = createHttpTransport({ origin: win.location.origin, token });
  return { kind: 'browser', api, connection, downloadUrl: (url) => withToken(url, token), shell: null };
}

export { ApiCallError, fieldOfError, toApiCallError } from './errors.ts';
export type { ConnectionState, Connection } from './connection.ts';
export type { DesktopShell } from './desktop-transport.ts';
