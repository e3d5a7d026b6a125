import { defineConfig } from 'vitest/config';
import { ptyTag } from './test/support/pty.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
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
  },
});
