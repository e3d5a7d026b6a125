import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipLine, formattedBlock, hexPacket } from '../../../main/sim/caller-id.ts';
import { fixturesDir } from '../../support/paths.ts';

const fixtureLines = (name: string) =>
  readFileSync(join(fixturesDir, `${name}.modem`), 'latin1')
    .split(/\r?\n|\r/)
    .filter(Boolean);

/** Decodes an ASCII-hex caller-ID packet: type, parameters, and whether the checksum holds. */
function decode(hex: string) {
  const bytes = hex.match(/../g)!.map((h) => parseInt(h, 16));
  const sumOk = bytes.reduce((a, b) => a + b, 0) % 256 === 0;
  const [type, length] = bytes;
  const body = bytes.slice(2, 2 + length!);
  const params: Record<number, string> = {};
  if (type === 0x80) {
    for (let i = 0; i < body.length;) {
      const [t, l] = [body[i]!, body[i + 1]!];
      params[t] = Buffer.from(body.slice(i + 2, i + 2 + l)).toString('utf8');
      i += 2 + l;
    }
  }
  return { type, sumOk, length: bytes.length - 3, params, text: Buffer.from(body).toString('latin1') };
}

describe('caller ID encoding', () => {
  it('writes the Huawei six-field +CLIP exactly as chan_dongle captured it', () => {
    expect(fixtureLines('gsm-chan-dongle-issue82-cring-clip-repeated')).toContain(clipLine('huawei', { number: '+1234567890', presentation: 'allowed' }));
  });

  it('writes a withheld caller in SIMCom form exactly as the SIM800 capture shows', () => {
    expect(fixtureLines('gsm-sim800-pygsmmodem-issue24-withheld-clip')).toContain(clipLine('simcom', { number: null, presentation: 'withheld' }));
  });

  it('marks an unavailable caller with CLI validity 2 and a named caller in the alpha field', () => {
    expect(clipLine('huawei', { number: null, presentation: 'unavailable' })).toBe('+CLIP: "",128,,,,2');
    expect(clipLine('simcom', { number: '13800138000', presentation: 'allowed', name: 'Mum' })).toBe('+CLIP: "13800138000",129,"",0,"Mum",0');
  });

  it('lays out a USRobotics block without spaces, byte for byte as the USR5637 capture', () => {
    const lines = formattedBlock({ number: '6195550143', presentation: 'allowed', name: 'WIRELESS CALLER' }, new Date(2026, 0, 17, 14, 52), 'unspaced');
    expect(fixtureLines('callattendant-thess-issue11-usr5637-cid-nospace').slice(1)).toEqual(lines);
  });

  it('lays out a spaced block as NCID documents it and writes P for a private caller', () => {
    const at = new Date(2026, 4, 4, 21, 49);
    expect(formattedBlock({ number: '4075551212', presentation: 'allowed', name: 'Chmielewski Joh' }, at, 'spaced')).toEqual(
      fixtureLines('ncid-doc-modem-test-us-vcid').slice(5, 9),
    );
    expect(formattedBlock({ number: null, presentation: 'withheld' }, at, 'spaced')).toContain('NMBR = P');
    expect(formattedBlock({ number: null, presentation: 'none' }, at, 'spaced')).toEqual([]);
  });

  it("encodes an SDMF packet byte for byte as NCID's example", () => {
    const packet = hexPacket({ number: '4075550000', presentation: 'allowed' }, new Date(2026, 4, 11, 18, 52));
    expect(fixtureLines('ncid-api-sdmf-hex-unformatted')).toContain(packet);
  });

  it('encodes a named caller as MDMF with a checksum that holds and parameters that decode back', () => {
    const named = decode(hexPacket({ number: '13800138000', presentation: 'allowed', name: '妈妈' }, new Date(2026, 0, 2, 3, 4))!);
    expect(named).toMatchObject({ type: 0x80, sumOk: true, params: { 1: '01020304', 2: '13800138000', 7: '妈妈' } });
    const withheld = decode(hexPacket({ number: null, presentation: 'withheld', name: 'PRIVATE' }, new Date(2026, 0, 2, 3, 4))!);
    expect(withheld).toMatchObject({ sumOk: true, params: { 4: 'P', 7: 'PRIVATE' } });
    expect(decode(hexPacket({ number: null, presentation: 'unavailable' }, new Date(2026, 0, 2, 3, 4))!)).toMatchObject({
      type: 4,
      sumOk: true,
      text: '01020304O',
    });
  });
});
