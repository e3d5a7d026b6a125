// The GSM modules' gate reports and the voice modem's format list, from the forms in their manuals.
import { describe, expect, it } from 'vitest';
import { hasVoiceClass, pickVoiceFormat, promptDone, quectelKey, simcomKey } from '../../../../main/modem/gate/reports.ts';

describe('SIMCom +DTMF', () => {
  it('reads the key with or without the duration (AT+DDET report modes 0 and 1)', () => {
    expect(simcomKey('+DTMF: 7')).toBe('7');
    expect(simcomKey('+DTMF:1,160')).toBe('1');
    expect(simcomKey('+DTMF: #')).toBe('#');
  });
  it('is not a key for the 1400/2300 Hz single tones or another line', () => {
    expect(simcomKey('+DTMF: 1400')).toBeNull();
    expect(simcomKey('+DTMF: 2300')).toBeNull();
    expect(simcomKey('+CLIP: "7",129')).toBeNull();
  });
});

describe('Quectel +QTONEDET', () => {
  it('reads the key from its ASCII code', () => {
    expect(quectelKey('+QTONEDET: 55')).toBe('7');
    expect(quectelKey('+QTONEDET: 48')).toBe('0');
    expect(quectelKey('+QTONEDET: 42')).toBe('*');
    expect(quectelKey('+QTONEDET: 35')).toBe('#');
  });
  it('is not a key for the reply to AT+QTONEDET? or the 1400/2300 Hz codes', () => {
    expect(quectelKey('+QTONEDET: 1')).toBeNull();
    expect(quectelKey('+QTONEDET: 70')).toBeNull();
    expect(quectelKey('+QTONEDET: 69')).toBeNull();
  });
});

describe('prompt finished', () => {
  it('is +CTTS: 0 / +QWTTS: 0, not the playing status', () => {
    expect(promptDone('+CTTS: 0', '+CTTS')).toBe(true);
    expect(promptDone('+CTTS: 1', '+CTTS')).toBe(false);
    expect(promptDone('+QWTTS: 0', '+QWTTS')).toBe(true);
    expect(promptDone('+QTTS: 0', '+QWTTS')).toBe(false);
  });
});

describe('voice modem formats', () => {
  it('prefers μ-law at 8000/s from a Conexant-style AT+VSM=? list', () => {
    const lines = ['0,"SIGNED PCM",8,0,(7200,8000,11025),(0),(0)', '1,"UNSIGNED PCM",8,0,(7200,8000,11025),(0),(0)', '4,"ULAW",8,0,(8000),(0),(0)'];
    expect(pickVoiceFormat(lines)).toEqual({ code: 4, encoding: 'ulaw' });
  });
  it('takes 8-bit linear when there is no μ-law, and nothing without 8000/s', () => {
    expect(pickVoiceFormat(['128,"8-BIT LINEAR",(7200,8000,11025)', '129,"ADPCM",(7200)'])).toEqual({ code: 128, encoding: 'linear8' });
    expect(pickVoiceFormat(['130,"ULAW",(7200)'])).toBeNull();
  });
  it('sees voice class 8 in AT+FCLASS=? replies', () => {
    expect(hasVoiceClass(['0,1,2,8'])).toBe(true);
    expect(hasVoiceClass(['+FCLASS: (0,1,1.0,2,8)'])).toBe(true);
    expect(hasVoiceClass(['0,1,2'])).toBe(false);
  });
});
