import { describe, expect, it, vi } from 'vitest';
import type { PortInfo } from '../../../shared/api.ts';
import { portsToProbe, watchForModems } from '../../../main/service/hotplug.ts';

const port = (path: string, rank: number, vendorId: string | null, productId: string | null = '1001', inUse = false): PortInfo => ({
  path,
  manufacturer: null,
  vendorId,
  productId,
  rank,
  description: { en: path, zh: path },
  inUse,
});

describe('hot-plug', () => {
  const huawei = [port('/dev/ttyUSB0', 65, '12d1'), port('/dev/ttyUSB2', 90, '12d1'), port('/dev/ttyUSB1', 40, '12d1')];

  it('probes a new dongle once, on its best-ranked (AT) port', () => {
    expect(portsToProbe(huawei, new Set(), new Set(), new Set()).map((p) => p.path)).toEqual(['/dev/ttyUSB2']);
  });

  it('leaves alone unknown devices, busy ports, existing lines and ports that just failed', () => {
    expect(portsToProbe([port('/dev/ttyS0', 1, null), port('/dev/ttyUSB9', 30, '0403')], new Set(), new Set(), new Set())).toEqual([]);
    expect(portsToProbe([port('/dev/ttyUSB2', 90, '12d1', '1001', true)], new Set(), new Set(), new Set())).toEqual([]);
    expect(portsToProbe(huawei, new Set(['/dev/ttyUSB2']), new Set(['12d1:1001']), new Set())).toEqual([]);
    expect(portsToProbe(huawei, new Set(), new Set(), new Set(['/dev/ttyUSB2'])).map((p) => p.path)).toEqual(['/dev/ttyUSB0']);
  });

  // Fake timers: the poller's ticks are stepped one by one, so "nothing was added while auto-detect was off"
  // is asserted after ticks that provably ran (they asked whether auto-detect is on), not after a sleep.
  it('adds a modem that appears, and only when auto-detect is on', async () => {
    vi.useFakeTimers();
    try {
      let ports: PortInfo[] = [];
      let enabled = false;
      let asked = 0;
      const added: string[] = [];
      const lines: { path: string }[] = [];
      const listPorts = vi.fn(async () => ports);
      const probePort = vi.fn(async (path: string) => ({ path, ok: true, kind: 'gsm' as const, manufacturer: 'huawei', model: 'E173', problem: null }));
      const stop = watchForModems(
        {
          enabled: () => (asked++, enabled),
          listPorts,
          probePort,
          lines: () => lines,
          add: (path) => {
            added.push(path);
            lines.push({ path });
          },
          log: () => {},
        },
        10,
      );
      ports = huawei;
      await vi.advanceTimersByTimeAsync(50);
      expect([added, probePort.mock.calls.length]).toEqual([[], 0]); // nothing added, no port opened to probe…
      expect(asked).toBeGreaterThanOrEqual(5); // …by a poller that ran: the first scan plus one per 10 ms tick

      enabled = true;
      await vi.advanceTimersByTimeAsync(10);
      expect(added).toEqual(['/dev/ttyUSB2']);
      await vi.advanceTimersByTimeAsync(50); // later scans see the line and leave the dongle alone
      expect(added).toEqual(['/dev/ttyUSB2']);
      expect(probePort.mock.calls).toEqual([['/dev/ttyUSB2']]);

      stop();
      const scans = listPorts.mock.calls.length;
      await vi.advanceTimersByTimeAsync(50);
      expect(listPorts.mock.calls.length).toBe(scans);
    } finally {
      vi.useRealTimers();
    }
  });
});
