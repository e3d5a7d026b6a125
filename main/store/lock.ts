// One data folder, one writer. `ringfence serve` and the desktop app each screen calls and write the
// history; two of them on one folder would both answer the modem and interleave two hash chains. The
// service takes <dataDir>/ringfence.lock (created exclusively, holding the owner's PID, start time, host and
// what it is) and removes it on close. A lock whose process is gone (a crash, kill -9, a reboot) is stale and
// taken over; one held by a live process is refused with a sentence naming that process.
// The CLI's one-shot commands (rules add, settings set) do not take it: they are meant to work beside a
// running service, which picks their changes up before its next call.
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Text } from '../../shared/domain.ts';
import { DomainError } from '../../shared/errors.ts';
import { heldBy, heldElsewhere, unreadableLock } from './texts.ts';

export type LockOwner = { pid: number; startedAt: string; host: string; what: string };

/** Another Ringfence holds the data folder (409: it clashes with what is running). */
export class DataLockError extends DomainError {
  readonly owner: LockOwner | null;
  constructor(text: Text, owner: LockOwner | null) {
    super('data-folder-in-use', text, { status: 409 });
    this.name = 'DataLockError';
    this.owner = owner;
  }
}

export type DataLock = { readonly path: string; readonly owner: LockOwner; release(): void };

export const lockFileName = 'ringfence.lock';

/** Whether a process with this PID exists on this machine (EPERM: it exists, it is just not ours). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): LockOwner | null | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (
      typeof o.pid === 'number' &&
      Number.isInteger(o.pid) &&
      o.pid > 0 &&
      typeof o.startedAt === 'string' &&
      typeof o.host === 'string' &&
      typeof o.what === 'string'
    ) {
      return { pid: o.pid, startedAt: o.startedAt, host: o.host, what: o.what };
    }
  } catch {
    // fall through: not a lock we wrote
  }
  return null;
}

/**
 * Takes the data folder for this process. `what` names the holder for the sentence another one reads
 * ("ringfence serve", "the Ringfence app"). Throws DataLockError while a live process holds it.
 */
export function acquireDataLock(dir: string, what: string, options: { now?: () => Date; pid?: number; alive?: (pid: number) => boolean } = {}): DataLock {
  const path = join(dir, lockFileName);
  const owner: LockOwner = { pid: options.pid ?? process.pid, startedAt: (options.now ?? (() => new Date()))().toISOString(), host: hostname(), what };
  const alive = options.alive ?? processAlive;
  // The lock appears whole or not at all: written to a file of our own, then hard-linked to its name (a link
  // to an existing name fails), so a reader never sees a half-written lock.
  const mine = `${path}.${owner.pid}-${Date.now()}`;
  writeFileSync(mine, `${JSON.stringify(owner)}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(mine, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      // Stale locks are removed and the link tried again; a second starter racing us may win that: then it holds it.
      if (attempt >= 3) throw new DataLockError(unreadableLock(dir, path), null);
      const holder = readOwner(path);
      if (holder === 'gone') continue;
      if (holder === null) {
        // Not a lock we wrote (locks appear whole): damaged, so stale.
        rmSync(path, { force: true });
        continue;
      }
      if (holder.host !== owner.host) throw new DataLockError(heldElsewhere(dir, path, holder), holder);
      if (alive(holder.pid)) throw new DataLockError(heldBy(dir, holder), holder);
      // Its process is gone: stale. (Two starters taking over the same stale lock at the same instant could
      // both get here; the re-read narrows that to the time of one unlink.)
      const again = readOwner(path);
      if (again !== 'gone' && again !== null && again.pid === holder.pid && again.startedAt === holder.startedAt) rmSync(path, { force: true });
    }
  } finally {
    rmSync(mine, { force: true });
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: never remove one a later owner took after ours was (wrongly) judged stale.
    const now = readOwner(path);
    if (now !== 'gone' && now !== null && now.pid === owner.pid && now.startedAt === owner.startedAt) rmSync(path, { force: true });
  };
  // A process that exits without closing the service (an uncaught error) still leaves the folder free.
  process.on('exit', release);
  return { path, owner, release };
}
