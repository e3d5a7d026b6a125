import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CallQuery } from '../../../shared/api.ts';
import type { Action, CallOutcome, CallRecord, Presentation } from '../../../shared/domain.ts';
import type { History } from '../../../main/history/index.ts';
import { day, hour, isoAt, makeCall, openTestHistory, t0 } from './support.ts';

const numbers = ['17012345678', '17012340000', '13800138000', '13800999999', '02079460000', '+442079460001', '95555'];
const names = [null, null, 'ACME Sales', 'Debt Collector Ltd', 'acme support'];
const actions: Action[] = ['reject', 'reject', 'allow', 'silent', 'answer-hangup'];
const outcomes: CallOutcome[] = ['rejected', 'answered', 'caller-hung-up', 'rang-through', 'line-lost'];
const presentations: Presentation[] = ['allowed', 'allowed', 'allowed', 'withheld', 'unavailable', 'none'];

/** Turns what a person types into the stored form, like the screening engine's normaliser (CN home). */
const normalize = (raw: string): string | null => {
  const digits = raw.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `+86${digits.slice(1)}`;
  return digits.length === 11 ? `+86${digits}` : null;
};

let history: History;
let all: CallRecord[];

beforeAll(() => {
  ({ history } = openTestHistory({ normalize }));
  // A deterministic spread: several calls share a start time, so the id tie-break matters for paging.
  let seed = 7;
  const pick = <T>(xs: readonly T[]): T => xs[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % xs.length]!;
  const calls = Array.from({ length: 400 }, (_, i) => {
    const presentation = pick(presentations);
    const raw = pick(numbers);
    return makeCall(t0 + Math.floor(i / 3) * 37 * 60_000, {
      presentation,
      number: raw,
      normalized: raw.startsWith('+') ? raw : raw.startsWith('0') ? `+86${raw.slice(1)}` : raw.length === 11 ? `+86${raw}` : null,
      name: pick(names),
      action: pick(actions),
      outcome: pick(outcomes),
      lineId: pick(['line-1', 'line-2', 'demo']),
      oneRing: pick([true, false, false]),
    });
  });
  history.recordBatch(calls);
  all = history.query({ limit: 1000, order: 'oldest' }).calls;
});

function expected(q: CallQuery): number[] {
  const from = q.from ? Date.parse(q.from) : -Infinity;
  const to = q.to ? Date.parse(q.to) : Infinity;
  const needle = q.number?.replace(/\D/g, '').replace(/^0+(?=\d)/, '');
  const exact = q.number ? normalize(q.number) : null;
  const rows = all.filter((c) => {
    const ms = Date.parse(c.startedAt);
    const caller = c.normalized ?? c.number;
    if (ms < from || ms >= to) return false;
    if (q.number && !(caller !== null && (caller.includes(needle!) || caller === exact))) return false;
    if (q.name && !(c.name ?? '').toLowerCase().includes(q.name.toLowerCase())) return false;
    if (q.action && c.decision.action !== q.action) return false;
    if (q.outcome && c.outcome !== q.outcome) return false;
    if (q.lineId && c.lineId !== q.lineId) return false;
    if (q.presentation && c.presentation !== q.presentation) return false;
    if (q.oneRing !== undefined && c.oneRing !== q.oneRing) return false;
    return true;
  });
  const sign = q.order === 'oldest' ? 1 : -1;
  return rows.sort((a, b) => sign * (Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.id - b.id)).map((c) => c.id);
}

