// Every file Ringfence writes for a person (exports, rule lists, evidence) is written the same safe way:
//  - an existing file is never replaced unless the person said so (--force), and never one of the data
//    folder's own database files (ringfence.db and its -wal/-shm/-journal), whatever they said: an export
//    pointed at the live history must not destroy it;
//  - the content goes to a temporary file beside the target first and is moved into place only once complete,
//    so a crash or a full disk never leaves half a report under the real name. Without --force the move is a
//    hard link, which fails if the name was taken meanwhile (no window between the check and the write).
import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rename, rm, writeFile, link } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { DomainError } from '../../shared/errors.ts';
import { texts } from './texts.ts';

export type SafeWriteOptions = {
  /** Replace an existing file (never a database file). */
  force?: boolean;
  /** Data folders whose database files may never be written. */
  dataDirs?: string[];
};

const DATABASE_FILE = /^ringfence\.db(-wal|-shm|-journal)?$/i;
/** Inside a data folder, its settings and lock file are the database's companions: never written by an export. */
const DATA_FILE = /^(settings\.json|ringfence\.lock)$/i;

/** The path as the file system sees it (symlinks in the folder resolved), for comparing with the database's. */
function canonical(path: string): string {
  const full = resolve(path);
  try {
    return realpathSync(full);
  } catch {
    try {
      return join(realpathSync(dirname(full)), basename(full));
    } catch {
      return full;
    }
  }
}

/** Refuses a target that is a database file, or that exists when `force` is not given. */
export function checkTarget(path: string, options: SafeWriteOptions = {}): string {
  const target = canonical(path);
  const protectedDirs = (options.dataDirs ?? []).map(canonical);
  const name = basename(target);
  const inDataDir = protectedDirs.includes(dirname(target));
  if ((DATABASE_FILE.test(name) && (protectedDirs.length === 0 || inDataDir)) || (DATA_FILE.test(name) && inDataDir)) {
    throw new DomainError('file-protected', texts.databaseTarget(path), { status: 409 });
  }
  if (!options.force && existsSync(target)) throw new DomainError('file-exists', texts.targetExists(path), { status: 409 });
  return target;
}

export const tempBeside = (target: string) => join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);

function refuseIfTaken(error: unknown, path: string): never {
  if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new DomainError('file-exists', texts.targetExists(path), { status: 409 });
  throw error;
}

/** Moves a finished temporary file to `target`: a link (no clobber) without force, a rename with it. */
function placeSync(temp: string, target: string, path: string, force: boolean): void {
  if (force) return renameSync(temp, target);
  try {
    linkSync(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // File systems without hard links (FAT, some network shares): check again, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') refuseIfTaken(error, path);
    if (existsSync(target)) refuseIfTaken(Object.assign(new Error('exists'), { code: 'EEXIST' }), path);
    return renameSync(temp, target);
  }
  rmSync(temp, { force: true });
}

export function writeFileSafelySync(path: string, content: string | Uint8Array, options: SafeWriteOptions = {}): string {
  const target = checkTarget(path, options);
  const temp = tempBeside(target);
  try {
    writeFileSync(temp, content);
    placeSync(temp, target, path, options.force ?? false);
  } finally {
    rmSync(temp, { force: true });
  }
  return target;
}

/**
 * Moves a finished temporary file (or folder, with force) into place: without `force` a hard link, which fails
 * when the name was taken meanwhile; with it a rename. For writers that stream into `tempBeside(target)`.
 */
export async function placeFile(temp: string, target: string, path: string, force: boolean): Promise<void> {
  if (force) return rename(temp, target);
  try {
    await link(temp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') refuseIfTaken(error, path);
    if (existsSync(target)) refuseIfTaken(Object.assign(new Error('exists'), { code: 'EEXIST' }), path);
    return rename(temp, target);
  }
  await rm(temp, { force: true });
}

/**
 * Writes through `produce`, which writes the whole content to the temporary path it is given (a stream, a
 * library's own writer), then moves it into place.
 */
export async function writeFileSafely(
  path: string,
  produce: string | Uint8Array | ((temp: string) => Promise<void>),
  options: SafeWriteOptions = {},
): Promise<string> {
  const target = checkTarget(path, options);
  const temp = tempBeside(target);
  try {
    if (typeof produce === 'function') await produce(temp);
    else await writeFile(temp, produce);
    await placeFile(temp, target, path, options.force ?? false);
  } finally {
    await rm(temp, { force: true });
  }
  return target;
}
