// DLE-shielded events in a voice modem's stream (V.253), split from the AT lines around them.
import { describe, expect, it } from 'vitest';
import { createDleReader, shieldForTransmit } from '../../../../main/modem/gate/dle.ts';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('DLE reader', () => {
  it('takes a key out of the stream and leaves the reply lines whole', () => {
    const r = createDleReader();
    const out = r.push(bytes('\r\nOK\r\n\x107\r\nVCON\r\n'));
    expect(out.events).toEqual([{ type: 'key', key: '7' }]);
    expect(out.rest.toString('latin1')).toBe('\r\nOK\r\n\r\nVCON\r\n');
  });

  it('keeps a DLE split across two reads, and a doubled DLE as one data byte', () => {
    const r = createDleReader();
    expect(r.push(bytes('\x10')).events).toEqual([]);
    expect(r.push(bytes('#')).events).toEqual([{ type: 'key', key: '#' }]);
    expect([...r.push(bytes('a\x10\x10b')).rest]).toEqual([0x61, 0x10, 0x62]);
  });

  it('counts a key MultiTech repeats while held (<DLE>/ 5 5 <DLE>~) once, but two USR presses twice', () => {
    const multitech = createDleReader().push(bytes('\x10/\x105\x105\x10~'));
    expect(multitech.events).toEqual([{ type: 'key', key: '5' }]);
    const usr = createDleReader().push(bytes('\x105\x105'));
    expect(usr.events).toEqual([
      { type: 'key', key: '5' },
      { type: 'key', key: '5' },
    ]);
  });

  it('reports the end of a voice stream and other events by their code', () => {
    expect(createDleReader().push(bytes('\x10\x03\x10b\x10s')).events).toEqual([
      { type: 'end-of-stream' },
      { type: 'other', code: 'b' },
      { type: 'other', code: 's' },
    ]);
  });
});

describe('voice data for AT+VTX', () => {
  it('doubles every DLE and ends with <DLE><ETX>', () => {
    expect([...shieldForTransmit(Uint8Array.from([0x7f, 0x10, 0x80]))]).toEqual([0x7f, 0x10, 0x10, 0x80, 0x10, 0x03]);
  });
});
