import { describe, expect, it } from 'vitest';
import { takeToken, withToken } from '../../../renderer/api/token.ts';

function tab(hash: string) {
  const stored = new Map<string, string>();
  const address = { hash, pathname: '/', search: '' };
  const replaced: string[] = [];
  return {
    address,
    storage: { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) },
    bar: { state: null, replaceState: (_s: unknown, _u: string, url: string) => void replaced.push(url) },
    replaced,
  };
}

describe('access token', () => {
  it('is taken from #token=, kept for the tab, and removed from the address bar', () => {
    const t = tab('#token=abc%20123');
    expect(takeToken(t.address, t.storage, t.bar)).toBe('abc 123');
    expect(t.replaced).toEqual(['/#/']);
    // A reload (no token in the URL any more) still has it.
    expect(takeToken({ ...t.address, hash: '#/history' }, t.storage, t.bar)).toBe('abc 123');
  });

  it('is absent when the page was opened without one', () => {
    const t = tab('#/overview');
    expect(takeToken(t.address, t.storage, t.bar)).toBeNull();
    expect(t.replaced).toEqual([]);
  });

  it('rides on download and socket URLs as a query parameter', () => {
    expect(withToken('/api/exports/j1/a.csv', 'x&y')).toBe('/api/exports/j1/a.csv?token=x%26y');
    expect(withToken('/api/events?since=3', 't')).toBe('/api/events?since=3&token=t');
    expect(withToken('/api/events', null)).toBe('/api/events');
  });
});
