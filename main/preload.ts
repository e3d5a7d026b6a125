// The sandboxed preload: exposes exactly one object, `window.ringfence`, built from the API contract.
// The renderer never sees ipcRenderer, and event callbacks never receive the IPC event.
import { contextBridge, ipcRenderer } from 'electron';
import { methodNames, type ApiEvent } from '../shared/api.ts';

const api: Record<string, unknown> = {};
for (const name of methodNames) {
  api[name] = (input: unknown) => ipcRenderer.invoke(`ringfence:${name}`, input ?? {});
}
api.onEvent = (listener: (event: ApiEvent) => void) => {
  const wrapped = (_event: unknown, payload: ApiEvent) => listener(payload);
  ipcRenderer.on('ringfence:event', wrapped);
  return () => {
    ipcRenderer.removeListener('ringfence:event', wrapped);
  };
};

contextBridge.exposeInMainWorld('ringfence', Object.freeze(api));
