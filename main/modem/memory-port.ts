// An in-memory serial port: a duplex pair whose host end opens through the same PortFactory seam as a
// real port, and whose modem end is what a simulated modem writes to. It exists so the demo line ("Try
// without a modem") runs on every platform with no pseudo-terminal and no socat (Windows has neither).
//
// It behaves like a port, not like a function call: a write returns at once and the bytes arrive on a
// later turn of the event loop, in reads of at most `chunkBytes` (a line may be split across reads, and
// several small writes may arrive in one), so the Line and the simulator meet the same timing and
// reassembly they meet on a pty, and a hang-up is never written from inside the simulator's own call.
// Tests that must exercise the real serial stack keep using a pty; this is not a stand-in for them.
import { portProblem } from './port-problems.ts';
import type { OpenResult, PortFactory, SerialOptions } from './port.ts';

/** The modem's end of the pair. */
export type MemoryModemEnd = {
  /** Bytes to the host. Resolves when the host has read the last of them (or they were dropped because
   *  nobody has the port open or it was unplugged), like serialport's drain. */
  write(bytes: Uint8Array): Promise<void>;
  /** Bytes written to the host and not read yet. */
  readonly backlog: number;
  /** Bytes the host wrote, in chunks as they arrive. Returns the function that stops listening. */
  onData(listener: (chunk: Buffer) => void): () => void;
};

export type MemoryPort = {
  /** The name the host opens; any other path is "not found". */
  readonly path: string;
  /** The host's way in: a PortFactory, exclusive like a locked serial port. */
  readonly open: PortFactory;
  readonly modem: MemoryModemEnd;
  readonly plugged: boolean;
  /** Whether the host has the port open now. */
  readonly hostOpen: boolean;
  /** The device appears (again). */
  plug(): void;
  /** The device vanishes: the host's link closes unexpectedly and opening fails until plug(). */
  unplug(reason?: string): void;
};

/** Default read size: one USB full-speed bulk packet, the most a USB modem hands over at once. */
const defaultChunkBytes = 64;

type Pending = { bytes: Buffer; offset: number; done: () => void };

/** One direction of the pair: writes queue up; a scheduled pump delivers one read per event-loop turn. */
function direction(chunkBytes: number) {
  const queue: Pending[] = [];
  let queued = 0;
  let scheduled = false;
  let reader: ((chunk: Buffer) => void) | null = null;

  const drop = () => {
    for (const p of queue.splice(0)) p.done();
    queued = 0;
  };
  const pump = () => {
    scheduled = false;
    if (!reader) return drop();
    const parts: Buffer[] = [];
    const finished: Array<() => void> = [];
    let room = chunkBytes;
    while (room > 0 && queue.length) {
      const head = queue[0]!;
      const part = head.bytes.subarray(head.offset, head.offset + room);
      parts.push(part);
      head.offset += part.length;
      room -= part.length;
      queued -= part.length;
      if (head.offset >= head.bytes.length) {
        queue.shift();
        finished.push(head.done);
      }
    }
    if (queue.length) schedule();
    if (parts.length) reader(Buffer.concat(parts));
    for (const done of finished) done();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  };
  return {
    get queued() {
      return queued;
    },
    setReader(next: ((chunk: Buffer) => void) | null) {
      reader = next;
      if (!next) drop();
    },
    write(bytes: Uint8Array): Promise<void> {
      if (!reader || bytes.length === 0) return Promise.resolve();
      return new Promise<void>((done) => {
        queue.push({ bytes: Buffer.from(bytes), offset: 0, done });
        queued += bytes.length;
        schedule();
      });
    },
    drop,
  };
}

export function createMemoryPort(path: string, options: { plugged?: boolean; chunkBytes?: number } = {}): MemoryPort {
  const chunkBytes = Math.max(1, options.chunkBytes ?? defaultChunkBytes);
  const toHost = direction(chunkBytes);
  const toModem = direction(chunkBytes);
  const modemListeners = new Set<(chunk: Buffer) => void>();
  toModem.setReader((chunk) => {
    for (const listener of [...modemListeners]) listener(chunk);
  });
  let plugged = options.plugged ?? true;
  /** Closes the host's current link, if any. */
  let shutHost: ((unexpected: boolean, reason: string) => void) | null = null;

  const open: PortFactory = async (o: SerialOptions): Promise<OpenResult> => {
    // A real open takes a system call; never complete within the caller's own turn.
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (o.path !== path || !plugged) return { ok: false, problem: portProblem('not-found', o.path) };
    if (shutHost) return { ok: false, problem: portProblem('port-busy', o.path) };
    let settle!: (v: { unexpected: boolean; reason: string }) => void;
    const closed = new Promise<{ unexpected: boolean; reason: string }>((resolve) => (settle = resolve));
    let isOpen = true;
    const shut = (unexpected: boolean, reason: string) => {
      if (!isOpen) return;
      isOpen = false;
      shutHost = null;
      toHost.setReader(null);
      settle({ unexpected, reason });
    };
    shutHost = shut;
    toHost.setReader(o.onData);
    return {
      ok: true,
      link: {
        closed,
        write(data) {
          if (!isOpen) {
            setImmediate(() => o.onWriteError('Port is not open'));
            return;
          }
          void toModem.write(typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
        },
        async close() {
          shut(false, 'closed by us');
        },
      },
    };
  };

  return {
    path,
    open,
    get plugged() {
      return plugged;
    },
    get hostOpen() {
      return shutHost !== null;
    },
    modem: {
      write: (bytes) => toHost.write(bytes),
      get backlog() {
        return toHost.queued;
      },
      onData(listener) {
        modemListeners.add(listener);
        return () => modemListeners.delete(listener);
      },
    },
    plug() {
      plugged = true;
    },
    unplug(reason = `${path} disappeared`) {
      plugged = false;
      toModem.drop();
      shutHost?.(true, reason);
    },
  };
}
