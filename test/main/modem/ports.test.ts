import { describe, expect, it } from 'vitest';
import { rankPort } from '../../../main/modem/ports.ts';
import { openErrorProblem } from '../../../main/modem/port-problems.ts';
import { pickProfile } from '../../../main/modem/profiles/pick.ts';

const port = (path: string, vendorId: string | null, iface: number | null) => ({ path, manufacturer: null, vendorId, productId: null, iface });

describe('port ranking', () => {
  it('puts a Huawei dongle’s PCUI interface above its modem and diagnostics ports', () => {
    const ranked = [port('/dev/ttyUSB0', '12d1', 0), port('/dev/ttyUSB1', '12d1', 1), port('/dev/ttyUSB2', '12d1', 2)]
      .map((p) => ({ path: p.path, ...rankPort(p) }))
      .sort((a, b) => b.rank - a.rank);
    expect(ranked.map((r) => r.path)).toEqual(['/dev/ttyUSB2', '/dev/ttyUSB0', '/dev/ttyUSB1']);
    expect(ranked[0]!.description.en).toMatch(/Huawei.*AT\/PCUI/);
    expect(ranked[0]!.description.zh).toMatch(/华为/);
  });

  it('ranks known modems above USB-serial adapters above unknown ports', () => {
    const modem = rankPort(port('/dev/ttyACM0', '0baf', 0)).rank;
    const bridge = rankPort(port('/dev/ttyUSB0', '1a86', 0)).rank;
    const unknown = rankPort(port('/dev/ttyS0', null, null)).rank;
    expect(modem).toBeGreaterThan(bridge);
    expect(bridge).toBeGreaterThan(unknown);
  });
});

describe('port problems', () => {
  it('explains permission denied on Linux with the dialout group', () => {
    const p = openErrorProblem(new Error('Error: Permission denied, cannot open /dev/ttyUSB2'), '/dev/ttyUSB2', 'linux');
    expect(p.code).toBe('permission-denied');
    expect(p.text.en).toMatch(/dialout/);
    expect(p.text.zh).toMatch(/dialout/);
  });

  it('explains a locked port as ModemManager holding it', () => {
    const p = openErrorProblem(new Error('Error Resource temporarily unavailable Cannot lock port'), '/dev/ttyUSB2', 'linux');
    expect(p.code).toBe('port-busy');
    expect(p.text.en).toMatch(/ModemManager/);
  });

  it('says a missing port is unplugged or renamed', () => {
    expect(openErrorProblem(new Error('Error: No such file or directory, cannot open /dev/ttyUSB9'), '/dev/ttyUSB9', 'linux').code).toBe('not-found');
  });
});

describe('profile choice', () => {
  const id = (text: string, gsm: boolean) => ({ manufacturer: null, model: null, firmware: null, text, gsm });
  it('picks the vendor profile from the identification text', () => {
    expect(pickProfile(id('Manufacturer: huawei\nModel: E173', true)).name).toBe('huawei');
    expect(pickProfile(id('ZTE CORPORATION\nMF190', true)).name).toBe('zte');
    expect(pickProfile(id('SIMCOM_Ltd\nSIMCOM_SIM800', true)).name).toBe('simcom');
    expect(pickProfile(id('Quectel\nEC25', true)).name).toBe('quectel');
    expect(pickProfile(id('Wavecom', true)).name).toBe('generic-gsm');
    expect(pickProfile(id('U.S. Robotics 56K FAX USB V1.2.23', false)).name).toBe('usrobotics');
    expect(pickProfile(id('56000\nCONEXANT', false)).name).toBe('conexant');
    expect(pickProfile(id('', false)).name).toBe('generic-landline');
  });
});
