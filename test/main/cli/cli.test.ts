import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cliEntry } from '../../support/paths.ts';

const ringfence = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args], { encoding: 'utf8' });

describe('ringfence CLI', () => {
  it('prints usage with --help and exits 0', () => {
    const r = ringfence('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: ringfence/m);
  });

  it('exits 2 on a usage error', () => {
    const r = ringfence('--no-such-option');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown option/);
  });
});
