// G.711 μ-law and the WAV container the prompt generator and the sim use.
import { describe, expect, it } from 'vitest';
import { decodeUlaw, encodeUlaw, linearToUlaw, parseWav, resampleTo8k, toLinear8, ulawToLinear, ulawWav } from '../../../../main/modem/gate/audio.ts';

describe('μ-law (ITU-T G.711)', () => {
  it('maps silence and the extremes to the standard code words', () => {
    expect(linearToUlaw(0)).toBe(0xff);
    expect(linearToUlaw(32767)).toBe(0x80);
    expect(linearToUlaw(-32768)).toBe(0x00);
    expect(ulawToLinear(0xff)).toBe(0);
    expect(ulawToLinear(0x7f)).toBe(0);
    expect(ulawToLinear(0x80)).toBe(32124);
    expect(ulawToLinear(0x00)).toBe(-32124);
  });

  it('round-trips every code word exactly and any sample within its segment step', () => {
    for (let c = 0; c < 256; c++) {
      // 0x7F and 0xFF are both zero; zero encodes as 0xFF.
      expect(linearToUlaw(ulawToLinear(c))).toBe(c === 0x7f ? 0xff : c);
    }
    for (let s = -32000; s <= 32000; s += 97) {
      const back = ulawToLinear(linearToUlaw(s));
      expect(Math.abs(back - s)).toBeLessThanOrEqual(Math.max(8, Math.abs(s) / 16));
    }
  });

  it('8-bit linear puts silence at 0x80', () => {
    expect([...toLinear8(Int16Array.from([0, 32767, -32768]))]).toEqual([0x80, 0xff, 0x00]);
  });
});

describe('WAV', () => {
  it('writes a μ-law file that reads back sample for sample', () => {
    const samples = decodeUlaw(Uint8Array.from({ length: 801 }, (_, i) => (i * 37) & 0xff));
    const file = ulawWav(samples);
    expect(file.toString('ascii', 0, 4)).toBe('RIFF');
    expect(file.readUInt32LE(4)).toBe(file.length - 8);
    const back = parseWav(file);
    expect(back.rate).toBe(8000);
    expect([...back.samples]).toEqual([...samples]);
  });

  it('refuses what is not a mono RIFF/WAVE file, saying what it is', () => {
    expect(() => parseWav(Buffer.from('ID3 not a wav at all'))).toThrow(/RIFF/);
  });

  it('resamples a 1 kHz tone from 22.05 kHz to 8 kHz keeping its frequency and level', () => {
    const rate = 22050;
    const tone = Int16Array.from({ length: rate }, (_, i) => Math.round(10000 * Math.sin((2 * Math.PI * 1000 * i) / rate)));
    const out = resampleTo8k({ rate, samples: tone });
    expect(out.length).toBe(8000);
    // A 1 kHz sine at 8 kHz crosses zero 2000 times a second.
    let crossings = 0;
    for (let i = 101; i < out.length - 100; i++) if ((out[i - 1] ?? 0) < 0 !== (out[i] ?? 0) < 0) crossings++;
    expect(crossings).toBeGreaterThan(1900);
    expect(crossings).toBeLessThan(2000);
    expect(Math.max(...out.slice(100, -100))).toBeGreaterThan(9000);
    expect(encodeUlaw(out).length).toBe(8000);
  });
});
