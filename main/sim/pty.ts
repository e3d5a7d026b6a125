// A pseudo-terminal pair made by socat: one end is exposed at `link` for the app to open exactly like
// /dev/ttyUSB2, the other end is where a simulated (or replayed) modem writes.
import { spawn, type ChildProcess } from 'node:child_process';
import { lstat, unlink } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';

export type PtyPair = {
  /** The path the app opens. */
  link: string;
  /** The path the simulated modem opens. */
  deviceLink: string;
  close(): Promise<void>;
  readonly exited: Promise<void>;
};

export class SocatMissingError extends Error {
  readonly code = 'SOCAT_MISSING';
  constructor() {
    super('socat is not installed. It creates the simulated serial port. Install it: Debian/Ubuntu "sudo apt-get install socat", Fedora "sudo dnf install socat", macOS "brew install socat".');
  }
}

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

export async function createPtyPair(link: string, options: { deviceLink?: string; timeoutMs?: number } = {}): Promise<PtyPair> {
  const deviceLink = options.deviceLink ?? join(dirname(link), `.${basename(link)}.modem`);
  for (const p of [link, deviceLink]) if (await exists(p)) await unlink(p).catch(() => {});
  let child: ChildProcess;
  try {
    child = spawn('socat', [`pty,raw,echo=0,link=${link}`, `pty,raw,echo=0,link=${deviceLink}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch {
    throw new SocatMissingError();
  }
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const spawnError = new Promise<never>((_, reject) =>
    child.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new SocatMissingError() : e)),
  );
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  const ready = (async () => {
    // socat creates both links right after it starts; poll for them rather than guess a delay.
    while (!((await exists(link)) && (await exists(deviceLink)))) {
      if (child.exitCode !== null) throw new Error(`socat exited (${child.exitCode}) before creating ${link}: ${stderr.trim()}`);
      if (Date.now() > deadline) throw new Error(`socat did not create ${link} within ${options.timeoutMs ?? 5000} ms: ${stderr.trim()}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  await Promise.race([ready, spawnError]);
  return {
    link,
    deviceLink,
    exited,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      // socat removes its links on a clean exit; make sure, so a replug starts from nothing.
      for (const p of [link, deviceLink]) await unlink(p).catch(() => {});
    },
  };
}
