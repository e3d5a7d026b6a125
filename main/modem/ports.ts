// Which serial ports might be a modem's command port, best first. SerialPort.list() needs udevadm on
// Linux and throws without it, so the fallback reads /dev/serial/by-id, /dev/ttyUSB*, /dev/ttyACM* and
// the USB ids from sysfs itself. Ranking: known modem vendors first, and within a dongle the interface
// that takes AT commands (Huawei's PCUI, Quectel/SIMCom/ZTE's AT port: usually interface 2), not its
// diagnostics, GPS or PPP ports.
import { readdir, readFile, readlink, realpath } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SerialPort } from 'serialport';
import type { PortInfo } from '../../shared/api.ts';
import type { Text } from '../../shared/domain.ts';
import { portTexts, vendorName } from './texts.ts';

type Candidate = { path: string; manufacturer: string | null; vendorId: string | null; productId: string | null; iface: number | null };

type Vendor = { name: string; kind: 'gsm' | 'landline' | 'bridge'; atInterfaces: number[] };
const vendors: Record<string, Vendor> = {
  '12d1': { name: 'Huawei GSM dongle', kind: 'gsm', atInterfaces: [2, 0] },
  '19d2': { name: 'ZTE GSM dongle', kind: 'gsm', atInterfaces: [2, 1, 3] },
  '1e0e': { name: 'SIMCom GSM module', kind: 'gsm', atInterfaces: [2, 3] },
  '2c7c': { name: 'Quectel GSM module', kind: 'gsm', atInterfaces: [2] },
  '05c6': { name: 'Qualcomm-based GSM module', kind: 'gsm', atInterfaces: [2] },
  '1bbb': { name: 'Alcatel/TCL GSM dongle', kind: 'gsm', atInterfaces: [2, 1] },
  '0baf': { name: 'U.S. Robotics modem', kind: 'landline', atInterfaces: [0] },
  '0572': { name: 'Conexant voice modem (Zoom and others)', kind: 'landline', atInterfaces: [0] },
  '0803': { name: 'Zoom modem', kind: 'landline', atInterfaces: [0] },
  '1a86': { name: 'USB-serial adapter (CH340), e.g. a SIM800 board', kind: 'bridge', atInterfaces: [] },
  '10c4': { name: 'USB-serial adapter (CP210x), e.g. a SIM800 board', kind: 'bridge', atInterfaces: [] },
  '0403': { name: 'USB-serial adapter (FTDI)', kind: 'bridge', atInterfaces: [] },
  '067b': { name: 'USB-serial adapter (PL2303)', kind: 'bridge', atInterfaces: [] },
};

const lower = (s: string | undefined | null) => (s ? s.toLowerCase().replace(/^0x/, '') : null);

/** Rank and describe one candidate. Pure, so the ranking is tested without hardware. */
export function rankPort(c: Candidate): { rank: number; description: Text } {
  const vendor = c.vendorId ? vendors[c.vendorId] : undefined;
  const isUsbTty = /tty(USB|ACM)\d+$|^COM\d+$/i.test(c.path) || c.path.includes('/serial/by-id/');
  let rank = isUsbTty ? 10 : 1;
  if (!vendor) {
    return { rank, description: portTexts.unknownPort(c.manufacturer, isUsbTty) };
  }
  if (vendor.kind === 'bridge') return { rank: rank + 20, description: vendorName(c.vendorId!, vendor.name) };
  rank += 50;
  const at = c.iface !== null ? vendor.atInterfaces.indexOf(c.iface) : -1;
  if (at >= 0) rank += 30 - at * 5;
  else if (c.iface !== null && vendor.kind === 'gsm') rank -= 20; // diagnostics, GPS or PPP interface
  const part =
    c.iface === null
      ? { en: '', zh: '' }
      : at === 0
        ? portTexts.commandInterface(vendor.kind === 'gsm')
        : at > 0
          ? portTexts.maybeCommands(c.iface)
          : portTexts.notForCommands(c.iface);
  const name = vendorName(c.vendorId!, vendor.name);
  return { rank, description: { en: name.en + part.en, zh: name.zh + part.zh } };
}

