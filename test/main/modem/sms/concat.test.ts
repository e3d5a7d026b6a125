import { describe, expect, it } from 'vitest';
import { joinParts, type IncomingPart } from '../../../../main/modem/sms/concat.ts';

const part = (sender: string, reference: number, total: number, sequence: number, text: string, receivedMs: number): IncomingPart<string> => ({
  concat: { lineId: 'l', sender, reference, referenceBits: 8, total, sequence },
  receivedMs,
  text,
  item: `${sender}/${reference}/${sequence}@${receivedMs}`,
});

describe('joining the parts of long messages', () => {
  it('joins parts that arrive out of order into one message, in sequence order', () => {
    const [m] = joinParts([part('+861', 7, 3, 3, 'C', 3), part('+861', 7, 3, 1, 'A', 1), part('+861', 7, 3, 2, 'B', 2)]);
    expect(m).toMatchObject({ complete: true, text: 'ABC', missing: [], total: 3 });
    expect(m!.parts.map((p) => p.text)).toEqual(['A', 'B', 'C']);
  });

  it('keeps a part that never completes as an incomplete message with a visible gap, never dropped', () => {
    const out = joinParts([part('+861', 9, 3, 1, 'Hello ', 1), part('+861', 9, 3, 3, '!', 2)]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ complete: false, missing: [2], text: 'Hello […]!' });
  });

  it('does not mix senders or totals that share a reference', () => {
    const out = joinParts([part('+861', 1, 2, 1, 'a', 1), part('+862', 1, 2, 2, 'b', 2), part('+861', 1, 3, 2, 'c', 3)]);
    expect(out.map((m) => [m.complete, m.text])).toEqual([
      [false, 'a[…]'],
      [false, '[…]b'],
      [false, '[…]c[…]'],
    ]);
  });

  it('tells apart two long messages with the same 8-bit reference (a flood wraps 256 references)', () => {
    const out = joinParts([part('+861', 5, 2, 1, 'x1', 1), part('+861', 5, 2, 1, 'y1', 2), part('+861', 5, 2, 2, 'x2', 3), part('+861', 5, 2, 2, 'y2', 4)]);
    expect(out.map((m) => m.text)).toEqual(['x1x2', 'y1y2']);
  });

  it('starts a new message when a part comes outside the window', () => {
    const day = 24 * 3600_000;
    const out = joinParts([part('+861', 5, 2, 1, 'old', 0), part('+861', 5, 2, 2, 'new', day + 1)]);
    expect(out.map((m) => m.complete)).toEqual([false, false]);
  });

  it('passes single messages through in arrival order', () => {
    const single = (t: string, at: number): IncomingPart<string> => ({ concat: null, receivedMs: at, text: t, item: t });
    expect(joinParts([single('one', 1), part('+8', 1, 2, 1, 'p', 2), single('two', 3), part('+8', 1, 2, 2, 'q', 4)]).map((m) => m.text)).toEqual([
      'one',
      'pq',
      'two',
    ]);
  });
});
