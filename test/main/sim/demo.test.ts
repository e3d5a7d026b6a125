// The demo line ("Try without a modem"): a simulated modem that says it is one, ringing a plausible mix.
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { demoTrustedCallers, startDemoModem, type Simulator } from '../../../main/sim/index.ts';
import { openHost, tempLink, type TestHost } from './host.ts';

let sim: Simulator | null = null;
let host: TestHost | null = null;
afterEach(async () => {
  await host?.close();
  await sim?.close();
});

describe('the demo line', { tags: ['pty'] }, () => {
  it('identifies itself as simulated and rings trusted callers and a flood with caller ID', async () => {
    const link = tempLink('demo-modem');
    sim = await startDemoModem({ link, timeScale: 2000, seed: 3 });
    host = await openHost(link);
    expect(await host.command('AT+CGMI;+CGMM')).toContain('\r\nRingfence\r\n\r\nDemo line (simulated)\r\n');
    for (const c of ['ATE0', 'AT^CURC=0', 'AT+CLIP=1']) await host.command(c);
    host.clear();
    // At 2000× a demo cycle (10 simulated minutes) takes 0.3 s: wait for the flood's rotating numbers.
    await host.waitFor(/(\+CLIP: "1(70|71|62|65|67)\d{8}",129[^\r]*\r\n[\s\S]*){5}/, 10_000);
    // Family rings through in every cycle too.
    await host.waitFor(new RegExp(`\\+CLIP: "(${demoTrustedCallers.map((c) => c.number).join('|')})",129`), 10_000);
  });

  it('stops ringing and removes its link when closed', async () => {
    const link = tempLink('demo-modem');
    const demo = await startDemoModem({ link, timeScale: 2000 });
    await demo.close();
    expect(existsSync(link)).toBe(false);
    await expect(demo.placeCall({ number: '1', presentation: 'allowed' })).rejects.toThrow(/closed/);
  });
});
