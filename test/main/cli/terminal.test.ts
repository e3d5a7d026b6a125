import { describe, expect, it } from 'vitest';
import { terminalJson, terminalText } from '../../../main/cli/terminal.ts';

describe('CLI terminal output', () => {
  it('shows control characters as pictures and names bidi controls, keeping line breaks and tabs', () => {
    expect(terminalText('Top callers\n  \u001b[2J\u001b]0;x\u0007Zhang\u202eevil\t3 calls\n')).toBe('Top callers\n  ␛[2J␛]0;x␇Zhang<U+202E>evil\t3 calls\n');
  });

  it('keeps JSON the same data while escaping what JSON.stringify leaves raw', () => {
    const value = { name: 'a\u009bb\u202ec\u2028d\u001be' };
    const text = terminalJson(value);
    // eslint-disable-next-line no-control-regex -- the assertion is that none is left
    expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u202e]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
