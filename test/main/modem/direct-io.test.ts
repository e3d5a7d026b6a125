// The serial port's bytes move on the thread that screens calls (main/modem/direct-io.ts), not through libuv's
// thread pool, which file work shares: a caller ID read and its hang-up written while the pool is busy with an
// upload or an export. Real serialport on a real socat pty pair, the direct binding at both ends.
import { pbkdf2 } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPortStream } from '@serialport/stream';
import { afterEach, expect, it } from 'vitest';
import { directBinding } from '../../../main/modem/direct-io.ts';
import { createPtyPair, type PtyPair } from '../../../main/sim/pty.ts';

let dir = '';
let pair: PtyPair | null = null;
const ports: SerialPortStream[] = [];
afterEach(async () => {
  for (const p of ports.splice(0)) if (p.isOpen) await new Promise((r) => p.close(r));
  await pair?.close();
  pair = null;
  rmSync(dir, { recursive: true, force: true });
});

async function openPair(): Promise<{ host: SerialPortStream; modem: SerialPortStream }> {
  dir = mkdtempSync(join(tmpdir(), 'rf-direct-io-'));
  pair = await createPtyPair(join(dir, 'modem'));
  const open = async (path: string) => {
    const port = new SerialPortStream({ binding: directBinding(), path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    ports.push(port);
    return port;
  };
  return { host: await open(pair.link), modem: await open(pair.deviceLink) };
}

const received = (port: SerialPortStream, bytes: number) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    let n = 0;
    const onData = (d: Buffer) => {
      chunks.push(d);
      n += d.length;
      if (n >= bytes) {
        port.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    port.on('data', onData);
  });

it.runIf(process.platform !== 'win32')(
  'reads a caller ID and writes the hang-up while every thread of the pool is busy',
  async () => {
    const { host, modem } = await openPair();
    // Occupy the pool (4 threads unless UV_THREADPOOL_SIZE says more) with work that takes far longer than a
    // pty round trip, and note when the first of it is done.
    const poolSize = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    let poolDone = false;
    const busy = Array.from(
      { length: poolSize * 2 },
      () => new Promise<void>((resolve) => pbkdf2('x', 'y', 2_000_000, 32, 'sha256', () => ((poolDone = true), resolve()))),
    );
    const clip = received(host, 30);
    void modem.write('\r\nRING\r\n\r\n+CLIP: "13800138000",129\r\n');
    expect((await clip).toString()).toContain('+CLIP: "13800138000",129');
    const hangup = received(modem, 8);
    host.write('AT+CHUP\r');
    expect((await hangup).toString()).toBe('AT+CHUP\r');
    // Both crossed while the pool was still working: they never waited for it.
    expect(poolDone).toBe(false);
    await Promise.all(busy);
  },
  60_000,
);

it.runIf(process.platform !== 'win32')('writes more than the pty holds at once, whole and in order, waiting for room without blocking', async () => {
  const { host, modem } = await openPair();
  const data = Buffer.alloc(256 * 1024);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 8)) & 0xff;
  const got = received(modem, data.length);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  host.write(data);
  const arrived = await got;
  clearInterval(timer);
  expect(arrived.equals(data)).toBe(true);
  // The event loop kept turning while the write waited for the other side to read.
  expect(ticks).toBeGreaterThan(0);
});

it.runIf(process.platform !== 'win32')('ends a pending read when the port closes, without an error', async () => {
  const { host } = await openPair();
  const errors: Error[] = [];
  host.on('error', (e: Error) => errors.push(e));
  host.on('data', () => {}); // a read is waiting for the poller
  const closed = new Promise<void>((resolve) => host.once('close', () => resolve()));
  await new Promise((r) => host.close(r));
  await closed;
  expect(host.isOpen).toBe(false);
  expect(errors).toEqual([]);
});

it.runIf(process.platform !== 'win32')('reports the other side going away as the port closing (an unplugged dongle)', async () => {
  const { host } = await openPair();
  host.on('data', () => {});
  host.on('error', () => {});
  const closed = new Promise<void>((resolve) => host.once('close', () => resolve()));
  await pair?.close();
  pair = null;
  // A hung-up pty reads EIO or 0 bytes: either way the stream ends rather than spinning on this thread.
  const outcome = await Promise.race([closed.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 10_000))]);
  expect(outcome).toBe('closed');
});
