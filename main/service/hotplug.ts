// Hot-plug: a dongle plugged in while Ringfence runs becomes a line by itself (Settings → "Find modems
// automatically" turns this off). Unplugging is the line's own business: it marks itself disconnected
// and keeps retrying, so a replugged dongle comes back as the same line.
import type { PortInfo, ProbeResult } from '../../shared/api.ts';

/** Ports at or above this rank belong to a known modem vendor (see main/modem/ports.ts rankPort). */
export const KNOWN_MODEM_RANK = 60;

/**
 * Which ports to probe as new modems: known vendors only, not in use, not already a line, one port per
 * vendor:product (a Huawei stick shows three ttys; its AT port ranks first), and never a kind of device
 * that already has a line — two identical dongles are rare enough to add by hand, and a wrong guess would
 * open a second line on the first dongle's data port.
 */
export function portsToProbe(
  ports: readonly PortInfo[],
  linePaths: ReadonlySet<string>,
  lineDevices: ReadonlySet<string>,
  skip: ReadonlySet<string>,
): PortInfo[] {
  const chosen = new Map<string, PortInfo>();
  for (const p of [...ports].sort((a, b) => b.rank - a.rank)) {
    if (p.rank < KNOWN_MODEM_RANK || p.inUse || linePaths.has(p.path) || skip.has(p.path)) continue;
    const device = deviceKey(p);
    if (lineDevices.has(device) || chosen.has(device)) continue;
    chosen.set(device, p);
  }
  return [...chosen.values()];
}

export const deviceKey = (p: Pick<PortInfo, 'vendorId' | 'productId' | 'path'>) => (p.vendorId ? `${p.vendorId}:${p.productId ?? ''}`.toLowerCase() : p.path);

export type HotplugDeps = {
  enabled: () => boolean;
  listPorts: () => Promise<PortInfo[]>;
  probePort: (path: string) => Promise<ProbeResult>;
  lines: () => { path: string }[];
  add: (path: string) => void;
  log: (message: string) => void;
};

/** Polls for new modems every `everyMs`; returns the stop function. */
export function watchForModems(deps: HotplugDeps, everyMs = 3000): () => void {
  const known = new Map<string, string>(); // path → device key of lines we have seen
  const failed = new Map<string, number>(); // path → when its probe failed (retry after a minute)
  let busy = false;
  const scan = async () => {
    if (busy || !deps.enabled()) return;
    busy = true;
    try {
      const ports = await deps.listPorts();
      for (const p of ports) known.set(p.path, deviceKey(p));
      const linePaths = new Set(deps.lines().map((l) => l.path));
      const lineDevices = new Set([...linePaths].map((path) => known.get(path)).filter((k): k is string => !!k));
      const now = Date.now();
      for (const [path, at] of failed) if (now - at > 60_000) failed.delete(path);
      for (const port of portsToProbe(ports, linePaths, lineDevices, new Set(failed.keys()))) {
        const probe = await deps.probePort(port.path);
        if (probe.ok) {
          deps.log(`found a modem on ${port.path} (${probe.manufacturer ?? ''} ${probe.model ?? ''}); screening it`);
          deps.add(port.path);
        } else failed.set(port.path, now);
      }
    } catch (error) {
      deps.log(`looking for modems failed: ${(error as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void scan(), everyMs);
  timer.unref();
  void scan();
  return () => clearInterval(timer);
}
