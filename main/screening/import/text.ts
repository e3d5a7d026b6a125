// Plain text: one number (or prefix, pattern, withheld) per line. Blank lines and # comments are skipped;
// text after a # on an entry line becomes its label.
import type { Rule } from '../../../shared/domain.ts';
import { fileValue } from './types.ts';
import type { ParsedFile } from './types.ts';

export function parseText(content: string): ParsedFile {
  const entries: ParsedFile['entries'] = [];
  const lines = content.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const hash = line.indexOf('#');
    const value = (hash < 0 ? line : line.slice(0, hash)).trim();
    const label = hash < 0 ? '' : line.slice(hash + 1).trim();
    entries.push({ line: i + 1, value, label });
  }
  return { entries, invalid: [] };
}

export function exportText(rules: Rule[]): string {
  return rules.map((r) => (r.label ? `${fileValue(r)} # ${r.label}` : fileValue(r))).join('\n') + (rules.length ? '\n' : '');
}
