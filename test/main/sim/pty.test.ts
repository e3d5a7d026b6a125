// The link path: created where asked, never at the cost of something that is not ours.
import { existsSync, lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../../main/sim/index.ts';
import { openHost } from './host.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'rf-sim-pty-'));

describe('the simulated modem link', () => {
  it('refuses to replace a real file at the link path, and leaves it as it was', async () => {
    const link = join(dir(), 'notes.txt');
    writeFileSync(link, 'keep me');
    await expect(startSimulator({ link, profile: 'sim800' })).rejects.toThrow(/notes\.txt already exists and is not a simulated modem's link/);
    expect(readFileSync(link, 'utf8')).toBe('keep me');
  });

  it('replaces the stale link a killed simulator left behind', { tags: ['pty'] }, async () => {
    const link = join(dir(), 'modem');
    symlinkSync('/dev/pts/999', link);
    const sim = await startSimulator({ link, profile: 'sim800' });
    try {
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      const host = await openHost(link);
      expect(await host.command('AT')).toBe('AT\r\r\nOK\r\n');
      await host.close();
    } finally {
      await sim.close();
    }
    expect(existsSync(link)).toBe(false);
  });

  it('says which folder is missing', async () => {
    await expect(startSimulator({ link: '/nonexistent-folder/modem', profile: 'sim800' })).rejects.toThrow(/the folder \/nonexistent-folder does not exist/);
  });
});