/** USB ids and interface number of a tty, read from sysfs (what udevadm would have told SerialPort.list). */
async function sysfsUsbInfo(devPath: string): Promise<Pick<Candidate, 'vendorId' | 'productId' | 'manufacturer' | 'iface'>> {
  const none = { vendorId: null, productId: null, manufacturer: null, iface: null };
  try {
    let dir = await realpath(join('/sys/class/tty', basename(await realpath(devPath)), 'device'));
    let iface: number | null = null;
    for (let i = 0; i < 6 && dir !== '/'; i++, dir = dirname(dir)) {
      const n = await readFile(join(dir, 'bInterfaceNumber'), 'utf8').catch(() => null);
      if (n !== null && iface === null) iface = parseInt(n.trim(), 16);
      const vendorId = await readFile(join(dir, 'idVendor'), 'utf8').catch(() => null);
      if (vendorId !== null) {
        const productId = await readFile(join(dir, 'idProduct'), 'utf8').catch(() => null);
        const manufacturer = await readFile(join(dir, 'manufacturer'), 'utf8').catch(() => null);
        return {
          vendorId: vendorId.trim().toLowerCase(),
          productId: productId?.trim().toLowerCase() ?? null,
          manufacturer: manufacturer?.trim() ?? null,
          iface,
        };
      }
    }
  } catch {
    // Not a USB tty, or sysfs is not there (macOS, containers): nothing to add.
  }
  return none;
}

async function fallbackCandidates(): Promise<Candidate[]> {
  const paths = new Set<string>();
  const byId = '/dev/serial/by-id';
  for (const name of await readdir(byId).catch(() => [] as string[])) {
    const target = await readlink(join(byId, name)).catch(() => null);
    if (target) paths.add(join(byId, target).replace(/^\/dev\/serial\/by-id\/\.\.\/\.\.\//, '/dev/'));
  }
  for (const name of await readdir('/dev').catch(() => [] as string[])) if (/^tty(USB|ACM)\d+$/.test(name)) paths.add(`/dev/${name}`);
  return Promise.all([...paths].map(async (path) => ({ path, ...(await sysfsUsbInfo(path)) })));
}

async function listedCandidates(): Promise<Candidate[] | null> {
  try {
    const ports = await SerialPort.list();
    return Promise.all(
      ports.map(async (p) => {
        // pnpId on Linux is the by-id name, which carries the interface (…-if02-port0).
        const iface = /-if(\d+)/.exec(p.pnpId ?? '')?.[1];
        const sys = process.platform === 'linux' ? await sysfsUsbInfo(p.path) : null;
        return {
          path: p.path,
          manufacturer: p.manufacturer ?? sys?.manufacturer ?? null,
          vendorId: lower(p.vendorId) ?? sys?.vendorId ?? null,
          productId: lower(p.productId) ?? sys?.productId ?? null,
          iface: iface !== undefined ? parseInt(iface, 16) : (sys?.iface ?? null),
        };
      }),
    );
  } catch {
    return null; // udevadm missing (containers, minimal systems): fall back to scanning /dev
  }
}

/** Whether another process we can see holds the port open, or a UUCP lock file names it. Best effort:
 *  ModemManager runs as root, so its descriptors are invisible; opening the port tells for sure. */
async function inUse(path: string): Promise<boolean> {
  if (process.platform !== 'linux') return false;
  const real = await realpath(path).catch(() => path);
  for (const lockDir of ['/var/lock', '/run/lock']) {
    if (
      await readFile(join(lockDir, `LCK..${basename(real)}`)).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '')) === real) return true;
  }
  return false;
}

export async function listPorts(): Promise<PortInfo[]> {
  let candidates = await listedCandidates();
  if (candidates === null || (candidates.length === 0 && process.platform === 'linux')) candidates = await fallbackCandidates();
  const seen = new Set<string>();
  const unique = candidates.filter((c) => !seen.has(c.path) && seen.add(c.path));
  const infos = await Promise.all(
    unique.map(async (c): Promise<PortInfo> => ({
      path: c.path,
      manufacturer: c.manufacturer,
      vendorId: c.vendorId,
      productId: c.productId,
      ...rankPort(c),
      inUse: await inUse(c.path),
    })),
  );
  return infos.sort((a, b) => b.rank - a.rank || a.path.localeCompare(b.path));
}

/** Huawei sticks in HiLink mode (a network card with no serial port at all): sysfs paths of each. */
export async function findHilinkSticks(root = '/sys/bus/usb/devices'): Promise<string[]> {
  const found: string[] = [];
  for (const dev of await readdir(root).catch(() => [] as string[])) {
    const vendor = await readFile(join(root, dev, 'idVendor'), 'utf8').catch(() => null);
    if (vendor?.trim().toLowerCase() !== '12d1') continue;
    const entries = await readdir(join(root, dev)).catch(() => [] as string[]);
    let hasTty = false;
    for (const e of entries.filter((x) => x.startsWith(`${dev}:`))) {
      const sub = await readdir(join(root, dev, e)).catch(() => [] as string[]);
      if (sub.some((s) => s === 'tty' || /^tty(USB|ACM)\d+$/.test(s))) hasTty = true;
    }
    if (!hasTty) found.push(join(root, dev));
  }
  return found;
}
