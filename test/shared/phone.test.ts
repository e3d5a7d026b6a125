import { describe, expect, it } from 'vitest';
import { formatNumber, numberRange, suggestedPrefix } from '../../shared/phone.ts';

describe('phone numbers for people', () => {
  it('groups an international number the way its country writes it', () => {
    expect(formatNumber('+8617012345678')).toBe('+86 170 1234 5678');
    expect(formatNumber('+442079460000')).toBe('+44 20 7946 0000');
  });

  it('shows anything it cannot parse exactly as the modem gave it', () => {
    expect(formatNumber('10086')).toBe('10086');
    expect(formatNumber('P')).toBe('P');
  });

  it('suggests the operator block as the prefix to block, in the API prefix syntax', () => {
    expect(suggestedPrefix('+8617012345678')).toBe('+86170*');
    expect(suggestedPrefix('+8613800138000')).toBe('+86138*');
    expect(suggestedPrefix('01234567')).toBe('0123*');
  });
});

describe('numbers without a country code', () => {
  it('are read as home-country numbers and written the national way', () => {
    expect(formatNumber('13912345678', 'CN')).toBe('139 1234 5678');
    expect(formatNumber('02079460000', 'GB')).toBe('020 7946 0000');
    // Without a home country there is nothing to read them by.
    expect(formatNumber('13912345678')).toBe('13912345678');
  });

  it('still suggest an international prefix to block', () => {
    expect(suggestedPrefix('17012345678', 'CN')).toBe('+86170*');
  });
});

describe('one form per number, wherever it is shown', () => {
  it('writes a home-country number nationally whether it came with +86, 0086 or nothing', () => {
    for (const form of ['13511112222', '+8613511112222', '008613511112222']) expect(formatNumber(form, 'CN')).toBe('135 1111 2222');
  });

  it('writes a number of another country internationally', () => {
    expect(formatNumber('+85251234567', 'CN')).toBe('+852 5123 4567');
    expect(formatNumber('+8613511112222', 'GB')).toBe('+86 135 1111 2222');
  });
});

describe('number ranges', () => {
  it('groups a number by its country code and first three national digits, with the region', () => {
    expect(numberRange('+8617012345678')).toEqual({ prefix: '+86170', region: 'CN' });
    expect(numberRange('+14155550123')).toEqual({ prefix: '+1415', region: 'US' });
    expect(numberRange('+85251234567')).toEqual({ prefix: '+852512', region: 'HK' });
    expect(numberRange('10086')).toEqual({ prefix: '1008', region: null });
  });
});
