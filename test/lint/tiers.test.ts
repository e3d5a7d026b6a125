// The test tiers (test/support/tiers.ts): `npm run test:unit` runs the in-process tests only, chosen by what
// they import, and a unit test that starts a process anyway fails instead of quietly needing socat or
// Chromium.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/paths.ts';
import { startsProcesses, unitTestFiles } from '../support/tiers.ts';

const test = (path: string) => join(repoRoot, 'test', path);

describe('the unit tier', () => {
  const unit = unitTestFiles(repoRoot);

  it('leaves out tests that drive Chromium, a pseudo-terminal or the CLI, and says through which import', () => {
    for (const file of ['renderer/screenshots.test.ts', 'main/sim/pty.test.ts', 'main/cli/cli.test.ts', 'main/modem/line.test.ts']) {
      expect(unit).not.toContain(`test/${file}`);
      expect(startsProcesses(test(file))).toMatch(/imports (node:child_process|playwright-core)$/);
    }
    expect(startsProcesses(test('renderer/screenshots.test.ts'))).toMatch(/support\/browser\.ts imports playwright-core$/);
  });

  it('takes in-process tests, including one that imports only types from playwright-core', () => {
    for (const file of [
      'main/screening/decide.test.ts',
      'main/modem/call-tracker.test.ts',
      'main/service/hotplug.test.ts',
      'renderer/i18n/resources.test.ts',
    ]) {
      expect(unit).toContain(`test/${file}`);
    }
    expect(unit).toContain('test/lint/tiers.test.ts');
  });

  it('fails a unit test that starts a process where the import scan cannot see it', () => {
    // This file is a unit test; a computed require is invisible to the scan, so the tier's setup catches it.
    const { spawnSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    expect(() => spawnSync('socat', ['-V'])).toThrow(/A unit test started a process \(spawnSync socat\)/);
  });
});
