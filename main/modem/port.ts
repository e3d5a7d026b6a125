// The seam between a Line and the bytes: a port factory opens a path and hands back a link. The real
// factory (./serial.ts) wraps serialport; the in-memory pair (./memory-port.ts) lets the simulated demo
// line run where no pseudo-terminal exists (Windows) and without socat. A Line takes the factory as an
// option, so nothing above this file knows which one it talks to.
import type { PortProblem } from './port-problems.ts';

export type SerialLink = {
  /** Queues text (or raw bytes: a voice modem's audio) for the modem; never calls back into the caller synchronously. */
  write(data: string | Uint8Array): void;
  close(): Promise<void>;
  /** Resolves once when the port closes for any reason (unplug, error, our close()). */
  readonly closed: Promise<{ unexpected: boolean; reason: string }>;
};

export type OpenResult = { ok: true; link: SerialLink } | { ok: false; problem: PortProblem };

export type SerialOptions = {
  path: string;
  baudRate: number;
  /** Bytes from the modem, in whatever chunks the port delivers them (a line may span several). */
  onData: (chunk: Buffer) => void;
  onWriteError: (message: string) => void;
  /** How often to check the device node is still the one we opened (ms); 0 turns the watch off. */
  watchMs?: number;
};

/** Opens a port. Failures are values (a problem with a code and a sentence), never exceptions. */
export type PortFactory = (options: SerialOptions) => Promise<OpenResult>;
