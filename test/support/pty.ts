// Tests that need a real pseudo-terminal carry the vitest tag 'pty' (a `// @module-tag pty` line for a whole
// file, `{ tags: ['pty'] }` for a describe or a test). socat makes the pty; where socat is not on PATH
// (Windows, a fresh macOS) those tests are skipped and test/support/skip-reporter.ts says how many and why.
// Everything else, the demo line included (it runs on the in-memory port pair), runs everywhere.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Whether `command` is an executable on PATH, as spawn() would find it. */
export function onPath(command: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  const names = process.platform === 'win32' ? [`${command}.exe`, `${command}.cmd`] : [command];
  return dirs.some((dir) =>
    names.some((name) => {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    }),
  );
}

export const ptyReason =
  'they need a real pseudo-terminal and socat is not on PATH (install socat to run them: "sudo apt-get install socat", "brew install socat")';

/** The tag definition for vitest.config.ts. */
export const ptyTag = {
  name: 'pty',
  description: 'needs a real pseudo-terminal made by socat (real serialport over a real pty)',
  skip: !onPath('socat'),
};
