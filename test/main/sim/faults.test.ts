// Faults on demand: the app must see what it would see with a real USB modem.
// @module-tag pty
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimProfileName, type Simulator } from '../../../main/sim/index.ts';
import { openHost, tempLink, type TestHost } from './host.ts';

let sims: Simulator[] = [];
let hosts: TestHost[] = [];
afterEach(async () => {
  for (const h of hosts) await h.close();
  for (const s of sims) await s.close();
  sims = [];
  hosts = [];
});

async function modem(profile: SimProfileName = 'huawei-e173', options: { freezeMs?: number; timeScale?: number } = {}) {
  const link = tempLink();
  const sim = await startSimulator({
    link,
    profile,
    timeScale: options.timeScale ?? 100,
    ...(options.freezeMs !== undefined ? { freezeMs: options.freezeMs } : {}),
  });
  sims.push(sim);
  const host = await openHost(link);
  hosts.push(host);
  return { sim, host, link };
}

describe('modem faults', () => {
  it("unplug removes the link and closes the app's open port; replug recreates it with factory settings", async () => {
    const { sim, host, link } = await modem('sim800');
    await host.command('ATE0');
    await sim.fault('unplug');
    expect(existsSync(link)).toBe(false);
    // As with a hung-up ttyUSB: serialport closes the port at once, or at the latest when the app's
    // next write fails with EIO.
    if (host.port.isOpen) await host.send('AT\r').catch(() => {});
    await host.closed;
    expect(host.port.isOpen).toBe(false);
    await expect(openHost(link)).rejects.toThrow();

    await sim.fault('replug');
    expect(existsSync(link)).toBe(true);
    const again = await openHost(link);
    hosts.push(again);
    // A power-cycled SIM800 echoes again: ATE0 did not survive the unplug. Its boot lines (RDY, +CFUN…) come
    // 20 ms after the replug at this time scale and may reach a slow host before or after its AT: they are
    // whole unsolicited lines and are left out of the comparison.
    const boot = /\r\n(RDY|\+CFUN: 1|\+CPIN: READY|Call Ready|SMS Ready)\r\n/g;
    expect((await again.command('AT')).replace(boot, '')).toBe('AT\r\r\nOK\r\n');
  });

  it('ends a ringing call for the caller when the modem is pulled out', async () => {
    const { sim, host } = await modem();
    const call = sim.placeCall({ number: '13800138000', presentation: 'allowed', rings: 50 });
    await host.waitFor('RING');
    await sim.fault('unplug');
    expect(await call).toMatchObject({ outcome: 'caller-hung-up', hangupCommand: null });
  });

  it('does not ring calls while unplugged, without SIM or without network', async () => {
    for (const fault of ['unplug', 'no-sim', 'no-network'] as const) {
      const { sim } = await modem('quectel-ec25');
      await sim.fault(fault);
      expect(await sim.placeCall({ number: '13800138000', presentation: 'allowed' })).toEqual({
        outcome: 'caller-hung-up',
        rings: 0,
        hangupCommand: null,
        hangupLatencyMs: null,
      });
    }
  });

  it('answers +CPIN? with SIM not inserted after no-sim, until a replug', async () => {
    const { sim, host, link } = await modem('huawei-e173');
    await host.command('ATE0;+CMEE=2');
    await sim.fault('no-sim');
    expect(await host.command('AT+CPIN?')).toBe('\r\n+CME ERROR: SIM not inserted\r\n');
    await sim.fault('unplug');
    await sim.fault('replug');
    const again = await openHost(link);
    hosts.push(again);
    expect(await again.command('AT+CPIN?')).toBe('AT+CPIN?\r\r\n+CPIN: READY\r\n\r\nOK\r\n');
  });

  it('reports no operator and no signal after no-network', async () => {
    const { sim, host } = await modem('zte-mf');
    await host.command('ATE0');
    await sim.fault('no-network');
    expect(await host.command('AT+COPS?')).toBe('\r\n+COPS: 0\r\n\r\nOK\r\n');
    expect(await host.command('AT+CREG?')).toBe('\r\n+CREG: 0,2\r\n\r\nOK\r\n');
  });

  it('freezes: no echo, no reply, no ring until unfrozen, then answers again', async () => {
    const { sim, host } = await modem('sim800', { freezeMs: 3_600_000 });
    await sim.fault('freeze');
    host.clear();
    await host.send('AT\r');
    const call = await sim.placeCall({ number: '13800138000', presentation: 'allowed', rings: 1 });
    expect(call.rings).toBe(1);
    // Both the command and the call went by while frozen; the simulator's log says nothing was sent.
    expect(host.text()).toBe('');
    expect(sim.log().filter((e) => e.text.startsWith('not sent (frozen)')).length).toBeGreaterThan(0);
    await sim.fault('unfreeze');
    expect(await host.command('AT')).toBe('AT\r\r\nOK\r\n');
  });

  it('thaws by itself after freezeMs', async () => {
    const { sim, host } = await modem('sim800', { freezeMs: 2000, timeScale: 100 });
    await sim.fault('freeze');
    await host.send('AT\r');
    // Retry like a host whose command timed out: the modem answers once the 20 ms (scaled) freeze is over.
    const answered = (async () => {
      for (;;) {
        host.clear();
        await host.send('AT\r');
        const ok = await host.waitFor('OK', 50).then(
          () => true,
          () => false,
        );
        if (ok) return true;
      }
    })();
    expect(await answered).toBe(true);
    expect(sim.log().some((e) => e.text === 'unfrozen')).toBe(true);
  });

  it('writes garbage: NULs, high bytes and torn pieces of lines', async () => {
    const { sim, host } = await modem('sim800');
    await sim.fault('garbage');
    const bytes = await host.waitForBytes(48);
    expect(bytes.includes(0)).toBe(true);
    expect([...bytes].some((b) => b >= 0x80)).toBe(true);
    // The modem still answers afterwards.
    expect(await host.command('AT')).toBe('AT\r\r\nOK\r\n');
  });

  it('starts echoing again on echo-on, as a modem that reset itself would', async () => {
    const { sim, host } = await modem('quectel-ec25');
    expect(await host.command('ATE0')).toBe('ATE0\r\r\nOK\r\n');
    expect(await host.command('AT')).toBe('\r\nOK\r\n');
    await sim.fault('echo-on');
    expect(await host.command('AT')).toBe('AT\r\r\nOK\r\n');
  });

  it('refuses an unknown fault with a clear error and changes nothing', async () => {
    const { sim, host, link } = await modem();
    await expect(sim.fault('explode' as never)).rejects.toThrow(/Invalid fault: .*unplug/);
    expect(existsSync(link)).toBe(true);
    expect(await host.command('AT')).toMatch(/OK/);
  });
});
