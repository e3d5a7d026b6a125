import { describe, expect, it } from 'vitest';
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

  it("probes a new dongle once, on its best-ranked (AT) port", () => {
    expect(portsToProbe(huawei, new Set(), new Set(), new Set()).map((p) => p.path)).toEqual(['/dev/ttyUSB2']);
  });

  it('leaves alone unknown devices, busy ports, existing lines and ports that just failed', () => {
    expect(portsToProbe([port('/dev/ttyS0', 1, null), port('/dev/ttyUSB9', 30, '0403')], new Set(), new Set(), new Set())).toEqual([]);
    expect(portsToProbe([port('/dev/ttyUSB2', 90, '12d1', '1001', true)], new Set(), new Set(), new Set())).toEqual([]);
    expect(portsToProbe(huawei, new Set(['/dev/ttyUSB2']), new Set(['12d1:1001']), new Set())).toEqual([]);
    expect(portsToProbe(huawei, new Set(), new Set(), new Set(['/dev/ttyUSB2'])).map((p) => p.path)).toEqual(['/dev/ttyUSB0']);
  });

  it('adds a modem that appears, and only when auto-detect is on', async () => {
    let ports: PortInfo[] = [];
    let enabled = false;
    const added: string[] = [];
    const lines: { path: string }[] = [];
    const stop = watchForModems(
      {
        enabled: () => enabled,
        listPorts: async () => ports,
        probePort: async (path) => ({ path, ok: true, kind: 'gsm', manufacturer: 'huawei', model: 'E173', problem: null }),
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
    await new Promise((r) => setTimeout(r, 60));
    expect(added).toEqual([]);
    enabled = true;
    const deadline = Date.now() + 2000;
    while (added.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 60));
    stop();
    expect(added).toEqual(['/dev/ttyUSB2']);
  });
});
