// The sandboxed preload: exposes exactly one object, `window.ringfence`, built from the API contract's
// method list. The renderer never sees ipcRenderer, and event callbacks get the event payload only, never
// the IPC event (whose `sender` would hand the page ipcRenderer itself).
//
// Failures: main replies `{ ok: false, error: { code, message, text?, issues? } }` (main/app/ipc.ts) and
// this file rejects with a plain object of that shape plus `name: 'RingfenceError'`. It is not an Error
// instance on purpose: contextBridge copies an Error with its message only and drops every other property,
// so `.code` and the bilingual `.text` would be lost. `.message` is always a sentence to show.
import { contextBridge, ipcRenderer } from 'electron';
import { methodNames, type ApiError, type ApiEvent } from '../shared/api.ts';

// Must match METHOD_CHANNEL_PREFIX and EVENT_CHANNEL in main/app/ipc.ts (a test checks they do); the
// preload may not import from main/.
const METHOD_CHANNEL_PREFIX = 'ringfence:';
const EVENT_CHANNEL = 'ringfence:event';

type IpcReply = { ok: true; value: unknown } | { ok: false; error: ApiError };

async function invoke(method: string, input: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(METHOD_CHANNEL_PREFIX + method, input ?? {})) as IpcReply;
  if (reply.ok) return reply.value;
  throw { name: 'RingfenceError', ...reply.error };
}

const api: Record<string, unknown> = {};
for (const name of methodNames) {
  api[name] = (input: unknown) => invoke(name, input);
}
api.onEvent = (listener: (event: ApiEvent) => void) => {
  const wrapped = (_event: unknown, payload: ApiEvent) => listener(payload);
  ipcRenderer.on(EVENT_CHANNEL, wrapped);
  return () => {
    ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  };
};

contextBridge.exposeInMainWorld('ringfence', Object.freeze(api));
