// The fake service's list import: a preview that reads every line (papaparse, as the real one would)
// and changes nothing, and a commit that adds what the preview promised.
import Papa from 'papaparse';
import type { ApiEvent, ImportPreview } from '../../../shared/api.ts';
import type { Rule, RuleList } from '../../../shared/domain.ts';
import { ApiFailure, type Handlers } from '../../../main/service/api-host.ts';

type Pending = { list: RuleList; values: { value: string; label: string }[]; invalid: number };

export function importHandlers(deps: {
  rules: Rule[];
  addRule: (input: Parameters<Handlers['addRule']>[0]) => void;
  emit: (e: ApiEvent) => void;
}): Pick<Handlers, 'previewImport' | 'commitImport' | 'exportRules'> {
  const pending = new Map<string, Pending>();
  let seq = 0;
  return {
    previewImport: ({ list, content, format }) => {
      const rows = Papa.parse<string[]>(content.replace(/\r\n/g, '\n'), { skipEmptyLines: false }).data;
      const invalid: ImportPreview['invalid'] = [];
      const fresh: Pending['values'] = [];
      let duplicates = 0;
      rows.forEach((row, i) => {
        const value = (row[0] ?? '').trim();
        if (!value) return;
        const label = (row[1] ?? '').trim();
        const cleaned = value.replace(/[\s-]/g, '');
        if (!/^\+?\d{3,15}\*?$/.test(cleaned)) {
          invalid.push({ line: i + 1, value, reason: { en: 'This is not a phone number or prefix.', zh: '这不是电话号码或号段。' } });
          return;
        }
        if (deps.rules.some((r) => r.list === list && r.value === cleaned) || fresh.some((f) => f.value === cleaned)) duplicates++;
        else fresh.push({ value: cleaned, label });
      });
      const token = `import-${++seq}`;
      pending.set(token, { list, values: fresh, invalid: invalid.length });
      return {
        token,
        format: format === 'auto' ? 'csv' : format,
        added: fresh.length,
        duplicates,
        invalid,
        invalidCount: invalid.length,
        patterns: fresh.filter((f) => f.value.endsWith('*')).length,
        sample: fresh.slice(0, 5),
      };
    },
    commitImport: ({ token, skipInvalid }) => {
      const job = pending.get(token);
      if (!job)
        throw new ApiFailure(
          'not-found',
          { en: 'This import preview has expired; check the list again.', zh: '此导入预览已过期，请重新检查名单。' },
          { status: 404 },
        );
      if (job.invalid > 0 && !skipInvalid)
        throw new ApiFailure('import-invalid', {
          en: `Nothing was imported: ${job.invalid} line(s) are invalid.`,
          zh: `未导入任何内容：${job.invalid} 行无效。`,
        });
      pending.delete(token);
      for (const v of job.values)
        deps.addRule({
          list: job.list,
          value: v.value,
          kind: v.value.endsWith('*') ? 'prefix' : 'number',
          label: v.label,
          category: null,
          note: '',
          schedule: null,
          expiresAt: null,
        });
      deps.emit({ type: 'rules-changed', list: job.list });
      return { imported: job.values.length, skipped: skipInvalid ? job.invalid : 0 };
    },
    exportRules: ({ list, format }) => {
      const rows = deps.rules.filter((r) => r.list === list);
      const content = format === 'csv' ? Papa.unparse(rows.map((r) => ({ value: r.value, label: r.label }))) : rows.map((r) => r.value).join('\n');
      return { fileName: `ringfence-${list}.${format === 'csv' ? 'csv' : 'txt'}`, content };
    },
  };
}
