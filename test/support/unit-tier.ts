// Setup for every test file of the unit tier (test/support/tiers.ts): unit tests run in-process, so starting
// a process — socat for a pseudo-terminal, Chromium, a CLI run — fails the test and says why, even where
// the import scan that chose the tier could not see it coming (a package that spawns, a computed import).
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { afterAll } from 'vitest';

const childProcess = createRequire(import.meta.url)('node:child_process') as Record<string, unknown>;
const names = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;
const originals = Object.fromEntries(names.map((name) => [name, childProcess[name]]));

for (const name of names) {
  childProcess[name] = (command: unknown) => {
    throw new Error(
      `A unit test started a process (${name} ${String(command)}). Unit tests run in-process; the import scan in ` +
        'test/support/tiers.ts put this file in the unit tier, so add the module that starts the process to its PROCESS_MODULES.',
    );
  };
}
syncBuiltinESMExports();

afterAll(() => {
  Object.assign(childProcess, originals);
  syncBuiltinESMExports();
});
