import { describe, expect, it } from 'vitest';
import { csqToSignal } from '../../shared/signal.ts';

describe('csqToSignal', () => {
  it('maps the 27.007 rssi scale to dBm', () => {
    expect(csqToSignal(0).dbm).toBe(-113);
    expect(csqToSignal(1).dbm).toBe(-111);
    expect(csqToSignal(15).dbm).toBe(-83);
    expect(csqToSignal(31).dbm).toBe(-51);
  });

  it('reports "not known" (99) as no reading and no bars', () => {
    expect(csqToSignal(99)).toEqual({ csq: 99, dbm: null, bars: 0 });
  });

  it('never gives more bars to a weaker signal', () => {
    for (let csq = 1; csq <= 31; csq++) {
      expect(csqToSignal(csq).bars).toBeGreaterThanOrEqual(csqToSignal(csq - 1).bars);
    }
    expect(csqToSignal(31).bars).toBe(5);
    expect(csqToSignal(2).bars).toBe(0);
  });
});
