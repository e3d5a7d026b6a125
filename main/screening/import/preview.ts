// An import in two steps: the preview parses and checks every line (new, duplicate, invalid with its line
// and why) and holds the result under a token; the commit writes exactly that, all or nothing.
import type { ImportPreview } from '../../../shared/api.ts';
import type { RuleList } from '../../../shared/domain.ts';
import { RuleError } from '../errors.ts';
import { checkRule } from '../rule-input.ts';
import type { RuleFields } from '../rule-input.ts';
import { parseCsv } from './csv.ts';
import { detectFormat } from './detect.ts';
import { parseNcid } from './ncid.ts';
import { parseText } from './text.ts';
import type { FileFormat, ImportEntry, InvalidLine, ParsedFile } from './types.ts';
import { parseVcard } from './vcard.ts';

export type PendingImport = { list: RuleList; rules: RuleFields[]; invalid: InvalidLine[]; createdAt: number };

const parsers: Record<FileFormat, (content: string, emit: (entry: ImportEntry) => void) => ParsedFile> = { csv: parseCsv, text: parseText, vcard: parseVcard, ncid: parseNcid };

export function buildPreview(
  q: { list: RuleList; content: string; fileName?: string; format?: 'auto' | FileFormat },
  ctx: { homeCountry: string; now: Date; exists: (kind: string, value: string) => boolean },
): { format: FileFormat; pending: PendingImport; preview: Omit<ImportPreview, 'token'> } {
  const format = !q.format || q.format === 'auto' ? detectFormat(q.content, q.fileName) : q.format;
  const rules: RuleFields[] = [];
  const invalid: InvalidLine[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  const check = (e: ImportEntry) => {
    try {
      const fields = checkRule(
        {
          list: q.list,
          value: e.value,
          ...(e.kind ? { kind: e.kind } : {}),
          label: e.label ?? '',
          category: (e.category?.toLowerCase() ?? null) as never,
          ...(e.action ? { action: e.action.toLowerCase() as never } : {}),
          expiresAt: e.expires ?? null,
        },
        ctx.homeCountry,
        ctx.now,
      );
      const key = `${fields.kind}\t${fields.value}`;
      if (seen.has(key) || ctx.exists(fields.kind, fields.value)) {
        duplicates++;
        return;
      }
      seen.add(key);
      rules.push(fields);
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      invalid.push({ line: e.line, value: e.value, reason: error.text });
    }
  };
  const parsed = parsers[format](q.content.replace(/^\uFEFF/, ''), check);
  invalid.push(...parsed.invalid);
  invalid.sort((a, b) => a.line - b.line);
  return {
    format,
    pending: { list: q.list, rules, invalid, createdAt: ctx.now.getTime() },
    preview: {
      format,
      added: rules.length,
      duplicates,
      invalid,
      sample: rules.slice(0, 20).map((r) => ({ value: r.value, label: r.label })),
    },
  };
}
