// Where the time between the serial read and the hang-up write goes, stage by stage, for the latency
// benchmark (issue 14). The Line stamps the moments it passes anyway; nothing here runs unless a listener
// asked for it, and the report is handed over after the call ended, never on the decision path.
import type { EndedCall } from './call.ts';

/** Milliseconds, monotonic clock. */
export type LatencyStages = {
  key: string;
  /** Serial read → the caller ID known to the tracker: splitting, the AT channel, the parser, the tracker (and
   *  whatever listeners of the call's earlier events did in between, e.g. call-started at the ring). */
  parse: number;
  /** The tracker → the screening engine asked. */
  toDecide: number;
  /** The screening engine's decision. */
  decide: number;
  /** Decision → hang-up command handed to the port: the tracker's effects, the hang-up runner, the AT queue. */
  toWrite: number;
  /** The port write call itself. */
  write: number;
  /** Serial read → write returned: everything this process did for the call. */
  total: number;
};

type Stamps = { read: number; callerId?: number; decideStart?: number; decideEnd?: number; writeStart?: number; writeDone?: number };

export type LatencyTrace = {
  /** A read from the port begins (before its lines are split). */
  read(): void;
  /** The port write just returned. */
  written(): void;
  callerId(key: string, at: number): void;
  decideStart(key: string): void;
  decideEnd(key: string): void;
  /** The hang-up's first command: handed to the port at `at` (the AT channel's stamp). */
  hangupWritten(key: string, at: number): void;
  ended(call: EndedCall): void;
};

const r3 = (ms: number) => Math.round(ms * 1000) / 1000;

export function createLatencyTrace(clock: () => number, report: (stages: LatencyStages) => void): LatencyTrace {
  let lastRead = 0;
  let lastWriteDone = 0;
  const calls = new Map<string, Stamps>();
  const stamps = (key: string) => {
    let s = calls.get(key);
    if (!s) calls.set(key, (s = { read: lastRead }));
    return s;
  };
  return {
    read: () => void (lastRead = clock()),
    written: () => void (lastWriteDone = clock()),
    callerId(key, at) {
      const s = stamps(key);
      // The read that carried the caller ID: the latest one before the tracker knew it.
      s.read = lastRead;
      s.callerId = at;
    },
    decideStart: (key) => void (stamps(key).decideStart = clock()),
    decideEnd: (key) => void (stamps(key).decideEnd = clock()),
    hangupWritten(key, at) {
      const s = stamps(key);
      if (s.writeStart !== undefined) return;
      s.writeStart = at;
      s.writeDone = lastWriteDone >= at ? lastWriteDone : clock();
    },
    ended(call) {
      const s = calls.get(call.key);
      calls.delete(call.key);
      if (!s || s.callerId === undefined || s.decideStart === undefined || s.decideEnd === undefined || s.writeStart === undefined || s.writeDone === undefined)
        return;
      report({
        key: call.key,
        parse: r3(s.callerId - s.read),
        toDecide: r3(s.decideStart - s.callerId),
        decide: r3(s.decideEnd - s.decideStart),
        toWrite: r3(s.writeStart - s.decideEnd),
        write: r3(s.writeDone - s.writeStart),
        total: r3(s.writeDone - s.read),
      });
    },
  };
}
