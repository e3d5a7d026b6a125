// One entry for every export format: take a snapshot, stream it into "<out>.part", rename when complete.
import type { DatabaseSync } from 'node:sqlite';
import type { Message, SmsRecord } from '../../../shared/domain.ts';
import type { Checkpoint } from '../checkpoints.ts';
import { HistoryError } from '../errors.ts';
import type { Normalize } from '../query.ts';
import { writeCsv } from './csv.ts';
import type { IncidentSpan } from './incidents.ts';
import { writeJson } from './json.ts';
import { writePack } from './pack.ts';
import { writeReport } from './report-html.ts';
import { ExportSink } from './sink.ts';
import { openSnapshot } from './snapshot.ts';
import { exportTexts } from './texts.ts';
import type { Language } from '../../../shared/domain.ts';
import { DomainError } from '../../../shared/errors.ts';
import { toOffsetIso } from '../../../shared/datetime.ts';

export type ExportRequest = {
  /** `pack`: `out` is a folder (evidence pack: report, CSV, JSON, chain segment, checkpoints, verify.mjs). */
  format: 'csv' | 'json' | 'html' | 'pack';
  from?: string;
  to?: string;
  numbers?: string[];
  language: Language;
  /**
   * The user's home country (settings.homeCountry): the evidence report writes numbers as the app does
   * (shared/phone.ts formatNumber: national at home, international otherwise); without it, every number that
   * carries its country code is written in the international form. The CSV and JSON are the record as stored
   * and hashed, and do not change with it.
   */
  homeCountry?: string;
  /** The flood incidents (the chain's: history.incidents()). */
  incidents: readonly IncidentSpan[];
  line?: { label: string; number?: string };
  /** The user's own numbers: named as the harassed line, never reported. */
  ownNumbers?: string[];
  /** Numbers the user leaves out of incidents and complaints. */
  exclude?: string[];
  /** The shield's window in minutes (settings.screening.shield.windowMinutes). */
  windowMinutes?: number;
  /** Checkpoints to put in a pack. */
  checkpoints?: readonly Checkpoint[];
  /** Joins recorded SMS parts into whole messages with their keyword flags (the report counts and quotes them). */
  messages?: (parts: readonly SmsRecord[]) => Message[];
  /** Prints a pack's report.html to A4 PDF. */
  printPdf?: (htmlPath: string, pdfPath: string) => Promise<void>;
  /** Replace an existing file (never a database file; a pack never replaces a folder that holds anything). */
  force?: boolean;
  /** Data folders whose database files an export may never write. */
  dataDirs?: string[];
};

export async function exportHistory(
  db: DatabaseSync,
  out: string,
  q: ExportRequest,
  context: { now: Date; normalize?: Normalize },
  onProgress?: (done: number, total: number) => void,
): Promise<{ rows: number; head: string | null; lastId: number; files?: string[] }> {
  if (!['csv', 'json', 'html', 'pack'].includes(q.format)) {
    throw new HistoryError('invalid-query', exportTexts.unknownFormat(q.format));
  }
  const filter = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.numbers?.length ? { numbers: q.numbers } : {}) };
  const snapshot = openSnapshot(db, filter, context.normalize);
  const fromMs = q.from ? Date.parse(q.from) : -Infinity;
  const toMs = q.to ? Date.parse(q.to) : Infinity;
  const incidents = q.incidents.filter((i) => Date.parse(i.startedAt) < toMs && (i.endedAt === null || Date.parse(i.endedAt) >= fromMs));
  const reportOptions = {
    language: q.language,
    ...(q.homeCountry ? { homeCountry: q.homeCountry } : {}),
    ...filter,
    incidents,
    ...(q.line ? { line: q.line } : {}),
    ...(q.ownNumbers ? { ownNumbers: q.ownNumbers } : {}),
    ...(q.exclude ? { exclude: q.exclude } : {}),
    ...(q.windowMinutes ? { windowMinutes: q.windowMinutes } : {}),
    ...(q.messages ? { messages: q.messages } : {}),
    generatedAt: toOffsetIso(context.now),
  };
  if (q.format === 'pack') {
    try {
      const r = await writePack(
        snapshot,
        out,
        {
          ...reportOptions,
          exportedAt: context.now.toISOString(),
          checkpoints: q.checkpoints ?? [],
          dataDirs: q.dataDirs ?? [],
          ...(q.printPdf ? { printPdf: q.printPdf } : {}),
        },
        onProgress,
      );
      return { rows: r.rows, head: snapshot.head, lastId: snapshot.lastId, files: r.files };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      const detail = (error as Error).message;
      throw new HistoryError('export-failed', exportTexts.packFailed(out, detail), { cause: error });
    } finally {
      snapshot.close();
    }
  }
  let sink: ExportSink | null = null;
  try {
    sink = new ExportSink(out, { force: q.force ?? false, dataDirs: q.dataDirs ?? [] });
    let rows: number;
    if (q.format === 'csv') rows = await writeCsv(snapshot, sink, onProgress);
    else if (q.format === 'json') rows = await writeJson(snapshot, sink, { exportedAt: context.now.toISOString(), ...filter }, onProgress);
    else rows = await writeReport(snapshot, sink, reportOptions, onProgress);
    await sink.finish();
    return { rows, head: snapshot.head, lastId: snapshot.lastId };
  } catch (error) {
    sink?.abort();
    if (error instanceof DomainError) throw error;
    const detail = (error as Error).message;
    throw new HistoryError('export-failed', exportTexts.exportFailed(out, detail), { cause: error });
  } finally {
    snapshot.close();
  }
}
