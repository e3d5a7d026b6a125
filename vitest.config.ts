import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    // serialport is a native addon and the integration tests own ptys and child processes:
    // separate processes keep one suite's file descriptors away from another's.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    server: {
      deps: {
        // These import 'electron' themselves; inlining lets vi.mock('electron') reach them.
        inline: ['electron-store'],
      },
    },
  },
});
