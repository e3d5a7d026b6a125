// A small scripted modem for the link's integration tests: it owns a real socat pty pair, opens the device
// end with serialport, reads the commands the line sends and answers them from a script. It can replay
// bytes in random small writes, freeze, and be unplugged (the pty really vanishes) and plugged back in.
// Deliberately not the simulator in main/sim: the link's tests must not share the simulator's bugs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { createPtyPair, type PtyPair } from '../../../../main/sim/pty.ts';

export type Reply = string | null;
/** Answers one command (without its CR): the framed bytes to send back, or null to stay silent. */
export type Script = (command: string, peer: ModemPeer) => Reply;

export const frame = (...lines: string[]) => lines.map((l) => `\r\n${l}\r\n`).join('');
export const ok = (...info: string[]) => frame(...info, 'OK');

type Waiter = { test: (c: string) => boolean; resolve: (c: string) => void };

export class ModemPeer {
  readonly link: string;
  readonly commands: string[] = [];
  script: Script;
  echo = false;
  frozen = false;
  /** While set, replies wait here (so they do not land in the middle of a replayed line). */
  held: string[] | null = null;
  #dir: string;
  #pair: PtyPair | null = null;
  #port: SerialPort | null = null;
  #pending = '';
  #waiters: Waiter[] = [];

  private constructor(dir: string, script: Script) {
    this.#dir = dir;
    this.link = join(dir, 'ttyMODEM');
    this.script = script;
  }

  static async start(script: Script): Promise<ModemPeer> {
    const peer = new ModemPeer(mkdtempSync(join(tmpdir(), 'rf-modem-')), script);
    await peer.replug();
    return peer;
  }

  /** Creates the pty at the same path again and opens the device end (also the first plug-in). */
  async replug(): Promise<void> {
    this.#pair = await createPtyPair(this.link);
    const port = new SerialPort({ path: this.#pair.deviceLink, baudRate: 115200, autoOpen: false, lock: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    port.on('data', (d: Buffer) => this.#onData(d.toString('latin1')));
    port.on('error', () => {});
    this.#port = port;
  }

  /** The USB plug is pulled: socat exits and both pty paths disappear. */
  async unplug(): Promise<void> {
    const port = this.#port;
    this.#port = null;
    if (port?.isOpen) await new Promise<void>((r) => port.close(() => r()));
    await this.#pair?.close();
    this.#pair = null;
  }

  #onData(text: string) {
    this.#pending += text;
    for (;;) {
      const cr = this.#pending.indexOf('\r');
      if (cr === -1) break;
      const command = this.#pending.slice(0, cr).replace(/^\n+/, '').trim();
      this.#pending = this.#pending.slice(cr + 1);
      if (command === '') continue;
      this.commands.push(command);
      for (const w of [...this.#waiters])
        if (w.test(command)) {
          this.#waiters.splice(this.#waiters.indexOf(w), 1);
          w.resolve(command);
        }
      if (this.frozen) continue;
      const reply = this.script(command, this);
      const echo = this.echo ? `${command}\r` : '';
      if (reply === null && !echo) continue;
      if (this.held) this.held.push(echo + (reply ?? ''));
      else void this.write(echo + (reply ?? ''));
    }
  }

  /** Replays captured bytes in random small writes, holding back replies to commands meanwhile. */
  async replay(bytes: Uint8Array, seed = 1): Promise<void> {
    this.held = [];
    await this.write(bytes, { split: true, seed });
    const held = this.held;
    this.held = null;
    for (const reply of held) await this.write(reply);
  }

  /** Bytes to the host; `split` cuts them into random small writes, each drained before the next. */
  async write(data: string | Uint8Array, options: { split?: boolean; seed?: number } = {}): Promise<void> {
    const port = this.#port;
    if (!port) return;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : Buffer.from(data);
    let seed = options.seed ?? 1;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let i = 0; i < bytes.length;) {
      const n = options.split ? 1 + Math.floor(random() * 7) : bytes.length;
      await new Promise<void>((resolve) => port.write(bytes.subarray(i, i + n), () => port.drain(() => resolve())));
      i += n;
    }
  }

  /** Resolves with the first command (already sent or still to come) that matches. */
  waitForCommand(test: string | RegExp | ((c: string) => boolean), timeoutMs = 5000, after = 0): Promise<string> {
    const t = typeof test === 'string' ? (c: string) => c === test : test instanceof RegExp ? (c: string) => test.test(c) : test;
    const seen = this.commands.slice(after).find(t);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { test: t, resolve: (c) => (clearTimeout(timer), resolve(c)) };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`the modem never received ${String(test)}; it got: ${this.commands.join(' | ')}`));
      }, timeoutMs);
      this.#waiters.push(waiter);
    });
  }

  count(command: string): number {
    return this.commands.filter((c) => c === command).length;
  }

  async close(): Promise<void> {
    await this.unplug();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
