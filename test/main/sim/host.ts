// A minimal stand-in for the app's side of the serial line, for the simulator's own tests: it opens the
// link with the real serialport, collects every byte, and can react the moment a pattern arrives.
// Deliberately not main/modem: the simulator must not share the modem link's bugs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { Simulator } from '../../../main/sim/index.ts';

export type TestHost = {
  readonly port: SerialPort;
  /** Everything received since open (or the last clear()). */
  text(): string;
  bytes(): Buffer;
  clear(): void;
  send(text: string | Buffer): Promise<void>;
  /** Resolves with the text so far once it matches; rejects after timeoutMs naming what did arrive. */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves once at least n bytes have arrived. */
  waitForBytes(n: number, timeoutMs?: number): Promise<Buffer>;
  /** Calls `reply` synchronously in the data handler each time new text matches, like a fast host would. */
  on(pattern: RegExp, reply: (match: RegExpExecArray) => void): void;
  /** Sends a command and waits for its final result code. */
  command(line: string, timeoutMs?: number): Promise<string>;
  readonly closed: Promise<void>;
  close(): Promise<void>;
};

export const tempLink = (name = 'modem') => join(mkdtempSync(join(tmpdir(), 'rf-sim-')), name);

export async function openHost(path: string): Promise<TestHost> {
  const port = await new Promise<SerialPort>((resolve, reject) => {
    const p = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    p.open((e) => (e ? reject(e) : resolve(p)));
  });
  let received = Buffer.alloc(0);
  let scanned = 0;
  const watchers: Array<() => void> = [];
  const reactions: Array<{ pattern: RegExp; reply: (m: RegExpExecArray) => void }> = [];
  const closed = new Promise<void>((resolve) => port.once('close', () => resolve()));
  port.on('error', () => {});
  port.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    const text = received.toString('latin1');
    for (const r of reactions) {
      const re = new RegExp(r.pattern.source, r.pattern.flags.includes('g') ? r.pattern.flags : `${r.pattern.flags}g`);
      re.lastIndex = scanned;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) r.reply(m);
    }
    // Keep a tail so a pattern split across reads is still seen once.
    scanned = Math.max(0, text.lastIndexOf('\n') + 1);
    for (const w of watchers.slice()) w();
  });
  const waitUntil = <T>(check: () => T | undefined, timeoutMs: number, what: () => string) =>
    new Promise<T>((resolve, reject) => {
      const first = check();
      if (first !== undefined) return resolve(first);
      const watcher = () => {
        const v = check();
        if (v === undefined) return;
        clearTimeout(timer);
        watchers.splice(watchers.indexOf(watcher), 1);
        resolve(v);
      };
      const timer = setTimeout(() => {
        watchers.splice(watchers.indexOf(watcher), 1);
        reject(
          new Error(
            `timed out after ${timeoutMs} ms waiting for ${what()}; received (last 1000 bytes) ${JSON.stringify(received.toString('latin1').slice(-1000))}`,
          ),
        );
      }, timeoutMs);
      watchers.push(watcher);
    });
  const host: TestHost = {
    port,
    text: () => received.toString('latin1'),
    bytes: () => received,
    clear() {
      received = Buffer.alloc(0);
      scanned = 0;
    },
    send: (text) => new Promise<void>((resolve, reject) => port.write(text, (e) => (e ? reject(e) : port.drain(() => resolve())))),
    waitFor(pattern, timeoutMs = 5000) {
      return waitUntil(
        () => {
          const t = received.toString('latin1');
          return (typeof pattern === 'string' ? t.includes(pattern) : pattern.test(t)) ? t : undefined;
        },
        timeoutMs,
        () => String(pattern),
      );
    },
    waitForBytes(n, timeoutMs = 5000) {
      return waitUntil(
        () => (received.length >= n ? received : undefined),
        timeoutMs,
        () => `${n} bytes`,
      );
    },
    on(pattern, reply) {
      reactions.push({ pattern, reply });
    },
    async command(line, timeoutMs = 3000) {
      host.clear();
      await host.send(`${line}\r`);
      // The first final result after the command; unsolicited noise may come before or after it.
      const final = /\r\n(OK|ERROR|NO CARRIER|VCON|\+CM[ES] ERROR: [^\r]*)\r\n/;
      const text = await host.waitFor(final, timeoutMs);
      const m = final.exec(text)!;
      return text.slice(0, m.index + m[0].length);
    },
    closed,
    close: () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  };
  return host;
}

/** The simulator's log position now: pass it to receivedSince() after the calls you place. */
export const logMark = (sim: Simulator) => sim.log().at(-1)?.seq ?? 0;

/**
 * The host's text once every byte the modem wrote after `mark` has arrived. placeCall() resolves when the
 * simulator has written its last byte, not when that byte has crossed the pty: reading host.text() straight
 * after it races the pty, and under load the last RING was still in flight.
 */
export async function receivedSince(sim: Simulator, host: TestHost, mark: number): Promise<string> {
  const written = sim
    .log()
    .filter((e) => e.seq > mark && e.direction === 'to-host')
    .reduce((n, e) => n + Buffer.byteLength(e.text, 'utf8'), 0);
  await host.waitForBytes(written);
  return host.text();
}
