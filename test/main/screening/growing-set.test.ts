import { describe, expect, it } from 'vitest';
import { GrowingSet } from '../../../main/screening/growing-set.ts';

describe('GrowingSet', () => {
  it('grows by views: an older value never sees what was added after it', () => {
    const a = GrowingSet.of(['+8613800000001']);
    const b = a.with('+8613800000002');
    const c = b.with('+8613800000003');
    expect([a.size, b.size, c.size]).toEqual([1, 2, 3]);
    expect(a.has('+8613800000002')).toBe(false);
    expect(b.has('+8613800000002')).toBe(true);
    expect(b.has('+8613800000003')).toBe(false);
    expect([...b]).toEqual(['+8613800000001', '+8613800000002']);
    expect([...c]).toEqual(['+8613800000001', '+8613800000002', '+8613800000003']);
  });

  it('gives itself back for a member it has', () => {
    const a = GrowingSet.of(['1', '2']);
    expect(a.with('1')).toBe(a);
    expect(GrowingSet.of(['1', '1', '2']).size).toBe(2);
  });

  it('adding to an older view copies, so neither the older nor the newer value changes', () => {
    const a = GrowingSet.of(['1']);
    const newer = a.with('2');
    const branch = a.with('3');
    expect([...newer]).toEqual(['1', '2']);
    expect([...branch]).toEqual(['1', '3']);
    expect(newer.has('3')).toBe(false);
    expect(branch.has('2')).toBe(false);
    // The newer line keeps growing in place.
    expect([...newer.with('4')]).toEqual(['1', '2', '4']);
  });
});
