import { describe, expect, it } from 'vitest';
import { parseClip } from '../../../main/modem/clip.ts';

const id = (line: string) => {
  const c = parseClip(line);
  return c && { number: c.number, presentation: c.presentation, name: c.name };
};

describe('+CLIP', () => {
  it('reads a six-field Huawei line with an international number', () => {
    expect(id('+CLIP: "+8613800138000",145,,,,0')).toEqual({ number: '+8613800138000', presentation: 'allowed', name: null });
  });

  it('adds the + a type-145 number implies when the modem leaves it out', () => {
    expect(id('+CLIP: "8613800138000",145,"",0,"",0')?.number).toBe('+8613800138000');
  });

  it('keeps national and unknown-type numbers exactly as delivered', () => {
    expect(id('+CLIP: "013800138000",129,"",0,"",0')?.number).toBe('013800138000');
    expect(id('+CLIP: "13800138000",161,,,,0')?.number).toBe('13800138000');
    expect(id('+CLIP: "0000",128')?.number).toBe('0000');
  });

  it('accepts two fields, no space after the colon, and an unquoted number', () => {
    expect(id('+CLIP:"+27820001234",145')).toEqual({ number: '+27820001234', presentation: 'allowed', name: null });
    expect(id('+CLIP: 07700900123,129')?.number).toBe('07700900123');
    expect(id('+CLIP:07700900123,129,,,,0')?.number).toBe('07700900123');
  });

  it('maps CLI validity 1 to withheld and 2, 3, 4 to unavailable, with no number', () => {
    expect(id('+CLIP: "",128,"",0,"",1')).toEqual({ number: null, presentation: 'withheld', name: null });
    for (const v of [2, 3, 4]) expect(id(`+CLIP: "",128,"",0,"",${v}`)).toEqual({ number: null, presentation: 'unavailable', name: null });
    expect(id('+CLIP: "+441234",145,,,,1')).toEqual({ number: null, presentation: 'withheld', name: null });
  });

  it('treats an empty number with no validity field as withheld', () => {
    expect(id('+CLIP: "",128')?.presentation).toBe('withheld');
  });

  it('takes a non-empty alpha field as the name, commas and all', () => {
    expect(id('+CLIP: "+4420",145,"",,"SMITH, JOHN",0')?.name).toBe('SMITH, JOHN');
    expect(id('+CLIP: "+4420",145,,,"  Mum  ",0')?.name).toBe('Mum');
    expect(id('+CLIP: "+4420",145,"",128,"",0')?.name).toBeNull();
  });

  it('is not fooled by the reply to AT+CLIP? or other lines', () => {
    expect(parseClip('+CLIP: 1,1')).toBeNull();
    expect(parseClip('+CLIP: 0,2')).toBeNull();
    expect(parseClip('AT+CLIP=1')).toBeNull();
    expect(parseClip('+CLIPX: "1",129')).toBeNull();
    expect(parseClip('+CLIP: "12345",12')).toBeNull();
  });

  it('never trusts a number cut off by the end of the line or mixed with noise', () => {
    expect(parseClip('+CLIP: "+86138001')).toBeNull();
    // Presented, but not a number: kept as text for display, never matched ("number unusable").
    expect(parseClip('+CLIP: "+8613x00138000",145,,,,0')).toMatchObject({ number: null, presentation: 'allowed', presentedNumber: '+8613x00138000' });
  });

  it('keeps the line it came from as raw', () => {
    expect(parseClip('+CLIP: "+1",145')?.raw).toEqual(['+CLIP: "+1",145']);
  });
});
