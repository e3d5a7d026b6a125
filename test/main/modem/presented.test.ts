// Hostile caller IDs through every parser: the caller chooses the number and the name, so none of it may
// become a pattern, a control sequence or a number that is not one.
import { describe, expect, it } from 'vitest';
import { sameIdentity } from '../../../main/modem/caller-id.ts';
import { parseClcc, clccCallerId } from '../../../main/modem/clcc.ts';
import { parseCcwa } from '../../../main/modem/ccwa.ts';
import { parseClip } from '../../../main/modem/clip.ts';
import { parseHexCid } from '../../../main/modem/hex-cid.ts';
import { blockCallerId, parseCidField, type CidField } from '../../../main/modem/landline-cid.ts';
import { callerIdFrom, dialableNumber } from '../../../main/modem/presented.ts';
import { parseTciRecord } from '../../../main/modem/tci.ts';
import { numberUnusable, type CallerId } from '../../../shared/domain.ts';
import { hasControls } from '../../../shared/line-text.ts';
import { parseTranscript } from '../../../main/modem/index.ts';

function packet(type: number, payload: number[]): string {
  const bytes = [type, payload.length, ...payload];
  const sum = bytes.reduce((a, b) => (a + b) & 0xff, 0);
  return [...bytes, (256 - sum) & 0xff].map((b) => b.toString(16).padStart(2, '0').toUpperCase()).join('');
}
const ucs2 = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()).join('');
const bytesOf = (s: string) => [...Buffer.from(s, 'latin1')];
const param = (type: number, value: string) => [type, Buffer.byteLength(value, 'latin1'), ...bytesOf(value)];
const block = (...lines: string[]) => blockCallerId(lines.map((l) => parseCidField(l)).filter((f): f is CidField => f !== null));
const tci = (number: string, name: string) => `01      9/05      1:17 PM  `.padEnd(29) + number.padStart(15) + ''.padEnd(11) + name.padEnd(15);

/** Every parser's reading of a presented number field. */
const presentedBy: Record<string, (text: string) => CallerId | null> = {
  '+CLIP': (t) => parseClip(`+CLIP: "${t}",145,,,,0`),
  '+CLCC': (t) => {
    const e = parseClcc(`+CLCC: 1,1,4,0,0,"${t}",129`);
    return e && clccCallerId(e);
  },
  'NMBR =': (t) => block(`NMBR = ${t}`),
  'CALLER NUMBER:': (t) => block(`CALLER NUMBER: ${t}`),
  SDMF: (t) => parseHexCid(packet(0x04, bytesOf(`01011200${t}`))),
  MDMF: (t) => parseHexCid(packet(0x80, [...param(0x01, '01011200'), ...param(0x02, t)])),
  'MISSED_CALL:': (t) => parseTranscript(`MISSED_CALL: 10:22AM ${t}\r\n`)[0] ?? null,
  // Flood's parsers (issue 14) go through the same door: call waiting, UCS2 text, MESG-wrapped MDMF.
  '+CCWA': (t) => parseCcwa(`+CCWA: "${t}",145,1`),
  '+CLIP in UCS2': (t) => parseClip(`+CLIP: "${ucs2(t)}",145,,,,0`, 'UCS2'),
  'MESG = MDMF': (t) => parseTranscript(`\r\nRING\r\n\r\nMESG = ${packet(0x80, [...param(0x01, '01011200'), ...param(0x02, t)])}\r\n`)[0] ?? null,
};

