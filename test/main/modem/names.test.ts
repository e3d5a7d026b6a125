// Names in every encoding (issue 14): a GSM line puts the modem in UCS2 so a Chinese caller name arrives
// intact, and decodes it; the same text in the parsers, where the character set is known and where not.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeNumber, decodeText, decodeUcs2Hex } from '../../../main/modem/charset.ts';
import { parseClcc } from '../../../main/modem/clcc.ts';
import { parseClip } from '../../../main/modem/clip.ts';
import type { EndedCall } from '../../../main/modem/index.ts';
import { parseTranscript } from '../../../main/modem/transcript.ts';
import { startSimulator } from '../../../main/sim/index.ts';
import { lineRig } from './support/line-rig.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('UCS2 text', () => {
  it('decodes names, Chinese and Latin, and leaves what only looks like hex as it came', () => {
    expect(decodeUcs2Hex('5F204E09')).toBe('张三');
    expect(decodeText('5F204E09', 'UCS2')).toBe('张三');
    expect(decodeText('5F204E09', null)).toBe('张三');
    expect(decodeText('004A004F0048004E00200044004F0045', null)).toBe('JOHN DOE');
    // A name that happens to be hex stays a name when the set is not known to be UCS2…
    expect(decodeText('CAFE', null)).toBe('CAFE');
    expect(decodeText('CAFEBABE', null)).toBe('CAFEBABE');
    // …and text that is not whole UTF-16 (a lone surrogate) is never decoded; a control only where the set is
    // known to be UCS2 (the sanitiser then shows it as a picture), never on a guess.
    expect(decodeText('D800', 'UCS2')).toBe('D800');
    expect(decodeText('0007', 'UCS2')).toBe('\u0007');
    expect(decodeText('001B005B0032004A', null)).toBe('001B005B0032004A');
  });

  it('decodes a number sent in UCS2 and keeps ordinary digits', () => {
    expect(decodeNumber('002B0038003600310033003800300030003100330038003000300030', 'UCS2')).toBe('+8613800138000');
    expect(decodeNumber('13800138000', 'UCS2')).toBe('13800138000');
    expect(decodeNumber('00310032', null)).toBe('00310032');
  });

  it('gives +CLIP and +CLCC names as text in the set the line selected', () => {
    expect(parseClip('+CLIP: "13800138000",129,"",0,"5F204E09",0', 'UCS2')).toMatchObject({ number: '13800138000', name: '张三' });
    expect(parseClcc('+CLCC: 1,1,4,0,0,"13912345678",129,"674E56DB"', 'UCS2')).toMatchObject({ number: '13912345678', alpha: '李四' });
    expect(parseTranscript('\r\nRING\r\n\r\n+CLIP: "13800138000",129,"",0,"5F204E09",0\r\n')).toEqual([
      { number: '13800138000', presentation: 'allowed', name: '张三', raw: expect.any(Array) },
    ]);
  });
});

describe('a GSM line and a Chinese caller name', () => {
  it('selects UCS2 at set-up and records the name as Chinese text', async () => {
    // The in-memory pair: the UCS2 set-up and decoding do not depend on the pty, so this runs everywhere.
    const sim = await startSimulator({ link: 'names-modem', transport: 'memory', profile: 'sim800', timeScale: 20 });
    cleanups.push(() => sim.close());
    const rig = lineRig(sim.link, { decide: () => 'reject', openPort: sim.openPort });
    cleanups.push(() => rig.line.close());
    await rig.line.ready();
    expect(rig.log).toContain('out AT+CSCS="UCS2"');
    await sim.placeCall({ number: '13800138000', presentation: 'allowed', name: '张三', rings: 3 });
    const ended = await rig.waitFor<EndedCall>('call-ended');
    expect(ended.callerId).toMatchObject({ number: '13800138000', name: '张三' });
    expect(ended.raw.join('\n')).toContain('"5F204E09"');
  });
});
