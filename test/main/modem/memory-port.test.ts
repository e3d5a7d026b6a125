// The in-memory port pair behaves like a port: opening can fail the way a device node fails, writes never
// reach the other side within the writer's own call, reads come in bounded chunks, and an unplug closes
// the host's link as unexpectedly as a pulled dongle.
import { describe, expect, it } from 'vitest';
import { createMemoryPort, type SerialOptions } from '../../../main/modem/index.ts';

const options = (path: string, received: Buffer[] = [], writeErrors: string[] = []): SerialOptions => ({
  path,
  baudRate: 115_200,
  onData: (chunk) => received.push(chunk),
  onWriteError: (m) => writeErrors.push(m),
});

const until = (check: () => boolean) =>
  new Promise<void>((resolve) => {
    const poll = () => (check() ? resolve() : setImmediate(poll));
    poll();
  });

describe('the in-memory port pair', () => {
  it('is "not found" under another name or while unplugged, and "busy" while the host has it open', async () => {
    const port = createMemoryPort('demo', { plugged: false });
    expect(await port.open(options('demo'))).toMatchObject({ ok: false, problem: { code: 'not-found' } });
    port.plug();
    expect(await port.open(options('other'))).toMatchObject({ ok: false, problem: { code: 'not-found' } });
    const first = await port.open(options('demo'));
    if (!first.ok) throw new Error(first.problem.text.en);
    expect(port.hostOpen).toBe(true);
    expect(await port.open(options('demo'))).toMatchObject({ ok: false, problem: { code: 'port-busy' } });
    await first.link.close();
    expect(await first.link.closed).toEqual({ unexpected: false, reason: 'closed by us' });
    expect(port.hostOpen).toBe(false);
    expect((await port.open(options('demo'))).ok).toBe(true);
  });

  it("delivers the modem's bytes on a later turn, in reads of at most 64 bytes, and drains after the last one", async () => {
    const port = createMemoryPort('demo');
    const received: Buffer[] = [];
    expect((await port.open(options('demo', received))).ok).toBe(true);
    const text = `\r\nRING\r\n\r\n+CLIP: "13800138000",129,,,,0\r\n${'x'.repeat(150)}\r\n`;
    let drained = false;
    const done = port.modem.write(Buffer.from(text, 'latin1')).then(() => (drained = true));
    expect(received).toEqual([]);
    expect(port.modem.backlog).toBe(text.length);
    await done;
    expect(drained).toBe(true);
    expect(port.modem.backlog).toBe(0);
    expect(received.length).toBeGreaterThan(1);
    expect(Math.max(...received.map((c) => c.length))).toBeLessThanOrEqual(64);
    expect(Buffer.concat(received).toString('latin1')).toBe(text);
  });

  it("coalesces small writes into one read, and hands the host's writes to the modem asynchronously", async () => {
    const port = createMemoryPort('demo');
    const received: Buffer[] = [];
    const opened = await port.open(options('demo', received));
    if (!opened.ok) throw new Error(opened.problem.text.en);
    const fromHost: string[] = [];
    port.modem.onData((chunk) => fromHost.push(chunk.toString('utf8')));
    opened.link.write('AT+CHUP\r');
    expect(fromHost).toEqual([]);
    await until(() => fromHost.length > 0);
    expect(fromHost.join('')).toBe('AT+CHUP\r');
    await Promise.all([port.modem.write(Buffer.from('\r\nOK')), port.modem.write(Buffer.from('\r\n'))]);
    expect(received.map((c) => c.toString())).toEqual(['\r\nOK\r\n']);
  });

  it('closes the host link unexpectedly on unplug, drops what was in flight, and refuses writes after', async () => {
    const port = createMemoryPort('demo');
    const received: Buffer[] = [];
    const writeErrors: string[] = [];
    const opened = await port.open(options('demo', received, writeErrors));
    if (!opened.ok) throw new Error(opened.problem.text.en);
    const inFlight = port.modem.write(Buffer.from('\r\nRING\r\n'));
    port.unplug();
    await inFlight;
    expect(received).toEqual([]);
    expect(await opened.link.closed).toEqual({ unexpected: true, reason: 'demo disappeared' });
    opened.link.write('AT\r');
    await until(() => writeErrors.length > 0);
    expect(writeErrors).toEqual(['Port is not open']);
    expect(await port.open(options('demo'))).toMatchObject({ ok: false, problem: { code: 'not-found' } });
    port.plug();
    expect((await port.open(options('demo'))).ok).toBe(true);
  });
});
