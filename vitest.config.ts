import { configDefaults, defineConfig } from 'vitest/config';
import { ptyTag } from './test/support/pty.ts';
import { unitTestFiles } from './test/support/tiers.ts';

// Two tiers (test/support/tiers.ts): `unit` runs in-process (`npm run test:unit`, `npm run test:watch`),
// `integration` is everything else; `npm test` runs both. Each project names its own files: a project that
// extends this config would add its `include` to one set here, not replace it.
const unit = unitTestFiles(import.meta.dirname);

export default defineConfig({
  test: {
    environment: 'node',
    // serialport is a native addon and the integration tests own ptys and child processes:
    // separate processes keep one suite's file descriptors away from another's.
    pool: 'forks',
    testTimeout: 30_000,
    // Tests that need a real pty are tagged 'pty' and skipped where socat is missing; the skip reporter
    // says how many were skipped and why, at the end of every run.
    tags: [ptyTag],
    reporters: ['default', './test/support/skip-reporter.ts'],
    hookTimeout: 60_000,
    server: {
      deps: {
        // These import 'electron' themselves; inlining lets vi.mock('electron') reach them.
        inline: ['electron-store'],
      },
    },
    projects: [
      // In-process tests share nothing but the process, so threads serve them: no process to start per file.
      { extends: true, test: { name: 'unit', include: unit, pool: 'threads', setupFiles: ['test/support/unit-tier.ts'] } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.{ts,tsx}'], exclude: [...configDefaults.exclude, ...unit] } },
    ],
  },
});
