// The simulated modem on the in-memory pair: no pty, no socat, so it runs on Windows too. Unplug makes
// the host's port close unexpectedly and further opens fail "not found" until the replug, as on a pty.
import { createMemoryPort } from '../modem/index.ts';
import type { LinkHandlers, ModemEnd, SimLink } from './link.ts';

export function memoryLink(path: string): SimLink {
  const port = createMemoryPort(path, { plugged: false });
  let stopReading: (() => void) | null = null;
  return {
    path,
    openPort: port.open,
    async plug(handlers: LinkHandlers): Promise<ModemEnd> {
      port.plug();
      stopReading = port.modem.onData(handlers.onData);
      return {
        write: (bytes) => port.modem.write(bytes),
        get backlog() {
          return port.modem.backlog;
        },
        get open() {
          return port.plugged;
        },
      };
    },
    async unplug() {
      port.unplug(`${path} disappeared`);
      stopReading?.();
      stopReading = null;
    },
  };
}
