// The simulated modem behind a real pseudo-terminal: socat makes the pair, the host opens `path` with
// serialport exactly like /dev/ttyUSB2, and this end is opened with serialport too. Unplug really removes
// the path. Needs socat (Linux, macOS); the tests that must exercise the real serial stack run on this.
import { SerialPort } from 'serialport';
import { openSerial } from '../modem/index.ts';
import type { LinkHandlers, ModemEnd, SimLink } from './link.ts';
import { createPtyPair, type PtyPair } from './pty.ts';

function openDevice(path: string): Promise<SerialPort> {
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    port.open((error) => (error ? reject(error) : resolve(port)));
  });
}

const closeDevice = (port: SerialPort) => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));

export function ptyLink(path: string): SimLink {
  let pair: PtyPair | null = null;
  let port: SerialPort | null = null;
  return {
    path,
    openPort: openSerial,
    async plug(handlers: LinkHandlers): Promise<ModemEnd> {
      const created = await createPtyPair(path);
      let p: SerialPort;
      try {
        p = await openDevice(created.deviceLink);
      } catch (error) {
        await created.close();
        throw error;
      }
      pair = created;
      port = p;
      p.on('data', handlers.onData);
      p.on('error', (error: Error) => handlers.onError(error.message));
      void created.exited.then(() => {
        if (pair === created) handlers.onGone('socat exited');
      });
      return {
        write: (bytes) =>
          new Promise<void>((resolve) => {
            p.write(bytes);
            p.drain(() => resolve());
          }),
        get backlog() {
          return p.writableLength;
        },
        get open() {
          return p.isOpen;
        },
      };
    },
    async unplug() {
      const p = port;
      const created = pair;
      port = null;
      pair = null;
      // socat goes first: the app sees its port vanish the way a pulled USB dongle vanishes.
      await created?.close();
      if (p) await closeDevice(p);
    },
  };
}
