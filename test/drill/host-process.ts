// The drill's side of a host process (host.ts): start it, talk to it the way any client does (HTTP API and
// the WebSocket event stream), move its clock, break its store, kill it with SIGKILL and start it again on
// the same data directory.
import { fork, type ChildProcess } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { ApiEvent, MethodName, MethodOutput, MethodInput } from '../../shared/api.ts';
import type { HostConfig, HostReply, HostRequest, HostRequestBody } from './host-protocol.ts';

/** An event as the drill saw it: `at` is the drill's performance.now() when it arrived. */
export type SeenEvent = { at: number; event: ApiEvent };

export type HostExitStatus = { code: number | null; signal: NodeJS.Signals | null };

export class HostCallError extends Error {
  readonly code: string;
  constructor(method: string, status: number, code: string, message: string) {
    super(`${method} answered ${status} ${code}: ${message}`);
    this.code = code;
  }
}

export type DrillHost = {
  readonly url: string;
  readonly pid: number;
  call<M extends MethodName>(method: M, input?: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Moves the host's clock forward to `to` (epoch ms); resolves with the host's time after the move. */
  clock(to: number): Promise<number>;
  setStoreWritable(writable: boolean): Promise<void>;
  /** Resolves with the first event (seen already or still to come) that matches, from `since` on. */
  nextEvent(match: (e: ApiEvent) => boolean, options?: { since?: number; timeoutMs?: number }): Promise<SeenEvent>;
  /** Did the process end, and how (null while it runs). */
  exit(): HostExitStatus | null;
  /** Resolves when the process has ended, however it ended. */
  readonly exited: Promise<HostExitStatus>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
};

const hostEntry = join(import.meta.dirname, 'host.ts');

/**
 * Starts host.ts with its output appended to `logFile`. Every event the host emits is pushed to `events`
 * (shared across restarts, so a drill sees one stream over the whole run).
 */
export async function startHost(config: HostConfig, options: { logFile: string; events: SeenEvent[]; timeoutMs?: number }): Promise<DrillHost> {
  const fd = openSync(options.logFile, 'a');
  let child: ChildProcess;
  try {
    child = fork(hostEntry, [JSON.stringify(config)], { stdio: ['ignore', fd, fd, 'ipc'], execArgv: [] });
  } finally {
    closeSync(fd);
  }
  let exited: HostExitStatus | null = null;
  const exitPromise = new Promise<HostExitStatus>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    }),
  );
  const waiting = new Map<number, { resolve: (reply: HostReply) => void; reject: (error: Error) => void }>();
  // A request in flight when the host dies gets its answer at once, not after the timeout.
  void exitPromise.then((e) => {
    for (const w of waiting.values()) w.reject(new Error(`the host exited (${e.signal ?? e.code})`));
    waiting.clear();
  });
  let nextId = 1;
  child.on('message', (raw) => {
    const reply = raw as HostReply;
    if ('id' in reply) {
      waiting.get(reply.id)?.resolve(reply);
      waiting.delete(reply.id);
    }
  });
  const request = (message: HostRequestBody, what: string): Promise<HostReply> =>
    new Promise((resolve, reject) => {
      if (exited || !child.connected) return reject(new Error(`cannot ${what}: the host has exited`));
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`the host did not answer "${what}" within 10 s`));
      }, 10_000);
      waiting.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ ...message, id } as HostRequest);
    });

  const timeoutMs = options.timeoutMs ?? 30_000;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the drill host did not start within ${timeoutMs} ms; see ${options.logFile}`)), timeoutMs);
    child.on('message', (m) => {
      if ((m as HostReply).type === 'ready') {
        clearTimeout(timer);
        resolve((m as { url: string }).url);
      }
    });
    void exitPromise.then(() => {
      clearTimeout(timer);
      reject(new Error(`the drill host exited while starting (${JSON.stringify(exited)}); see ${options.logFile}`));
    });
  });

  const waiters: { match: (e: ApiEvent) => boolean; since: number; resolve: (e: SeenEvent) => void }[] = [];
  const ws = new WebSocket(`${url.replace('http', 'ws')}/api/events`);
  ws.on('message', (data) => {
    const seen = { at: performance.now(), event: JSON.parse(String(data)) as ApiEvent };
    options.events.push(seen);
    for (const w of [...waiters]) {
      if (seen.at >= w.since && w.match(seen.event)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(seen);
      }
    }
  });
  ws.on('error', () => {}); // a killed host drops the socket; the drill learns that from exit()
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });

  const call = async <M extends MethodName>(method: M, input: unknown = {}): Promise<MethodOutput<M>> => {
    const res = await fetch(`${url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    const body = (await res.json()) as { error?: { code: string; message: string } };
    if (!res.ok) throw new HostCallError(method, res.status, body.error?.code ?? 'unknown', body.error?.message ?? JSON.stringify(body));
    return body as MethodOutput<M>;
  };

  return {
    url,
    pid: child.pid!,
    call: call as DrillHost['call'],
    async clock(to) {
      const r = await request({ type: 'clock', to }, 'move the clock');
      return (r as { now: number }).now;
    },
    async setStoreWritable(writable) {
      await request({ type: 'store', writable }, writable ? 'make the store writable' : 'make the store refuse writes');
    },
    nextEvent(match, o = {}) {
      const since = o.since ?? 0;
      const found = options.events.find((s) => s.at >= since && match(s.event));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = { match, since, resolve: (s: SeenEvent) => (clearTimeout(timer), resolve(s)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no matching event within ${o.timeoutMs ?? 15_000} ms`));
        }, o.timeoutMs ?? 15_000);
        waiters.push(waiter);
      });
    },
    exit: () => exited,
    exited: exitPromise,
    async kill9() {
      ws.terminate();
      if (!exited) child.kill('SIGKILL');
      await exitPromise;
    },
    async stop() {
      ws.close();
      if (!exited) child.kill('SIGTERM');
      await exitPromise;
    },
  };
}
