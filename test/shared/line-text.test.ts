import { describe, expect, it } from 'vitest';
import { csvCell, escapeForTerminal, isolateBidi, neutraliseControls } from '../../shared/line-text.ts';

describe('text from the line', () => {
  it('replaces every control character with a visible picture and counts them', () => {
    expect(neutraliseControls('a\u001b[2Jb\u0007\u0000\r\n\t\u007f\u0085\u2028')).toEqual({
      text: 'a\u241b[2Jb\u2407\u2400\u240d\u240a\u2409\u2421\ufffd\ufffd',
      replaced: 9,
    });
    expect(neutraliseControls("张三 O'Brien")).toEqual({ text: "张三 O'Brien", replaced: 0 });
  });

  it('keeps bidi controls as data', () => {
    expect(neutraliseControls('\u202eevil').text).toBe('\u202eevil');
  });

  it('escapes controls and bidi controls for a terminal', () => {
    expect(escapeForTerminal('\u001b]0;x\u0007 \u202eab')).toBe('\u241b]0;x\u2407 <U+202E>ab');
    expect(escapeForTerminal('a\ud800b')).toBe('a\ufffdb');
  });

  it('isolates bidi controls so they end with the text, even after a stray PDI', () => {
    expect(isolateBidi('plain')).toBe('plain');
    expect(isolateBidi('\u202eevil')).toBe('\u2068\u202eevil\u2069');
    // A PDI with no isolate of its own would close ours and let the override run on.
    expect(isolateBidi('a\u2069\u202eb')).toBe('\u2068a\u202eb\u2069');
    expect(isolateBidi('\u2067x\u2069\u202e')).toBe('\u2068\u2067x\u2069\u202e\u2069');
  });
});

describe('csvCell', () => {
  it('quotes a cell holding any common separator and guards every formula start in it', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+8613800138000')).toBe('+8613800138000');
    expect(csvCell('+86170*')).toBe('+86170*');
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('a\tb')).toBe('"a\tb"');
    expect(csvCell("x;=cmd|' /C calc'!A0;y")).toBe(`"x;'=cmd|' /C calc'!A0;y"`);
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('+86170,+86171')).toBe(`"'+86170,+86171"`);
    expect(csvCell('+86 170,+86 171')).toBe(`"'+86 170,'+86 171"`);
    expect(csvCell(null)).toBe('');
  });
});
