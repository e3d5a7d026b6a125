// Property tests: random bytes and mutated captures never make the parser throw, and never make it report
// an allowed caller with a number that was not delivered; the call tracker ends every call exactly once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAtChannel } from '../../../main/modem/at-channel.ts';
import { createCallerIdParser, createLineSplitter, parseTranscript } from '../../../main/modem/index.ts';
import { collapse, loadFixtures } from './support/fixtures.ts';
import { trackerRig } from './support/tracker-rig.ts';

const fixtures = loadFixtures();

/** Lines a modem really sends between others: replies, echoes, status noise, ring and end markers. */
const noise = [
  'OK',
  'ERROR',
  '^RSSI:14',
  '+CSQ: 20,99',
  '^BOOT:35323129,0,0,0,26',
  '+CME ERROR: 10',
  '+CME ERROR:SIM not inserted',
  'RDY',
  'AT+CLIP=1',
  '+CLIP: 1,1',
  'NO CARRIER',
  '^CEND:1,0,104,16',
  'DRON=5',
  'DROF=40',
  'COMMAND NO RESPONSE!',
  '+CREG: 1',
  '+CPIN: READY',
  '56000',
  'RING',
  '+CRING: VOICE',
  '+CRING: FAX',
  '^DSFLOWRPT:1,2,3',
  'VOICE CALL: END: 000012',
  '"',
];
const endings = ['\r\n', '\r\r\n', '\n', '\r'];
// Garbage that cannot spell a caller ID by itself (no digits, '=', ':' or letters), so any number
// reported afterwards must have come from the capture.
const garbageByte = fc.oneof(fc.integer({ min: 0x00, max: 0x2f }), fc.integer({ min: 0x7b, max: 0xff })).filter((b) => b !== 0x2b);

type Mutation = { at: number; kind: 'noise' | 'garbage' | 'drop-ring'; noise: string; garbage: number[]; ending: string };
const mutation = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('noise', 'garbage', 'drop-ring'),
  noise: fc.constantFrom(...noise),
  garbage: fc.array(garbageByte, { maxLength: 12 }),
  ending: fc.constantFrom(...endings),
}) as fc.Arbitrary<Mutation>;

/** Splits a capture at its line ends (keeping them), applies the mutations at line boundaries. */
function mutate(bytes: Buffer, mutations: Mutation[], ending: string | null): Buffer {
  const text = bytes.toString('latin1');
  const lines = text.split(/(?<=\n)|(?<=\r)(?!\n)/);
  const out = lines.map((l) => (ending ? l.replace(/\r?\r\n$|\n$|\r$/, ending) : l));
  for (const m of mutations) {
    const i = m.at % (out.length + 1);
    if (m.kind === 'noise') out.splice(i, 0, `${m.noise}${m.ending}`);
    else if (m.kind === 'garbage') out.splice(i, 0, Buffer.from(m.garbage).toString('latin1') + m.ending);
    else if (/^\s*RING\s*$/.test(out[i] ?? '')) out.splice(i, 1);
  }
  return Buffer.from(out.join(''), 'latin1');
}

const allowedNumbers = (calls: { number: string | null; presentation: string }[]) =>
  new Set(calls.filter((c) => c.presentation === 'allowed').map((c) => c.number));

