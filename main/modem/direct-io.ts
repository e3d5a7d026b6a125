// Reads and writes a Unix serial port on the thread that screens calls, instead of through libuv's thread pool.
//
// serialport's Unix binding (bindings-cpp) reads as "the poller says readable → a pool thread calls read(2)
// → the main thread is woken with the bytes" and writes as "a pool thread calls write(2) → the main thread is
// told". bindings-cpp opens every Unix port O_NONBLOCK, so the same read(2)/write(2) return at once when
// called here: no pool thread to wake, no wake-up back. Waking an idle thread is what an idle machine is
// slowest at (on a virtual machine each wake may wait for a sleeping CPU), and a caller ID that arrives after
// seconds of quiet pays it twice on the way in and once on the way out. The pool is also shared with file
// work (an import upload streamed to disk, exports), which a hang-up should not queue behind.
//
// Only the byte transfer changes: opening, settings, the poller, flush/drain and close stay serialport's.
// Where this cannot help (Windows, whose binding uses overlapped I/O) the binding is serialport's own.
import { readSync, writeSync } from 'node:fs';
import { autoDetect, type AutoDetectTypes, type LinuxBinding } from '@serialport/bindings-cpp';

type Binding = AutoDetectTypes;
/** Linux's and macOS's bindings have the same shape (both bindings-cpp's Unix ports). */
type UnixBinding = typeof LinuxBinding;
type PortBinding = Awaited<ReturnType<UnixBinding['open']>>;
/** What of bindings-cpp's Unix port object this uses: the descriptor, its poller, and the two transfers. */
type UnixPort = {
  readonly isOpen: boolean;
  fd: number | null;
  poller: { once(event: 'readable' | 'writable', callback: (error: Error | null) => void): unknown };
  writeOperation: Promise<void> | null;
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }>;
  write(buffer: Buffer): Promise<void>;
};

const retryLater = new Set(['EAGAIN', 'EWOULDBLOCK', 'EINTR']);
/** The codes bindings-cpp marks as a disconnect (the port vanished), so serialport reports it the same way. */
const disconnected = new Set(['EBADF', 'ENXIO', 'UNKNOWN']);

const code = (error: unknown) => (error as NodeJS.ErrnoException).code ?? '';
const notOpen = () => Object.assign(new Error('Port is not open'), { canceled: true });

function polled(port: UnixPort, event: 'readable' | 'writable'): Promise<void> {
  return new Promise((resolve, reject) => port.poller.once(event, (error) => (error ? reject(error) : resolve())));
}

function markDisconnect(error: unknown): never {
  if (disconnected.has(code(error)) || (error as NodeJS.ErrnoException).errno === -1) (error as { disconnect?: boolean }).disconnect = true;
  throw error;
}

function direct(port: UnixPort): UnixPort {
  const poolRead = port.read.bind(port);
  port.read = async (buffer: Buffer, offset: number, length: number) => {
    for (;;) {
      if (!port.isOpen || port.fd === null) throw notOpen();
      let bytesRead: number;
      try {
        bytesRead = readSync(port.fd, buffer, offset, length, null);
      } catch (error) {
        if (!retryLater.has(code(error))) markDisconnect(error);
        await polled(port, 'readable');
        continue;
      }
      // 0 bytes: a hung-up tty (an unplugged dongle). serialport's reader retries that through the pool, which
      // at least yields between tries; a retry here would spin this thread. serial.ts notices the unplug.
      if (bytesRead === 0) return poolRead(buffer, offset, length);
      return { bytesRead, buffer };
    }
  };
  port.write = (buffer: Buffer) => {
    if (!port.isOpen) return Promise.reject(notOpen());
    port.writeOperation = (async () => {
      for (let offset = 0; offset < buffer.length;) {
        if (!port.isOpen || port.fd === null) throw notOpen();
        try {
          offset += writeSync(port.fd, buffer, offset, buffer.length - offset);
        } catch (error) {
          if (!retryLater.has(code(error))) markDisconnect(error);
          await polled(port, 'writable');
        }
      }
      port.writeOperation = null;
    })();
    return port.writeOperation;
  };
  return port;
}

/** serialport's binding for this platform, with reads and writes done on the calling thread where it can. */
export function directBinding(base: Binding = autoDetect()): Binding {
  if (process.platform === 'win32') return base;
  const unix = base as UnixBinding;
  const open = async (options: Parameters<UnixBinding['open']>[0]) => direct((await unix.open(options)) as unknown as UnixPort) as unknown as PortBinding;
  return { list: () => unix.list(), open } as Binding;
}
