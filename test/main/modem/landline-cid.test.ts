import { describe, expect, it } from 'vitest';
import { blockCallerId, parseCidField } from '../../../main/modem/landline-cid.ts';

const block = (...lines: string[]) => {
  const c = blockCallerId(lines.map((l) => parseCidField(l)!));
  return c && { number: c.number, presentation: c.presentation, name: c.name };
};

describe('formatted landline caller ID', () => {
  it('reads fields with and without spaces around =', () => {
    expect(parseCidField('NMBR=4075551212')).toMatchObject({ kind: 'number', value: '4075551212' });
    expect(parseCidField('NMBR = 4075551212')?.value.trim()).toBe('4075551212');
    expect(parseCidField('  NAME   =   JOHN DOE')?.value.trim()).toBe('JOHN DOE');
  });

  it('knows every number label and the combined DATE TIME form', () => {
    for (const label of ['NMBR', 'DDN_NMBR', 'DDN', 'NBR']) expect(parseCidField(`${label} = 123`)?.kind).toBe('number');
    expect(parseCidField('DATE TIME=01021234')?.kind).toBe('date');
    expect(parseCidField('MESG = 110101')?.kind).toBe('message');
  });

  it('reads the CALLER NUMBER: / CALLER NAME: variant', () => {
    expect(block('CALLER NUMBER: 5551234', 'CALLER NAME: SMITH JOHN')).toEqual({ number: '5551234', presentation: 'allowed', name: 'SMITH JOHN' });
    expect(parseCidField('NAME: huawei')).toBeNull();
  });

  it('does not take other KEY=value lines for caller ID', () => {
    expect(parseCidField('AT Z S0=0 E1 V1 Q0')).toBeNull();
    expect(parseCidField('S07=50')).toBeNull();
    expect(parseCidField('NAMES = X')).toBeNull();
  });

  it('gives the identity whatever the field order, NAME first included', () => {
    expect(block('DATE = 0103', 'NAME = Tucson,AZ', 'DDN = 9415557218')).toEqual({ number: '9415557218', presentation: 'allowed', name: 'Tucson,AZ' });
  });

  it('reports P, PRIVATE, Anonymous and Restricted as withheld', () => {
    for (const v of ['P', 'PRIVATE', 'Anonymous', 'Restricted', 'private'])
      expect(block(`NMBR = ${v}`)).toEqual({ number: null, presentation: 'withheld', name: null });
  });

  it('reports O, OUT OF AREA, OUT-OF-AREA and Unavailable as unavailable', () => {
    for (const v of ['O', 'OUT OF AREA', 'OUT-OF-AREA', 'Unavailable']) expect(block(`NMBR = ${v}`)?.presentation).toBe('unavailable');
  });

  it('keeps names verbatim but trims them, and reads O, P and blank as no name', () => {
    expect(block('NMBR = 1', 'NAME = Cell Phone   MA   ')?.name).toBe('Cell Phone   MA');
    expect(block('NMBR = 1', 'NAME = WITHHELD')?.name).toBe('WITHHELD');
    for (const v of ['O', 'P', '', '   ']) expect(block('NMBR = 885', `NAME = ${v}`)?.name).toBeNull();
  });

  it('keeps leading zeros and short numbers', () => {
    expect(block('NMBR = 075552120')?.number).toBe('075552120');
    expect(block('NMBR = 885')?.number).toBe('885');
  });

  it('gives no identity for a block without a number field', () => {
    expect(block('DATE = 0101', 'NAME = X')).toBeNull();
  });
});
