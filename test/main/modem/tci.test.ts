import { describe, expect, it } from 'vitest';
import { parseTciRecord } from '../../../main/modem/tci.ts';

const rec = (line: string, number: string, name: string) =>
  `${line}      9/05      1:17 PM  `.padEnd(29) + number.padStart(15) + ''.padEnd(11) + name.padEnd(15);
const id = (line: string) => {
  const c = parseTciRecord(line);
  return c && { number: c.number, presentation: c.presentation, name: c.name };
};

describe('TCI serial caller-ID records', () => {
  it('reads the number without the display dashes, and the name column', () => {
    expect(id(rec('01', '212-555-4000', 'CARD SERVICES'))).toEqual({ number: '2125554000', presentation: 'allowed', name: 'CARD SERVICES' });
  });

  it('reads PRIVATE as withheld and OUT-OF-AREA as unavailable, blank names as null', () => {
    expect(id(rec('02', 'PRIVATE', ''))).toEqual({ number: null, presentation: 'withheld', name: null });
    expect(id(rec('03', 'OUT-OF-AREA', ''))).toEqual({ number: null, presentation: 'unavailable', name: null });
  });

  it('falls back to words when a record is not in the standard columns', () => {
    expect(id('01 9/05 1:17 PM 702-555-1145  JOHN')).toEqual({ number: '7025551145', presentation: 'allowed', name: 'JOHN' });
  });

  it('does not take other lines for records', () => {
    expect(parseTciRecord('OK')).toBeNull();
    expect(parseTciRecord('01 hello')).toBeNull();
  });
});
