// The serial port itself: the thin imperative edge. Opens with an exclusive lock (so two programs never
// fight over one modem), hands bytes up, and says once, with a reason, when the port is gone.
import { SerialPort } from 'serialport';
import { openErrorProblem, type PortProblem } from './port-problems.ts';

export type SerialLink = {
  write(text: string): void;
  close(): Promise<void>;
  /** Resolves once when the port closes for any reason (unplug, error, our close()). */
  readonly closed: Promise<{ unexpected: boolean; reason: string }>;
};

export type OpenResult = { ok: true; link: SerialLink } | { ok: false; problem: PortProblem };

export async function openSerial(
  path: string,
  baudRate: number,
  onData: (chunk: Buffer) => void,
  onWriteError: (message: string) => void,
): Promise<OpenResult> {
  let port: SerialPort;
  try {
    port = new SerialPort({ path, baudRate, autoOpen: false, lock: true });
  } catch (error) {
    return { ok: false, problem: openErrorProblem(error, path) };
  }
  const opened = await new Promise<Error | null>((resolve) => port.open((e) => resolve(e ?? null)));
  if (opened) return { ok: false, problem: openErrorProblem(opened, path) };
  let closing = false;
  let settle!: (v: { unexpected: boolean; reason: string }) => void;
  const closed = new Promise<{ unexpected: boolean; reason: string }>((resolve) => (settle = resolve));
  port.on('data', onData);
  port.on('close', (error: Error | null) => settle({ unexpected: !closing, reason: error?.message ?? 'closed' }));
  port.on('error', (error: Error) => {
    // An error on an open port (EIO after an unplug) is followed by close on most platforms; make sure.
    if (port.isOpen) port.close(() => {});
    settle({ unexpected: !closing, reason: error.message });
  });
  return {
    ok: true,
    link: {
      closed,
      write(text) {
        port.write(text, (e) => {
          if (e) onWriteError(e.message);
        });
      },
      async close() {
        closing = true;
        if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
        settle({ unexpected: false, reason: 'closed by us' });
      },
    },
  };
}