function everyPage(q: CallQuery): number[] {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 1000; pages++) {
    const page: { calls: CallRecord[]; nextCursor: string | null } = history.query({ ...q, cursor });
    expect(page.calls.length).toBeLessThanOrEqual(q.limit ?? 100);
    ids.push(...page.calls.map((c) => c.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

describe('searching calls', () => {
  it('lists the newest calls first, a hundred at a time, by default', () => {
    const page = history.query({});
    expect(page.calls).toHaveLength(100);
    expect(page.calls.map((c) => c.id)).toEqual(expected({}).slice(0, 100));
    expect(page.nextCursor).not.toBeNull();
  });

  it('pages through every match exactly once, in order, for any combination of filters', () => {
    const at = (h: number) => isoAt(t0 + h * hour);
    const query = fc.record(
      {
        from: fc.option(fc.integer({ min: -2, max: 90 }).map(at), { nil: undefined }),
        to: fc.option(fc.integer({ min: 0, max: 100 }).map(at), { nil: undefined }),
        number: fc.option(fc.constantFrom('170', '1234', '0000', '13800138000', '138 0013 8000', '+86 138-0013-8000', '020 7946 0000', '95', '5555', '44'), {
          nil: undefined,
        }),
        name: fc.option(fc.constantFrom('acme', 'ACME', 'debt', 'zzz'), { nil: undefined }),
        action: fc.option(fc.constantFrom<Action>('reject', 'allow', 'silent', 'answer-hangup'), { nil: undefined }),
        outcome: fc.option(fc.constantFrom(...outcomes), { nil: undefined }),
        lineId: fc.option(fc.constantFrom('line-1', 'line-2', 'demo', 'none'), { nil: undefined }),
        presentation: fc.option(fc.constantFrom(...presentations), { nil: undefined }),
        oneRing: fc.option(fc.boolean(), { nil: undefined }),
        limit: fc.constantFrom(1, 7, 50, 1000),
        order: fc.constantFrom<'newest' | 'oldest'>('newest', 'oldest'),
      },
      { requiredKeys: ['limit', 'order'] },
    );
    fc.assert(
      fc.property(query, (raw) => {
        const q = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as CallQuery;
        if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) return;
        expect(everyPage(q)).toEqual(expected(q));
      }),
      { numRuns: 150 },
    );
  });

  it('finds a number typed with spaces, dashes, a trunk 0 or a country code', () => {
    for (const typed of ['13800138000', '138 0013 8000', '+86 138 0013 8000', '0086 13800138000']) {
      const calls = history.query({ number: typed, limit: 1000 }).calls;
      expect(calls.length).toBeGreaterThan(0);
      expect(calls.every((c) => c.normalized === '+8613800138000')).toBe(true);
    }
    // A Guangzhou number typed with its trunk 0 matches its stored international form, and only that one.
    const guangzhou = history.query({ number: '020 7946 0000', limit: 1000 }).calls;
    expect(new Set(guangzhou.map((c) => c.normalized))).toEqual(new Set(['+862079460000']));
  });

  it('matches the last digits of a number', () => {
    const calls = history.query({ number: '9999', limit: 1000 }).calls;
    expect(new Set(calls.map((c) => c.normalized))).toEqual(new Set(['+8613800999999']));
  });

  it('treats % and _ in a name search as plain characters', () => {
    expect(history.query({ name: '%' }).calls).toEqual([]);
    expect(history.query({ name: '_' }).calls).toEqual([]);
  });

  it('refuses a cursor it did not issue, or one from the other sort order', () => {
    expect(() => history.query({ cursor: 'garbage' })).toThrow(expect.objectContaining({ code: 'invalid-cursor' }));
    const { nextCursor } = history.query({ limit: 5 });
    expect(() => history.query({ limit: 5, cursor: nextCursor, order: 'oldest' })).toThrow(/other sort order/);
  });

  it('explains a range that ends before it starts, a number without digits and a bad limit', () => {
    expect(() => history.query({ from: isoAt(t0 + day), to: isoAt(t0) })).toThrow(/ends .* before it starts/);
    expect(() => history.query({ number: 'abc' })).toThrow(/has no digits/);
    expect(() => history.query({ limit: 0 })).toThrow(/limit/);
    expect(() => history.query({ from: 'yesterday' })).toThrow(expect.objectContaining({ code: 'invalid-query' }));
  });
});
