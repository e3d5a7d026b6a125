// The fake service's history export: reports progress as events while it "writes", then returns a URL
// the browser downloads from (the headless server's way; the desktop app returns a path instead).
import Papa from 'papaparse';
import type { ApiEvent } from '../../../shared/api.ts';
import type { CallRecord } from '../../../shared/domain.ts';
import type { Handlers } from '../../../main/service/api-host.ts';

export type ExportFile = { fileName: string; type: string; content: string };

export function exportHandlers(deps: {
  calls: () => CallRecord[];
  emit: (e: ApiEvent) => void;
  stepMs: number;
}): Pick<Handlers, 'exportHistory'> & { files: Map<string, ExportFile> } {
  const files = new Map<string, ExportFile>();
  let seq = 0;
  return {
    files,
    exportHistory: async ({ format, from, to, numbers, language }) => {
      const jobId = `job-${++seq}`;
      const chosen = deps
        .calls()
        .filter((c) => (!from || new Date(c.startedAt) >= new Date(from)) && (!to || new Date(c.startedAt) <= new Date(to)))
        .filter((c) => numbers.length === 0 || (c.number !== null && numbers.includes(c.number)));
      const steps = 5;
      for (let i = 1; i <= steps; i++) {
        await new Promise((r) => setTimeout(r, deps.stepMs));
        deps.emit({ type: 'export-progress', jobId, done: Math.round((chosen.length * i) / steps), total: chosen.length });
      }
      const fileName = `ringfence-calls.${format}`;
      const content =
        format === 'csv'
          ? Papa.unparse(
              chosen.map((c) => ({
                id: c.id,
                startedAt: c.startedAt,
                number: c.number ?? '',
                presentation: c.presentation,
                action: c.decision.action,
                reason: c.decision.reason,
                hash: c.hash,
              })),
            )
          : format === 'json'
            ? JSON.stringify(chosen, null, 2)
            : evidenceReport(chosen, language);
      files.set(jobId, { fileName, type: format === 'csv' ? 'text/csv' : format === 'json' ? 'application/json' : 'text/html; charset=utf-8', content });
      return { jobId, fileName, rows: chosen.length, path: null, url: `/api/exports/${jobId}` };
    },
  };
}

function evidenceReport(calls: CallRecord[], language: 'en' | 'zh'): string {
  const title = language === 'zh' ? 'Ringfence 来电证据报告' : 'Ringfence call evidence report';
  const rows = calls.map((c) => `<tr><td>${c.startedAt}</td><td>${c.number ?? c.presentation}</td><td>${c.decision.text[language]}</td></tr>`).join('');
  return `<!doctype html><html lang="${language}"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${calls.length}</p><table>${rows}</table></html>`;
}
