// Probing a port and listing candidates: real ptys for the answers, a fake sysfs tree for HiLink sticks.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { PortInfo } from '../../../shared/api.ts';
import { findHilinkSticks, listPorts, probePort } from '../../../main/modem/index.ts';
import { gsmModem, huaweiE173, landlineModem, usr5637 } from './support/modems.ts';
import { ModemPeer, type Script } from './support/peer.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function peerWith(script: Script) {
  const peer = await ModemPeer.start(script);
  cleanups.push(() => peer.close());
  return peer;
}

describe('probePort', () => {
  it('identifies a GSM dongle', { tags: ['pty'] }, async () => {
    const peer = await peerWith(gsmModem(huaweiE173).script);
    expect(await probePort(peer.link, 500)).toEqual({ path: peer.link, ok: true, kind: 'gsm', manufacturer: 'huawei', model: 'E173', problem: null });
  });

  it('identifies a landline modem', { tags: ['pty'] }, async () => {
    const peer = await peerWith(landlineModem(usr5637).script);
    expect(await probePort(peer.link, 500)).toMatchObject({ ok: true, kind: 'landline', model: 'U.S. Robotics 56K FAX USB V1.2.23' });
  });

  it('says a port that never answers AT is not a modem’s command port', { tags: ['pty'] }, async () => {
    const peer = await peerWith(() => null);
    const result = await probePort(peer.link, 150);
    expect(result).toMatchObject({ ok: false, kind: null, problem: { code: 'not-a-modem' } });
    expect(result.problem?.text.zh).toMatch(/AT/);
  });

  it('says a port another program holds is busy, and how to free it', { tags: ['pty'] }, async () => {
    const peer = await peerWith(gsmModem(huaweiE173).script);
    const holder = new SerialPort({ path: peer.link, baudRate: 115200, autoOpen: false, lock: true });
    await new Promise<void>((r, j) => holder.open((e) => (e ? j(e) : r())));
    cleanups.push(() => new Promise<void>((r) => holder.close(() => r())));
    const result = await probePort(peer.link, 300);
    expect(result).toMatchObject({ ok: false, problem: { code: 'port-busy' } });
    expect(result.problem?.text.en).toMatch(/ModemManager/);
  });

  it('says a missing port is unplugged or renamed', async () => {
    expect(await probePort('/nonexistent/ttyUSB7', 100)).toMatchObject({ ok: false, problem: { code: 'not-found' } });
  });
});

describe('listPorts', () => {
  it('lists ports without throwing, each a valid PortInfo, best first', async () => {
    const ports = await listPorts();
    for (const p of ports) expect(PortInfo.parse(p)).toEqual(p);
    expect(ports.map((p) => p.rank)).toEqual([...ports.map((p) => p.rank)].sort((a, b) => b - a));
  });
});

describe('findHilinkSticks', () => {
  it('finds a Huawei USB device that has no serial port', () => {
    const root = mkdtempSync(join(tmpdir(), 'rf-sysfs-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const device = (name: string, vendor: string, tty?: string) => {
      mkdirSync(join(root, name, `${name}:1.0`), { recursive: true });
      writeFileSync(join(root, name, 'idVendor'), `${vendor}\n`);
      if (tty) mkdirSync(join(root, name, `${name}:1.0`, tty));
    };
    device('1-1', '12d1'); // HiLink: a network card only
    device('1-2', '12d1', 'ttyUSB0'); // a stick in modem mode
    device('1-3', '0baf'); // not Huawei
    return expect(findHilinkSticks(root)).resolves.toEqual([join(root, '1-1')]);
  });
});
