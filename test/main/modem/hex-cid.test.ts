import { describe, expect, it } from 'vitest';
import { parseHexCid } from '../../../main/modem/hex-cid.ts';

/** Builds a packet line with a correct checksum. */
function packet(type: number, payload: number[]): string {
  const bytes = [type, payload.length, ...payload];
  const sum = bytes.reduce((a, b) => (a + b) & 0xff, 0);
  return [...bytes, (256 - sum) & 0xff].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
}
const ascii = (s: string) => [...Buffer.from(s, 'utf8')];
const param = (type: number, value: string) => [type, Buffer.byteLength(value), ...ascii(value)];
const id = (line: string) => {
  const c = parseHexCid(line);
  return c && { number: c.number, presentation: c.presentation, name: c.name };
};

describe('ASCII-hex caller ID (SDMF and MDMF)', () => {
  it('decodes the SDMF packet from the NCID documentation', () => {
    expect(id('0412303531313138353234303735353530303030 59'.replace(' ', ''))).toEqual({ number: '4075550000', presentation: 'allowed', name: null });
  });

  it('reads SDMF P and A as withheld and O as unavailable', () => {
    expect(id(packet(0x04, ascii('01011200P')))?.presentation).toBe('withheld');
    expect(id(packet(0x04, ascii('01011200A')))?.presentation).toBe('withheld');
    expect(id(packet(0x04, ascii('01011200O')))?.presentation).toBe('unavailable');
  });

  it('decodes MDMF number and name, in either order', () => {
    const line = packet(0x80, [...param(0x01, '01011200'), ...param(0x07, 'JOHN DOE'), ...param(0x02, '4075551212')]);
    expect(id(line)).toEqual({ number: '4075551212', presentation: 'allowed', name: 'JOHN DOE' });
  });

  it('decodes MDMF absence reasons and a UTF-8 name', () => {
    expect(id(packet(0x80, [...param(0x04, 'P'), ...param(0x08, 'P')]))).toEqual({ number: null, presentation: 'withheld', name: null });
    expect(id(packet(0x80, [...param(0x04, 'O'), ...param(0x07, 'Vähälä')]))).toEqual({ number: null, presentation: 'unavailable', name: 'Vähälä' });
  });

  it('rejects a packet whose checksum or length does not add up', () => {
    const good = packet(0x80, [...param(0x02, '4075551212')]);
    const bad = good.slice(0, -2) + (good.endsWith('00') ? '01' : '00');
    expect(parseHexCid(bad)).toBeNull();
    expect(parseHexCid(good.slice(0, -4) + good.slice(-2))).toBeNull();
  });

  it('ignores hex-looking lines that are not packets (IMEIs, model codes)', () => {
    expect(parseHexCid('56000')).toBeNull();
    expect(parseHexCid('867420012345678')).toBeNull();
    expect(parseHexCid('128,0')).toBeNull();
  });
});
