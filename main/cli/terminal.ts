// What the CLI prints goes to a terminal, and much of it came from the line or from a file the user did not
// write (caller names, presented numbers, import lines, labels): a caller choosing ESC [2J or U+202E must
// not clear the screen or reverse the text. Every command prints through these, so no sink is forgotten.
import { escapeForTerminal } from '../../shared/line-text.ts';

/** Each line escaped (control characters as pictures, bidi controls named), line breaks and tabs kept. */
export function terminalText(text: string): string {
  return text
    .split('\n')
    .map((line) => line.split('\t').map(escapeForTerminal).join('\t'))
    .join('\n');
}

// JSON.stringify escapes C0 already; C1, DEL, the line separators and bidi controls it leaves raw. Escaped as
// \uXXXX the JSON still means exactly the same data.
const JSON_UNSAFE = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;

export function terminalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(JSON_UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export const out = (text: string): void => void process.stdout.write(terminalText(text));
export const err = (text: string): void => void process.stderr.write(terminalText(text));
