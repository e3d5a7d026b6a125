// The Electron transport: the preload's `window.ringfence` already is a RingfenceApi. We only wrap the
// calls so an IPC rejection reaches the UI as an ApiCallError with a code, like the HTTP transport's.
import { methodNames, type RingfenceApi } from '../../shared/api.ts';
import { errorFromIpc } from './errors.ts';
import { connectionStore, type Connection } from './connection.ts';

/**
 * Optional desktop-only actions the Electron shell may expose beside the contract (open or reveal an
 * exported file). Not part of shared/api.ts: the browser has no such thing, so the UI checks for it.
 */
export type DesktopShell = { openPath(path: string): Promise<void>; revealPath(path: string): Promise<void> };

declare global {
  interface Window {
    ringfence?: RingfenceApi;
    ringfenceShell?: DesktopShell;
  }
}

export function createDesktopTransport(bridge: RingfenceApi): { api: RingfenceApi; connection: Connection } {
  const api: Record<string, unknown> = {};
  for (const name of methodNames) {
    const method = bridge[name] as (input: unknown) => Promise<unknown>;
    api[name] = async (input: unknown) => {
      try {
        return await method(input ?? {});
      } catch (e) {
        throw errorFromIpc(e);
      }
    };
  }
  api.onEvent = bridge.onEvent;
  // IPC has no connection to lose.
  return { api: api as RingfenceApi, connection: connectionStore('open') };
}
