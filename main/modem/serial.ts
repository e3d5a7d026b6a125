// The serial port itself: the thin imperative edge. Opens with an exclusive lock (so two programs never
// fight over one modem), hands bytes up, and says once, with a reason, when the port is gone.
//
// Why the presence watch: when a tty is hung up (USB unplug, a pty whose other side vanished) Linux
// makes reads return 0 bytes, and serialport's reader retries a 0-byte read forever instead of reporting
// a disconnect. So the device node is checked as well: gone, or replaced by another device, is an unplug.
//
// serialport's stream on serialport's binding, with the bytes moved on this thread (direct-io.ts): a caller
// ID read and its hang-up written without a round trip through libuv's thread pool.
import { stat } from 'node:fs/promises';
import { SerialPortStream } from '@serialport/stream';
import { directBinding } from './direct-io.ts';
import { openErrorProblem } from './port-problems.ts';
import type { OpenResult, PortFactory, SerialOptions } from './port.ts';

export type { OpenResult, SerialLink, SerialOptions } from './port.ts';

const identity = async (path: string) => {
  const s = await stat(path);
  return `${s.dev}:${s.ino}:${s.rdev}`;
};

const binding = directBinding();

/** The real port factory: serialport on a device node (or a pty standing in for one). */
export const openSerial: PortFactory = async (options: SerialOptions): Promise<OpenResult> => {
  const { path } = options;
  let port: SerialPortStream;
  try {
    port = new SerialPortStream({ binding, path, baudRate: options.baudRate, autoOpen: false, lock: true });
  } catch (error) {
    return { ok: false, problem: openErrorProblem(error, path) };
  }
  const opened = await new Promise<Error | null>((resolve) => port.open((e) => resolve(e ?? null)));
  if (opened) return { ok: false, problem: openErrorProblem(opened, path) };
  const watchMs = options.watchMs ?? (process.platform === 'win32' ? 0 : 1000);
  const device = watchMs > 0 ? await identity(path).catch(() => null) : null;

  let closing = false;
  let watch: ReturnType<typeof setInterval> | null = null;
  let settle!: (v: { unexpected: boolean; reason: string }) => void;
  const closed = new Promise<{ unexpected: boolean; reason: string }>((resolve) => (settle = resolve));
  const shut = (unexpected: boolean, reason: string) => {
    if (watch) clearInterval(watch);
    watch = null;
    if (port.isOpen) port.close(() => {});
    settle({ unexpected, reason });
  };

  port.on('data', options.onData);
  port.on('close', (error: Error | null) => shut(!closing, error?.message ?? 'closed'));
  // An error on an open port (EIO after an unplug) is not always followed by close; make sure.
  port.on('error', (error: Error) => shut(!closing, error.message));
  if (device) {
    watch = setInterval(() => {
      identity(path).then(
        (now) => now !== device && shut(true, `${path} is now another device`),
        () => shut(true, `${path} disappeared`),
      );
    }, watchMs);
    watch.unref?.();
  }

  return {
    ok: true,
    link: {
      closed,
      write(data) {
        port.write(typeof data === 'string' ? data : Buffer.from(data), (e) => {
          if (e) options.onWriteError(e.message);
        });
      },
      async close() {
        closing = true;
        if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
        shut(false, 'closed by us');
      },
    },
  };
};
