// One entry for every export format: take a snapshot, stream it into "<out>.part", rename when complete.
import type { DatabaseSync } from 'node:sqlite';
import type { Incident } from '../../../shared/domain.ts';
import { HistoryError } from '../errors.ts';
import type { Normalize } from '../query.ts';
import { writeCsv } from './csv.ts';
import { writeJson } from './json.ts';
import { writeReport } from './report-html.ts';
import { ExportSink } from './sink.ts';
import { openSnapshot } from './snapshot.ts';

export type ExportRequest = {
  format: 'csv' | 'json' | 'html';
  from?: string;
  to?: string;
  numbers?: string[];
  language: 'en' | 'zh';
  incidents: Incident[];
  line?: { label: string; number?: string };
};

export async function exportHistory(
  db: DatabaseSync,
  out: string,
  q: ExportRequest,
  context: { now: Date; normalize?: Normalize },
  onProgress?: (done: number, total: number) => void,
): Promise<{ rows: number; head: string | null }> {
  if (!['csv', 'json', 'html'].includes(q.format)) {
    throw new HistoryError('invalid-query', { en: `Unknown export format "${q.format}": use csv, json or html.`, zh: `未知的导出格式“${q.format}”：请使用 csv、json 或 html。` });
  }
  const filter = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.numbers?.length ? { numbers: q.numbers } : {}) };
  const snapshot = openSnapshot(db, filter, context.normalize);
  let sink: ExportSink | null = null;
  try {
    sink = new ExportSink(out);
    let rows: number;
    if (q.format === 'csv') rows = await writeCsv(snapshot, sink, onProgress);
    else if (q.format === 'json') rows = await writeJson(snapshot, sink, { exportedAt: context.now.toISOString(), ...filter }, onProgress);
    else {
      const fromMs = q.from ? Date.parse(q.from) : -Infinity;
      const toMs = q.to ? Date.parse(q.to) : Infinity;
      const incidents = q.incidents.filter((i) => Date.parse(i.startedAt) < toMs && (i.endedAt === null || Date.parse(i.endedAt) >= fromMs));
      rows = await writeReport(
        snapshot,
        sink,
        { language: q.language, ...filter, incidents, ...(q.line ? { line: q.line } : {}), generatedAt: isoLocal(context.now) },
        onProgress,
      );
    }
    await sink.finish();
    return { rows, head: snapshot.head };
  } catch (error) {
    sink?.abort();
    if (error instanceof HistoryError) throw error;
    const detail = (error as Error).message;
    throw new HistoryError(
      'export-failed',
      { en: `The export to ${out} failed: ${detail}. Nothing was left behind; check the disk and try again.`, zh: `导出到 ${out} 失败：${detail}。未留下不完整的文件；请检查磁盘后重试。` },
      { cause: error },
    );
  } finally {
    snapshot.close();
  }
}

/** The generation time as the local wall clock with its offset, like the call times beside it. */
function isoLocal(date: Date): string {
  const off = -date.getTimezoneOffset();
  const local = new Date(date.getTime() + off * 60_000).toISOString().slice(0, 19);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
