import { describe, expect, it } from 'vitest';
import { formatNumber, suggestedPrefix } from '../../../renderer/format/phone.ts';

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
