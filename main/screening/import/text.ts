// Plain text: one number (or prefix, pattern, withheld) per line. Blank lines and # comments are skipped;
// text after a # on an entry line becomes its label.
import type { Rule } from '../../../shared/domain.ts';
import { fileValue } from './types.ts';
import type { ImportEntry, ParsedFile } from './types.ts';

export function parseText(content: string, emit: (entry: ImportEntry) => void): ParsedFile {
  const lines = content.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const hash = line.indexOf('#');
    const value = (hash < 0 ? line : line.slice(0, hash)).trim();
    const label = hash < 0 ? '' : line.slice(hash + 1).trim();
    emit({ line: i + 1, value, label });
  }
  return { invalid: [] };
}

export function exportText(rules: Rule[]): string {
  return rules.map((r) => (r.label ? `${fileValue(r)} # ${r.label}` : fileValue(r))).join('\n') + (rules.length ? '\n' : '');
}
