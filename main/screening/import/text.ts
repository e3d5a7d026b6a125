// Plain text: one number (or prefix, pattern, withheld) per line. Blank lines and # comments are skipped;
// text after a # on an entry line becomes its label. This is typed text, so the value's form says its kind
// (+86170* a prefix); the preview shows every pattern as a pattern before anything is saved.
import type { Rule } from '../../../shared/domain.ts';
import { fileValue } from './types.ts';
import type { ImportEntry, ListParser, ParsedFile } from './types.ts';

/** One segment (whole lines, \n-separated) starting at `firstLine`. */
function textSegment(content: string, firstLine: number, emit: (entry: ImportEntry) => void): void {
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const hash = line.indexOf('#');
    const value = (hash < 0 ? line : line.slice(0, hash)).trim();
    const label = hash < 0 ? '' : line.slice(hash + 1).trim();
    emit({ line: firstLine + i, value, label });
  }
}

export const textParser = (emit: (entry: ImportEntry) => void): ListParser => ({
  feed: (text, firstLine) => textSegment(text, firstLine, emit),
  end: () => ({ invalid: [] }),
});

export function parseText(content: string, emit: (entry: ImportEntry) => void): ParsedFile {
  textSegment(content.replace(/\r\n?/g, '\n'), 1, emit);
  return { invalid: [] };
}

export function exportText(rules: Rule[]): string {
  return rules.map((r) => (r.label ? `${fileValue(r)} # ${r.label}` : fileValue(r))).join('\n') + (rules.length ? '\n' : '');
}
