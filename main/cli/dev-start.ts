// `npm start`: the Electron app in development. Where Electron's binary cannot be fetched (offline
// machines, CI), say so and serve the same UI in a browser with `ringfence serve --demo --open` instead:
// the demo's own sandbox folder (never the real history), the browser opened on it (`npm start --
// --no-open` to not), and the next free port when 7345 is taken. Other arguments go to `serve`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function electronAvailable(): { ok: true } | { ok: false; why: string } {
  // Requiring the electron package fetches its binary on first use; give it a bounded time.
  const probe = spawnSync(process.execPath, ['-e', "const p = require('electron'); require('fs').accessSync(p); console.log(p)"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (probe.status === 0) return { ok: true };
  // Name the cause (a failed download, a missing binary), not the stack trace around it.
  const lines = (probe.stderr || probe.error?.message || '').split('\n').map((l) => l.trim());
  const cause = lines.find((l) => /^(TypeError|Error|RequestError):/.test(l) && !/failed to install correctly/.test(l));
  const why = cause ? cause.replace(/^\w*Error:\s*/, '') : (probe.error?.message ?? 'the Electron binary is missing');
  return { ok: false, why };
}

function run(cmd: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('exit', (code) => resolve(code ?? 1));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  });
}

const electron = electronAvailable();
if (electron.ok) {
  process.exitCode = await run(bin('electron-vite'), ['dev']);
} else {
  process.stdout.write(
    `Electron's binary could not be fetched on this machine (${electron.why}).\n` +
      'Serving the same Ringfence UI in your browser instead, with the demo line: ringfence serve --demo --open\n\n',
  );
  if (!existsSync(join(root, 'out', 'renderer', 'index.html'))) {
    const built = await run(bin('electron-vite'), ['build']);
    if (built !== 0) process.exit(built);
  }
  const extra = process.argv.slice(2);
  const open = extra.includes('--no-open') ? [] : ['--open'];
  const args = [join(root, 'main', 'cli', 'index.ts'), 'serve', '--demo', ...open, ...extra.filter((a) => a !== '--no-open' && a !== '--open')];
  process.exitCode = await run(process.execPath, args);
}