describe('properties', () => {
  it('never throws on random bytes, in any chunking', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (chunks) => {
        const splitter = createLineSplitter();
        const parser = createCallerIdParser();
        const channel = createAtChannel({ write: () => {}, onUrc: (l) => void parser.push(l) });
        for (const c of chunks) for (const l of splitter.push(c)) channel.receive(l);
        parser.end();
        parseTranscript(Buffer.concat(chunks));
      }),
      { numRuns: 300 },
    );
  });

  it('reports only numbers present in random modem-like text, and never throws on it', () => {
    const token = fc.constantFrom(
      'RING',
      '+CLIP: "',
      '",145,,,,',
      'NMBR',
      ' = ',
      'NAME=',
      '\r\n',
      '\r',
      '\n',
      '04',
      '80',
      '12',
      'FF',
      '+CLCC: 1,1,4,0,0,"',
      'MISSED_CALL: ',
      '01      9/03',
      '^CEND:',
      '\x00',
      '\x10',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(token, fc.string({ maxLength: 6 })), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        // What the parser sees once control bytes (NUL, voice-mode DLE codes) are gone.
        let delivered = '';
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          if (c === 0x10) i += text.charCodeAt(i + 1) >= 0x20 && text.charCodeAt(i + 1) < 0x7f ? 1 : 0;
          else if (c >= 0x20 && c !== 0x7f) delivered += text[i];
          else if (c === 0x0a || c === 0x0d) delivered += text[i];
        }
        for (const c of parseTranscript(text)) {
          // A reported number was delivered in the input (give or take the + a type-145 number implies and
          // the display separators), and holds only digits and a leading +; an allowed caller without one
          // is "number unusable" and carries the text it presented. Other presentations carry no number.
          if (c.presentation === 'allowed' && c.number !== null) {
            expect(c.number).toMatch(/^\+?\d+$/);
            expect(delivered.replace(/[ \-.()]/g, '').includes(c.number.replace(/^\+/, ''))).toBe(true);
          } else if (c.presentation === 'allowed') expect(c.presentedNumber).toBeTruthy();
          else expect(c.number).toBeNull();
        }
      }),
      { numRuns: 300 },
    );
  });

  for (const f of fixtures) {
    it(`never reports an allowed caller with a different number in a mutated ${f.name}`, () => {
      const expected = allowedNumbers(f.calls);
      fc.assert(
        fc.property(fc.array(mutation, { maxLength: 12 }), fc.option(fc.constantFrom(...endings)), (mutations, ending) => {
          const got = parseTranscript(mutate(f.bytes, mutations, ending));
          for (const n of allowedNumbers(got)) expect(expected.has(n)).toBe(true);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('finds the same calls in a capture whatever line ends it uses', () => {
    for (const f of fixtures.filter((x) => !x.name.includes('tci'))) {
      for (const ending of endings) expect(collapse(parseTranscript(mutate(f.bytes, [], ending)))).toEqual(collapse(f.calls));
    }
  });

  it('ends every call the tracker starts exactly once, whatever the modem sends', async () => {
    const line = fc.constantFrom(
      'RING',
      '+CRING: VOICE',
      '+CLIP: "10086",129,,,,0',
      '+CLIP: "10010",129,,,,0',
      '+CLIP: "",128,,,,1',
      'NMBR = 555',
      'NAME = X',
      'DATE = 0101',
      'NO CARRIER',
      '^CEND:1,0,104,16',
      'VOICE CALL: BEGIN',
      'MISSED_CALL: 10:22AM 139',
      'OK',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('gsm' as const, 'landline' as const),
        fc.constantFrom('allow' as const, 'reject' as const),
        fc.array(fc.tuple(line, fc.nat({ max: 9000 })), { maxLength: 30 }),
        async (kind, action, steps) => {
          const r = trackerRig(kind, () => action);
          for (const [l, wait] of steps) {
            r.modem(l);
            // Half the hang-ups succeed at once; the rest never confirm (a stubborn modem).
            for (const h of r.hangups.splice(0)) if (wait % 2 === 0) h.finish({ ok: true, method: 'chup', command: 'AT+CHUP' });
            await r.advance(wait);
          }
          await r.advance(20_000);
          r.tracker.lineLost();
          const started = r.events.filter((e) => e.event === 'call-started').map((e) => (e.payload as { key: string }).key);
          const ended = r.ended().map((c) => c.key);
          expect([...ended].sort()).toEqual([...started].sort());
          expect(new Set(ended).size).toBe(ended.length);
        },
      ),
      { numRuns: 150 },
    );
  });
});
