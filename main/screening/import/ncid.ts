// NCID blacklist/whitelist files (ncidd.blacklist, ncidd.whitelist): one entry per line, a word or a
// "quoted string", optionally followed by # and a comment. NCID matches an entry anywhere in the number or
// the name; we map that to our kinds: digits are a number, ^digits a prefix, anything else a caller name.
import type { Rule } from '../../../shared/domain.ts';
import type { ImportEntry, ListParser, ParsedFile } from './types.ts';

function ncidSegment(content: string, firstLine: number, emit: (entry: ImportEntry) => void): void {
  const lines = content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = firstLine + i;
    const m = /^(?:"([^"]*)"|(\S+))\s*(?:#\s*(.*))?$/.exec(line);
    const word = m ? (m[1] ?? m[2] ?? '') : line;
    const label = m?.[3]?.trim() ?? '';
    if (/^\^\+?[\d\s-]+$/.test(word)) emit({ line: at, value: `${word.slice(1)}*`, label });
    else if (/^\+?[\d\s-]+$/.test(word)) emit({ line: at, value: word, label });
    else if (/^[?*\d+]+$/.test(word)) emit({ line: at, value: word, label });
    else emit({ line: at, value: word, kind: 'name', label });
  }
}

export const ncidParser = (emit: (entry: ImportEntry) => void): ListParser => ({
  feed: (text, firstLine) => ncidSegment(text, firstLine, emit),
  end: () => ({ invalid: [] }),
});

export function parseNcid(content: string, emit: (entry: ImportEntry) => void): ParsedFile {
  ncidSegment(content.replace(/\r\n?/g, '\n'), 1, emit);
  return { invalid: [] };
}

export function exportNcid(rules: Rule[]): string {
  const lines = [
    '# Ringfence export in NCID blacklist format',
    ...rules.flatMap((r) => {
      const comment = r.label ? ` # ${r.label}` : '';
      if (r.kind === 'number' || r.kind === 'wildcard') return [`${r.value}${comment}`];
      if (r.kind === 'prefix') return [`^${r.value}${comment}`];
      if (r.kind === 'name') return [`"${r.value.replace(/"/g, '')}"${comment}`];
      return []; // presentations and regexes have no NCID form
    }),
  ];
  return lines.join('\n') + '\n';
}
