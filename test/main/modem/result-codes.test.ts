import { describe, expect, it } from 'vitest';
import { finalResult } from '../../../main/modem/result-codes.ts';

describe('final result codes', () => {
  it('recognises OK and ERROR', () => {
    expect(finalResult('OK')).toEqual({ kind: 'ok' });
    expect(finalResult(' ERROR ')).toEqual({ kind: 'error', code: 'ERROR', detail: null });
  });

  it('reads +CME ERROR and +CMS ERROR with or without a space, numeric or text', () => {
    expect(finalResult('+CME ERROR: 10')).toEqual({ kind: 'error', code: 'CME ERROR', detail: '10' });
    expect(finalResult('+CME ERROR:SIM not inserted')).toEqual({ kind: 'error', code: 'CME ERROR', detail: 'SIM not inserted' });
    expect(finalResult('+CMS ERROR: 500')).toEqual({ kind: 'error', code: 'CMS ERROR', detail: '500' });
  });

  it('reads the call-progress results', () => {
    for (const code of ['NO CARRIER', 'BUSY', 'NO ANSWER', 'NO DIALTONE', 'VCON']) expect(finalResult(code)).toMatchObject({ kind: 'call-progress', code });
    expect(finalResult('CONNECT 9600')).toEqual({ kind: 'call-progress', code: 'CONNECT', detail: '9600' });
  });

  it('counts only a line that is a result code', () => {
    for (const line of ['OKAY', 'NO CARRIER PTY LTD', 'NAME = OK', 'ERRORS', 'BUSY SIGNAL']) expect(finalResult(line)).toBeNull();
  });
});
