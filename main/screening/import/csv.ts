// CSV lists: number,label,category,action,expires (and kind, which our own exports add). A header row is
// recognised by its names, in English or Chinese, and may put the columns in any order; without one the
// columns are taken in that order. papaparse handles quoting. The number column is a phone field: without a
// kind column (or with an empty kind) its value is an exact number, never a pattern.
import Papa from 'papaparse';
import type { Rule } from '../../../shared/domain.ts';
import { csvCell } from '../../../shared/line-text.ts';
import { fileValue } from './types.ts';
import type { ImportEntry, ListParser, ParsedFile } from './types.ts';

type Column = 'value' | 'label' | 'category' | 'action' | 'expires' | 'kind';

const HEADER: Record<string, Column> = {
  number: 'value',
  phone: 'value',
  value: 'value',
  号码: 'value',
  电话: 'value',
  电话号码: 'value',
  label: 'label',
  name: 'label',
  标签: 'label',
  名称: 'label',
  姓名: 'label',
  category: 'category',
  类别: 'category',
  分类: 'category',
  action: 'action',
  操作: 'action',
  expires: 'expires',
  expiry: 'expires',
  expiresat: 'expires',
  到期: 'expires',
  到期时间: 'expires',
  kind: 'kind',
  type: 'kind',
  类型: 'kind',
};
const POSITIONAL: Column[] = ['value', 'label', 'category', 'action', 'expires', 'kind'];

const headerKey = (cell: string) =>
  cell
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');

/** A formula guard our own export adds (csvCell) is taken off again, so an export imports as itself. */
const unguard = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

export function csvParser(emit: (entry: ImportEntry) => void): ListParser {
  let columns: Column[] | null = null;
  return {
    feed(text, firstLine) {
      // Line numbers: papaparse reports where each row ends; count the line breaks as we go.
      let line = firstLine;
      let scanned = 0;
      const linesUpTo = (offset: number) => {
        for (let i = scanned; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
        scanned = Math.max(scanned, offset);
      };
      let previousEnd = 0;
      Papa.parse<string[]>(text, {
        skipEmptyLines: false,
        step: (row) => {
          // A row starts after the line break that ended the previous one.
          linesUpTo(previousEnd > 0 && text.charCodeAt(previousEnd) === 10 ? previousEnd + 1 : previousEnd);
          previousEnd = row.meta.cursor;
          const start = line;
          const cells = row.data;
          if (cells.length === 0 || cells.every((c) => c.trim() === '')) return;
          if (cells[0]?.trim().startsWith('#')) return;
          if (columns === null) {
            const named = cells.map((c) => HEADER[headerKey(c)]);
            if (named.some((c) => c === 'value')) {
              columns = named.map((c) => c ?? ('ignored' as Column));
              return;
            }
            columns = POSITIONAL;
          }
          const entry: ImportEntry = { line: start, value: '' };
          columns.forEach((col, i) => {
            const cell = unguard((cells[i] ?? '').trim());
            if (cell === '') return;
            if (col === 'value') entry.value = cell;
            else if (col === 'label') entry.label = cell;
            else if (col === 'category') entry.category = cell;
            else if (col === 'action') entry.action = cell;
            else if (col === 'expires') entry.expires = cell;
            else if (col === 'kind') entry.kind = cell.toLowerCase() as ImportEntry['kind'];
          });
          if (entry.kind === undefined) {
            entry.kind = 'number';
            entry.phoneField = true;
          }
          emit(entry);
        },
      });
    },
    end: () => ({ invalid: [] }),
  };
}

export function parseCsv(content: string, emit: (entry: ImportEntry) => void): ParsedFile {
  const parser = csvParser(emit);
  parser.feed(content.replace(/\r\n?/g, '\n'), 1);
  return parser.end();
}

export function exportCsv(rules: Rule[]): string {
  const rows = rules.map((r) => [fileValue(r), r.label, r.category ?? '', r.action, r.expiresAt ?? '', r.kind].map(csvCell));
  return [['number', 'label', 'category', 'action', 'expires', 'kind'], ...rows].map((row) => row.join(',')).join('\n') + '\n';
}
