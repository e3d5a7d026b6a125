// The skip reporter must tell the truth about skipped tests: "socat is missing" only where it is, and a
// test left out by -t is no news.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestModule, Vitest } from 'vitest/node';
import SkipReporter from './skip-reporter.ts';

type FakeTest = { tags: string[]; fullName: string };
const moduleOf = (tests: FakeTest[]) => ({ moduleId: 'test/x.test.ts', children: { allTests: () => tests } }) as unknown as TestModule;
const vitestWith = (testNamePattern?: RegExp) => ({ config: { testNamePattern, tagsFilter: [] } }) as unknown as Vitest;

function report(options: { socat: boolean; filtered: boolean }, tests: FakeTest[]): string {
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  try {
    const reporter = new SkipReporter({ socat: () => options.socat });
    reporter.onInit(vitestWith(options.filtered ? /flood/ : undefined));
    reporter.onTestRunEnd([moduleOf(tests)]);
  } finally {
    spy.mockRestore();
  }
  return out.join('');
}

afterEach(() => vi.restoreAllMocks());

const ptyTest = { tags: ['pty'], fullName: 'a line on a pty' };
const plainTest = { tags: [], fullName: 'a pure function' };

describe('the skip reporter', () => {
  it('says pty tests were skipped for want of socat only where socat is missing', () => {
    expect(report({ socat: false, filtered: false }, [ptyTest])).toContain('1 test skipped: they need a real pseudo-terminal and socat is not on PATH');
    expect(report({ socat: true, filtered: true }, [ptyTest])).toBe('');
  });

  it('names a test skipped for no reason, but not one left out by -t', () => {
    expect(report({ socat: true, filtered: false }, [plainTest])).toContain('1 test skipped for no stated reason:\n  - test/x.test.ts: a pure function');
    expect(report({ socat: true, filtered: true }, [plainTest])).toBe('');
  });
});
