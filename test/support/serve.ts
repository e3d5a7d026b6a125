// Runs the real `ringfence serve` (from source) as a child process, like a user or an acceptance check would.
import { spawn, type ChildProcess } from 'node:child_process';
import WebSocket from 'ws';
import type { ApiEvent } from '../../shared/api.ts';
import { cliEntry } from './paths.ts';

export type ServeProcess = {
  url: string;
  proc: ChildProcess;
  output: () => string;
  call: <T = unknown>(method: string, input?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: T }>;
  events: () => EventStream;
  stop: () => Promise<number | null>;
};

export type EventStream = {
  received: ApiEvent[];
  /** Resolves once the WebSocket is open: events before that are not seen. */
  ready: Promise<unknown>;
  /** Resolves with the first event (already received or still to come) that matches. */
  next: (match: (e: ApiEvent) => boolean, timeoutMs?: number) => Promise<ApiEvent>;
  close: () => void;
};

export async function startServe(args: string[], options: { token?: string; timeoutMs?: number } = {}): Promise<ServeProcess> {
  const proc = spawn(process.execPath, [cliEntry, 'serve', '--listen', '127.0.0.1:0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within ${options.timeoutMs ?? 15000} ms:\n${out}`)), options.timeoutMs ?? 15000);
    const check = () => {
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
  const auth: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};
  return {
    url,
    proc,
    output: () => out,
    async call(method, input = {}, headers = auth) {
      const res = await fetch(`${url}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(input),
      });
      return { status: res.status, body: (await res.json()) as never };
    },
    events() {
      const received: ApiEvent[] = [];
      const waiters: { match: (e: ApiEvent) => boolean; resolve: (e: ApiEvent) => void }[] = [];
      const ws = new WebSocket(`${url.replace('http', 'ws')}/api/events${options.token ? `?token=${options.token}` : ''}`);
      ws.on('message', (data) => {
        const e = JSON.parse(String(data)) as ApiEvent;
        received.push(e);
        for (const w of [...waiters])
          if (w.match(e)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(e);
          }
      });
      const opened = new Promise((r) => ws.once('open', r));
      return {
        received,
        ready: opened,
        async next(match, timeoutMs = 15000) {
          await opened;
          const found = received.find(match);
          if (found) return found;
          return new Promise<ApiEvent>((resolve, reject) => {
            const t = setTimeout(() => reject(new Error(`no matching event within ${timeoutMs} ms; got ${received.map((e) => e.type).join(', ')}`)), timeoutMs);
            waiters.push({ match, resolve: (e) => (clearTimeout(t), resolve(e)) });
          });
        },
        close: () => ws.close(),
      };
    },
    async stop() {
      if (proc.exitCode !== null) return proc.exitCode;
      const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
      proc.kill('SIGTERM');
      return exited;
    },
  };
}
