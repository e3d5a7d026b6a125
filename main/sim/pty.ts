// A pseudo-terminal pair made by socat: one end is exposed at `link` for the app to open exactly like
// /dev/ttyUSB2, the other end is where a simulated (or replayed) modem writes.
import { spawn, type ChildProcess } from 'node:child_process';
import { lstat, readlink, unlink } from 'node:fs/promises';
import { dirname, join, basename } from 'node:path';
import { LinkPathTakenError, SocatMissingError } from './errors.ts';

export type PtyPair = {
  /** The path the app opens. */
  link: string;
  /** The path the simulated modem opens. */
  deviceLink: string;
  close(): Promise<void>;
  readonly exited: Promise<void>;
};

export { LinkPathTakenError, SocatMissingError };

/** Replaces only what socat leaves behind (a symlink into /dev/pts), never a real file or device. */
async function removeStaleLink(path: string): Promise<void> {
  const info = await lstat(path).catch(() => null);
  if (!info) return;
  const target = info.isSymbolicLink() ? await readlink(path).catch(() => '') : '';
  if (!target.startsWith('/dev/pts/')) throw new LinkPathTakenError(path);
  await unlink(path).catch(() => {});
}

const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

export async function createPtyPair(link: string, options: { deviceLink?: string; timeoutMs?: number } = {}): Promise<PtyPair> {
  const deviceLink = options.deviceLink ?? join(dirname(link), `.${basename(link)}.modem`);
  for (const p of [link, deviceLink]) await removeStaleLink(p);
  let child: ChildProcess;
  try {
    child = spawn('socat', [`pty,raw,echo=0,link=${link}`, `pty,raw,echo=0,link=${deviceLink}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch {
    throw new SocatMissingError();
  }
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let spawnFailure: Error | null = null;
  child.once('error', (e: NodeJS.ErrnoException) => {
    spawnFailure = e.code === 'ENOENT' ? new SocatMissingError() : e;
  });
  const timeoutMs = options.timeoutMs ?? 5000;
  const deadline = Date.now() + timeoutMs;
  // socat creates both links right after it starts; poll for them rather than guess a delay. One loop
  // owns every way of failing, so no rejected promise is left behind unobserved.
  while (!((await exists(link)) && (await exists(deviceLink)))) {
    if (spawnFailure) throw spawnFailure;
    if (child.exitCode !== null) throw new Error(`socat exited (${child.exitCode}) before creating ${link}: ${stderr.trim()}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`socat did not create ${link} within ${timeoutMs} ms: ${stderr.trim()}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
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
      for (const p of [link, deviceLink]) await removeStaleLink(p).catch(() => {});
    },
  };
}
