import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createCallerIdParser, createLineSplitter, createTranscriptAssembler, parseTranscript } from '../../../main/modem/index.ts';
import { collapse, loadFixtures } from './support/fixtures.ts';

const fixtures = loadFixtures();

/** The same pipeline parseTranscript uses, fed in the given chunks (as reads from a port arrive). */
function parseInChunks(bytes: Uint8Array, cuts: number[]) {
  const splitter = createLineSplitter();
  const parser = createCallerIdParser();
  const assembler = createTranscriptAssembler();
  const feed = (lines: string[]) => lines.forEach((l) => parser.push(l).forEach((s) => assembler.signal(s)));
  let from = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b).concat(bytes.length)) {
    feed(splitter.push(bytes.subarray(from, cut)));
    from = cut;
  }
  feed(splitter.end());
  parser.end().forEach((s) => assembler.signal(s));
  return assembler.end();
}

describe('public modem captures', () => {
  it('has captures to check', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(26);
  });

  for (const f of fixtures) {
    it(`reports the expected calls for ${f.name}`, () => {
      expect(collapse(parseTranscript(f.bytes))).toEqual(collapse(f.calls));
    });

    it(`reports the same calls for ${f.name} however the bytes are split into reads`, () => {
      expect(
        collapse(
          parseInChunks(
            f.bytes,
            Array.from({ length: f.bytes.length }, (_, i) => i),
          ),
        ),
      ).toEqual(collapse(f.calls));
      fc.assert(
        fc.property(fc.array(fc.nat({ max: f.bytes.length }), { maxLength: 40 }), (cuts) => {
          expect(collapse(parseInChunks(f.bytes, cuts))).toEqual(collapse(f.calls));
        }),
        { numRuns: 30 },
      );
    });
  }
});