describe('a presented number is data, never a pattern', () => {
  for (const [format, read] of Object.entries(presentedBy)) {
    it(`${format}: +8*, *611, <img…>, -2+3 and an ESC sequence are "number unusable", kept as text`, () => {
      for (const hostile of ['+8*', '*611', '<img src=x>', '-2+3', '123\u001b[2J', '138#']) {
        const c = read(hostile);
        if (format === 'MISSED_CALL:') {
          // MISSED_CALL takes its number only when the last word looks like one; otherwise there is none.
          if (c) expect(c.number === null || /^\+?\d+$/.test(c.number)).toBe(true);
          continue;
        }
        expect(c, `${format} ${hostile}`).not.toBeNull();
        expect(c?.number, `${format} ${hostile}`).toBeNull();
        expect(c?.presentation).toBe('allowed');
        expect(numberUnusable(c!)).toBe(true);
        expect(hasControls(c?.presentedNumber ?? '')).toBe(false);
      }
    });

    it(`${format}: a plain number is matched as delivered`, () => {
      const c = read('+8613800138000');
      expect(c?.number).toBe('+8613800138000');
      expect(c?.presentedNumber).toBeUndefined();
    });
  }

  it('replaces and counts the control characters of the presented text, keeping the raw line', () => {
    const c = parseClip('+CLIP: "1\u0007\u001b[31m2",129,,,"\u001b]0;pwned\u0007Bob",0');
    expect(c).toMatchObject({ number: null, presentedNumber: '1\u2407\u241b[31m2', name: '\u241b]0;pwned\u2407Bob', controlsReplaced: 4 });
    expect(c?.raw[0]).toContain('\u001b[31m');
  });

  it('drops only the display separators a device inserts', () => {
    expect(dialableNumber('(407) 555-1212')).toBe('4075551212');
    expect(dialableNumber('+86 138.0013.8000')).toBe('+8613800138000');
    expect(dialableNumber('８６')).toBeNull(); // full-width digits are not what a modem delivers
    expect(dialableNumber('+')).toBeNull();
    expect(dialableNumber('1'.repeat(33))).toBeNull();
    expect(dialableNumber('8613800138000', true)).toBe('+8613800138000');
  });

  it('reads the word none presented as a number as text, not as a presentation', () => {
    expect(block('NMBR = none')).toMatchObject({ number: null, presentation: 'allowed', presentedNumber: 'none' });
    expect(parseClip('+CLIP: "none",129,,,,0')).toMatchObject({ number: null, presentation: 'allowed', presentedNumber: 'none' });
  });
});

describe('hex caller ID never decodes control bytes into stored fields', () => {
  it('SDMF: ESC, BEL, NUL and CR in the number are replaced and counted', () => {
    const c = parseHexCid(packet(0x04, bytesOf('01011200\u001b[2J\u0007\u0000\r407')));
    expect(c).toMatchObject({ number: null, presentation: 'allowed', controlsReplaced: 4 });
    expect(c?.presentedNumber).toBe('\u241b[2J\u2407\u2400\u240d407');
  });

  it('MDMF: a name with ESC/BEL/NUL/CR keeps its letters, not its controls; the number still matches', () => {
    const c = parseHexCid(packet(0x80, [...param(0x02, '4075551212'), ...param(0x07, 'EVIL\u001b[8m\u0000\u0007\rX')]));
    expect(c).toMatchObject({ number: '4075551212', name: 'EVIL\u241b[8m\u2400\u2407\u240dX', controlsReplaced: 4 });
  });

  it('MDMF: a dialable-number parameter holding noise is unusable too', () => {
    const c = parseHexCid(packet(0x80, [...param(0x03, '+8*')]));
    expect(c).toMatchObject({ number: null, presentation: 'allowed', presentedNumber: '+8*' });
  });
});

describe('names are data', () => {
  it('keeps bidi controls in a name as data (they are isolated where the name is shown)', () => {
    const c = block('NMBR = 4075551212', 'NAME = \u202eevil');
    expect(c?.name).toBe('\u202eevil');
    expect(c?.controlsReplaced).toBeUndefined();
  });

  it('UCS2 and MESG names are decoded first, then made safe like any delivered text', () => {
    expect(parseClip(`+CLIP: "13800138000",129,"",0,"${ucs2('张\u202e三')}",0`, 'UCS2')).toMatchObject({ number: '13800138000', name: '张\u202e三' });
    const mesg = parseTranscript(
      `\r\nRING\r\n\r\nMESG = ${packet(0x80, [...param(0x01, '01011200'), ...param(0x02, '4075551212'), ...param(0x07, 'A\u001b[2JB')])}\r\n`,
    )[0];
    expect(mesg).toMatchObject({ number: '4075551212', name: 'A\u241b[2JB', controlsReplaced: 1 });
  });

  it('TCI: a name column with controls is replaced and counted', () => {
    const c = parseTciRecord(tci('212-555-4000', 'A\u001bB'));
    expect(c).toMatchObject({ number: '2125554000', presentedNumber: '212-555-4000', name: 'A\u241bB', controlsReplaced: 1 });
  });

  it('a parser that builds a caller ID goes through callerIdFrom: nothing else makes one', () => {
    expect(callerIdFrom({ presentation: 'withheld', numberText: '+8613800138000', raw: [] })).toEqual({
      number: null,
      presentation: 'withheld',
      name: null,
      raw: [],
    });
  });
});

describe('call boundaries', () => {
  it('two different unusable numbers are two callers, not repeats of one', () => {
    const a = parseClip('+CLIP: "+8*",145,,,,0')!;
    const b = parseClip('+CLIP: "+7*",145,,,,0')!;
    expect(sameIdentity(a, b)).toBe(false);
    expect(sameIdentity(a, parseClip('+CLIP: "+8*",145,,,,0')!)).toBe(true);
  });
});
