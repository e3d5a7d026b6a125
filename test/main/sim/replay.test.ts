// --replay: every capture goes through the pty byte for byte, whole or torn into small writes, read back
// on the host end with the real serialport.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../../main/sim/index.ts';
import { fixturesDir } from '../../support/paths.ts';
import { openHost, tempLink } from './host.ts';

const captures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.modem'))
  .sort();

async function replay(file: string, splitWrites: boolean) {
  const link = tempLink();
  const sim = await startSimulator({ link, profile: 'huawei-e173', replay: { file: join(fixturesDir, file), splitWrites } });
  const host = await openHost(link);
  try {
    const expected = readFileSync(join(fixturesDir, file));
    // The transcript starts at the host's first byte, as a modem speaks once spoken to.
    await host.send('AT\r');
    const received = await host.waitForBytes(expected.length);
    const writes = sim.log().filter((e) => e.direction === 'to-host').length;
    return { received, expected, writes };
  } finally {
    await host.close();
    await sim.close();
  }
}

describe('transcript replay', () => {
  it.each(captures)('streams %s byte for byte', { tags: ['pty'] }, async (file) => {
    const { received, expected } = await replay(file, false);
    expect(received.equals(expected)).toBe(true);
  });

  it.each(captures)('streams %s byte for byte in small random writes', { tags: ['pty'] }, async (file) => {
    const { received, expected, writes } = await replay(file, true);
    expect(received.equals(expected)).toBe(true);
    expect(writes).toBeGreaterThanOrEqual(Math.ceil(expected.length / 8));
  });

  it('answers commands again once the transcript has been sent, and none while it streams', { tags: ['pty'] }, async () => {
    const link = tempLink();
    const file = join(fixturesDir, 'gsm-chan-dongle-issue82-cring-clip-repeated.modem');
    const sim = await startSimulator({ link, profile: 'sim800', replay: { file } });
    const host = await openHost(link);
    try {
      await host.send('AT\r');
      await host.waitForBytes(readFileSync(file).length);
      await expect.poll(() => sim.log().some((e) => e.text === 'replay finished')).toBe(true);
      expect(await host.command('AT')).toBe('AT\r\r\nOK\r\n');
    } finally {
      await host.close();
      await sim.close();
    }
  });

  it('names a missing transcript file and starts nothing', async () => {
    const link = tempLink();
    await expect(startSimulator({ link, profile: 'sim800', replay: { file: '/nonexistent/capture.modem' } })).rejects.toThrow(
      /Cannot replay \/nonexistent\/capture\.modem: it does not exist/,
    );
    expect(existsSync(link)).toBe(false);
  });
});
