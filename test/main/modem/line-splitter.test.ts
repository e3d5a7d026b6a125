import { describe, expect, it } from 'vitest';
import { createLineSplitter, MAX_LINE_BYTES } from '../../../main/modem/line-splitter.ts';

const split = (...chunks: (string | Uint8Array)[]) => {
  const warnings: string[] = [];
  const s = createLineSplitter((w) => warnings.push(w.code));
  const lines: string[] = [];
  for (const c of chunks) lines.push(...s.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c));
  lines.push(...s.end());
  return { lines: lines.filter((l) => l !== ''), all: lines, warnings };
};

describe('line splitter', () => {
  it('accepts CR LF, CR CR LF, a lone LF and a lone CR as line ends', () => {
    expect(split('\r\nRING\r\n\r\r\n+CRING: VOICE\r\r\nA\nB\rC\r').lines).toEqual(['RING', '+CRING: VOICE', 'A', 'B', 'C']);
  });

  it('emits an echo ended by CR at once, before the reply arrives', () => {
    const s = createLineSplitter();
    expect(s.push(Buffer.from('AT+CLIP=1\r'))).toEqual(['AT+CLIP=1']);
    expect(s.push(Buffer.from('\r\nOK\r\n')).filter(Boolean)).toEqual(['OK']);
  });

  it('joins lines split across reads, including a UTF-8 name cut inside a character', () => {
    const bytes = Buffer.from('NAME = Vähälä\r\n', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(split(bytes.subarray(0, cut), bytes.subarray(cut)).lines).toEqual(['NAME = Vähälä']);
  });

  it('reports blank lines as empty strings, and a split CR LF as one line end', () => {
    expect(split('A\r', '\n\r\nB\n\nC').all).toEqual(['A', '', 'B', '', 'C']);
  });

  it('drops NUL and control bytes and voice-mode DLE codes', () => {
    expect(split('\x00\x00RI\x00NG\r\n\x10R\x10hOK\r\n').lines).toEqual(['RING', 'OK']);
  });

  it('drops an over-long line with a warning and keeps going', () => {
    const r = split('x'.repeat(MAX_LINE_BYTES + 10), '\r\nRING\r\n');
    expect(r.lines).toEqual(['RING']);
    expect(r.warnings).toEqual(['line-too-long']);
  });

  it('completes a line cut off by the end of the input', () => {
    expect(split('OK\r\nAT+COPS=?').lines).toEqual(['OK', 'AT+COPS=?']);
  });
});
