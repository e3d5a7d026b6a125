// Where the simulated modem's bytes go, and how the host reaches them: a pseudo-terminal the host opens
// with serialport like /dev/ttyUSB2 (./pty-link.ts, needs socat; what the integration tests use), or the
// in-memory pair the host opens through the pair's own port factory (./memory-link.ts; the demo line, on
// every platform). The simulated line (./line.ts) sees only this.
import type { PortFactory } from '../modem/index.ts';

export type SimTransport = 'pty' | 'memory';

/** The modem's end of the link, open between plug and unplug. */
export type ModemEnd = {
  /** Hands bytes to the link at once; resolves when they have drained towards the host. */
  write(bytes: Buffer): Promise<void>;
  /** Bytes written and not yet taken by the host. */
  readonly backlog: number;
  readonly open: boolean;
};

export type LinkHandlers = {
  onData(chunk: Buffer): void;
  /** The link vanished by itself (socat died); the line treats it as an unplug. */
  onGone(reason: string): void;
  onError(message: string): void;
};

export type SimLink = {
  /** What the host opens. */
  readonly path: string;
  /** How the host opens `path`. */
  readonly openPort: PortFactory;
  /** Makes the device appear at `path` and opens the modem's end. */
  plug(handlers: LinkHandlers): Promise<ModemEnd>;
  /** The device vanishes (the host sees its port go the way a pulled dongle goes), then the modem's end closes. */
  unplug(): Promise<void>;
};
