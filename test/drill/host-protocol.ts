// What the drill and its host process say to each other over the child's IPC channel.
import type { LineTiming } from '../../main/modem/index.ts';

export type HostConfig = {
  dataDir: string;
  modems: string[];
  /** The host's clock starts here (epoch ms): a restarted host continues the drill's simulated time. */
  clockStart: number;
  /** Date.now() when clockStart was read: the host adds the time its own start-up took. */
  clockStartWall: number;
  lineTiming?: Partial<LineTiming>;
};

export type HostRequestBody =
  /** Move the host's clock forward to `to` (epoch ms); never backwards. */
  { type: 'clock'; to: number } | { type: 'store'; writable: boolean };
export type HostRequest = HostRequestBody & { id: number };

export type HostReply = { type: 'ready'; url: string } | { type: 'clock'; id: number; now: number } | { type: 'store'; id: number; writable: boolean };
