// The one way files are written for a person: never over an existing file without force, never over a data
// folder's database files at all, and never half-written under the real name.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileSafely, writeFileSafelySync } from '../../../main/store/index.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'rf-safe-write-'));

describe('safe file writes', () => {
  it('refuses an existing file without force, replaces it with force, and leaves no temporary file', () => {
    const d = dir();
    const file = join(d, 'list.csv');
    writeFileSync(file, 'mine');
    expect(() => writeFileSafelySync(file, 'new')).toThrow(expect.objectContaining({ code: 'file-exists', status: 409 }));
    expect(readFileSync(file, 'utf8')).toBe('mine');
    writeFileSafelySync(file, 'new', { force: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(d)).toEqual(['list.csv']);
  });

  it("never writes a data folder's database, its journal files, settings or lock, even with force", () => {
    const data = dir();
    for (const name of ['ringfence.db', 'ringfence.db-wal', 'ringfence.db-shm', 'settings.json', 'ringfence.lock']) {
      writeFileSync(join(data, name), 'precious');
      expect(() => writeFileSafelySync(join(data, name), 'x', { force: true, dataDirs: [data] })).toThrow(expect.objectContaining({ code: 'file-protected' }));
      expect(readFileSync(join(data, name), 'utf8')).toBe('precious');
    }
    // A ringfence.db anywhere is refused when no data folder is named; settings.json elsewhere is just a file.
    const other = dir();
    expect(() => writeFileSafelySync(join(other, 'ringfence.db'), 'x')).toThrow(expect.objectContaining({ code: 'file-protected' }));
    writeFileSafelySync(join(other, 'settings.json'), '{}', { dataDirs: [data] });
  });

  it('reaches the real path through a symlinked folder and still refuses the database', () => {
    const data = dir();
    writeFileSync(join(data, 'ringfence.db'), 'precious');
    const via = join(dir(), 'link');
    symlinkSync(data, via);
    expect(() => writeFileSafelySync(join(via, 'ringfence.db'), 'x', { force: true, dataDirs: [data] })).toThrow(
      expect.objectContaining({ code: 'file-protected' }),
    );
  });

  it('streams through a producer into a temporary file and moves it into place only when complete', async () => {
    const d = dir();
    const file = join(d, 'report.html');
    await expect(
      writeFileSafely(file, async (temp) => {
        writeFileSync(temp, 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readdirSync(d)).toEqual([]);
    await writeFileSafely(file, async (temp) => writeFileSync(temp, 'whole'));
    expect(readFileSync(file, 'utf8')).toBe('whole');
    mkdirSync(join(d, 'folder'));
    await expect(writeFileSafely(join(d, 'folder'), 'x')).rejects.toMatchObject({ code: 'file-exists' });
  });
});
