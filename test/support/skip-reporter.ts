// No silent skips: after the run, says how many tests were skipped and why. Tests tagged 'pty' are skipped
// only where socat is missing (see ./pty.ts); any other skipped test is listed by name, since the project
// allows none.
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { onPath, ptyReason } from './pty.ts';

export default class SkipReporter implements Reporter {
  /** With -t or --tags-filter the tests left out are skipped on purpose: only the pty count is news then. */
  #filtered = false;
  readonly #socat: () => boolean;

  /** `socat`: whether socat is on PATH (tests give their own answer). */
  constructor(options: { socat?: () => boolean } = {}) {
    this.#socat = options.socat ?? (() => onPath('socat'));
  }

  onInit(vitest: Vitest): void {
    this.#filtered = Boolean(vitest.config.testNamePattern || vitest.config.tagsFilter?.length);
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    let pty = 0;
    const other: string[] = [];
    const socat = this.#socat();
    for (const module of modules) {
      for (const test of module.children.allTests('skipped')) {
        // A pty test is skipped for want of socat only where socat is missing; with socat present it was
        // left out by -t like any other (or skipped for no reason, which the list below names).
        if (test.tags.includes('pty') && !socat) pty++;
        else other.push(`${module.moduleId}: ${test.fullName}`);
      }
    }
    const lines: string[] = [];
    if (pty) lines.push(`${pty} test${pty === 1 ? '' : 's'} skipped: ${ptyReason}.`);
    if (other.length && !this.#filtered)
      lines.push(`${other.length} test${other.length === 1 ? '' : 's'} skipped for no stated reason:`, ...other.map((t) => `  - ${t}`));
    if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
