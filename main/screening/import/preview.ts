// An import in two steps. The preview parses and checks every line (new, duplicate, invalid with its line
// and why) and stages the result in a file of its own (staging.ts); the commit writes exactly that, all or
// nothing — or, when the person chose so, the good lines only. Both run in a worker thread (jobs.ts), so a
// 10-million-line list never holds up screening, and memory stays bounded: entries stream from the file
// through the parser into the staging file; only counts, a sample and the first invalid lines are kept.
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import type { ImportPreview } from '../../../shared/api.ts';
import { methods } from '../../../shared/api.ts';
import type { RuleList } from '../../../shared/domain.ts';
import { RuleError } from '../errors.ts';
import { appendJournal } from '../journal.ts';
import { checkList, checkRule } from '../rule-input.ts';
import type { RuleFields } from '../rule-input.ts';
import { csvParser } from './csv.ts';
import { detectFormat } from './detect.ts';
import { ncidParser } from './ncid.ts';
import { Segmenter } from './segments.ts';
import { openStaging, stagedInvalid } from './staging.ts';
import { textParser } from './text.ts';
import { importTexts } from './texts.ts';
import { ruleTexts } from '../texts.ts';
import type { FileFormat, ImportEntry, InvalidLine, ListParser } from './types.ts';
import { vcardParser } from './vcard.ts';
import { query } from '../../store/index.ts';

export type ImportLimits = {
  /** Entries (good, duplicate or invalid) one import may hold; more is refused, naming the number. */
  maxEntries: number;
  /** How long one entry (a line, a quoted CSV cell, a vCard) may run before the file is refused. */
  maxEntryBytes: number;
  /** Invalid lines the preview lists; all of them stay in the staging file. */
  invalidShown: number;
};

export const defaultLimits: ImportLimits = { maxEntries: 20_000_000, maxEntryBytes: 8 * 1024 * 1024, invalidShown: 1000 };

/** Where the list comes from: a list file as is, or an HTTP request body `{list, content, fileName, format}`. */
export type ImportSource = { path: string; shape: 'list' | 'request' };

export type PreviewJob = {
  source: ImportSource;
  list?: RuleList;
  fileName?: string;
  format?: 'auto' | FileFormat;
  homeCountry: string;
  nowMs: number;
  stagingPath: string;
  limits: ImportLimits;
};

export type PreviewOutcome = { list: RuleList; preview: Omit<ImportPreview, 'token'> };

const parsers: Record<FileFormat, (emit: (entry: ImportEntry) => void) => ListParser> = {
  csv: csvParser,
  text: textParser,
  vcard: vcardParser,
  ncid: ncidParser,
};

/** Yields the source's text in pieces of about a megabyte, and the request's fields for a request body. */
function openSource(job: PreviewJob): { head: string; list: RuleList; fileName?: string; format: 'auto' | FileFormat; chunks: () => Iterable<string> } {
  const step = 1 << 20;
  if (job.source.shape === 'request') {
    let body: unknown;
    try {
      body = JSON.parse(readFileSync(job.source.path, 'utf8'));
    } catch (error) {
      throw new RuleError('invalid-json', ruleTexts.requestNotJson((error as Error).message));
    }
    const parsed = methods.previewImport.input.safeParse(body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const detail = `${issue?.path.join('.') || '(input)'}: ${issue?.message ?? 'invalid'}`;
      throw new RuleError('invalid-input', ruleTexts.requestInvalid(detail));
    }
    const { list, content, fileName, format } = parsed.data;
    return {
      head: content.slice(0, 4096),
      list,
      ...(fileName ? { fileName } : {}),
      format,
      *chunks() {
        for (let i = 0; i < content.length; i += step) yield content.slice(i, i + step);
      },
    };
  }
  const fd = openSync(job.source.path, 'r');
  const buffer = Buffer.alloc(step);
  const first = readSync(fd, buffer, 0, step, null);
  const decoder = new TextDecoder('utf-8');
  const firstText = decoder.decode(buffer.subarray(0, first), { stream: true });
  return {
    head: firstText.slice(0, 4096),
    list: checkList(job.list),
    ...(job.fileName ? { fileName: job.fileName } : {}),
    format: job.format ?? 'auto',
    *chunks() {
      try {
        yield firstText;
        for (let n = readSync(fd, buffer, 0, step, null); n > 0; n = readSync(fd, buffer, 0, step, null))
          yield decoder.decode(buffer.subarray(0, n), { stream: true });
        yield decoder.decode();
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** Checks one entry the way a rule typed in the form is checked; a phone field must be an exact number. */
function checkEntry(e: ImportEntry, list: RuleList, homeCountry: string, now: Date): RuleFields | InvalidLine {
  try {
    return checkRule(
      {
        list,
        value: e.value,
        ...(e.kind ? { kind: e.kind } : {}),
        label: e.label ?? '',
        category: (e.category?.toLowerCase() ?? null) as never,
        ...(e.action ? { action: e.action.toLowerCase() as never } : {}),
        expiresAt: e.expires ?? null,
      },
      homeCountry,
      now,
    );
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    const reason = e.phoneField && /[*?]/.test(e.value) ? importTexts.exactOnly(e.value) : error.text;
    return { line: e.line, value: e.value, reason };
  }
}

/**
 * Parses, checks and stages a list. `live` is the database the rules are in (read for duplicates only).
 * Runs in the import worker; on the calling thread only where no worker can (tests, a bundle without it).
 */
export function runPreview(job: PreviewJob, live: DatabaseSync): PreviewOutcome {
  const source = openSource(job);
  const list = source.list;
  const format = source.format === 'auto' ? detectFormat(source.head, source.fileName) : source.format;
  const now = new Date(job.nowMs);
  const staging = openStaging(job.stagingPath);
  const exists = live.prepare('SELECT 1 AS x FROM screening_rules WHERE list = ? AND kind = ? AND value = ?');
  let entries = 0;
  let added = 0;
  let duplicates = 0;
  let patterns = 0;
  let invalidCount = 0;
  const invalid: InvalidLine[] = [];
  const sample: ImportPreview['sample'] = [];
  const keepInvalid = (bad: InvalidLine) => {
    invalidCount++;
    staging.invalid(bad);
    if (invalid.length < job.limits.invalidShown) invalid.push(bad);
  };
  // Each lookup outside a transaction takes and drops a read lock (most of its cost); one read transaction per
  // 10,000 entries keeps that cheap without pinning a snapshot of the live database for the whole preview.
  let reading = false;
  const read = (on: boolean) => {
    if (on !== reading) live.exec(on ? 'BEGIN' : 'COMMIT');
    reading = on;
  };
  const check = (e: ImportEntry) => {
    if (++entries > job.limits.maxEntries) throw new RuleError('import-too-many', importTexts.tooManyEntries(job.limits.maxEntries));
    if (entries % 10_000 === 0) read(false);
    read(true);
    const checked = checkEntry(e, list, job.homeCountry, now);
    if (!('kind' in checked)) return keepInvalid(checked);
    if (exists.get(list, checked.kind, checked.value) !== undefined || !staging.rule(checked)) {
      duplicates++;
      return;
    }
    added++;
    if (checked.kind !== 'number') patterns++;
    if (sample.length < 20) sample.push({ value: checked.value, label: checked.label, kind: checked.kind });
  };
  try {
    const parser = parsers[format](check);
    const segmenter = new Segmenter(format, job.limits.maxEntryBytes);
    for (const chunk of source.chunks()) for (const s of segmenter.push(chunk)) parser.feed(s.text, s.firstLine);
    for (const s of segmenter.end()) parser.feed(s.text, s.firstLine);
    for (const bad of parser.end().invalid) keepInvalid(bad);
    staging.finish({ list, invalid: invalidCount });
  } finally {
    read(false);
    staging.close();
  }
  invalid.sort((a, b) => a.line - b.line);
  return { list, preview: { format, added, duplicates, invalid, invalidCount, patterns, sample } };
}

export type CommitJob = { stagingPath: string; list: RuleList; skipInvalid: boolean; nowIso: string };

/** Imports at least this large are journalled as one 'reload' instead of one entry per rule. */
const BULK = 1000;

/** Writes a staged import into `live` in one transaction: all of it, or (skipInvalid) its good lines. */
export function runCommit(job: CommitJob, live: DatabaseSync): { imported: number; skipped: number } {
  const bad = stagedInvalid(job.stagingPath);
  if (bad.count > 0 && !job.skipInvalid) throw new RuleError('import-invalid', importTexts.someInvalid(bad.count, bad.first!), bad.first!.line);
  const quoted = job.stagingPath.replace(/'/g, "''");
  live.exec(`ATTACH DATABASE '${quoted}' AS staging`);
  try {
    live.exec('BEGIN IMMEDIATE');
    try {
      const total = query<{ n: number }>(live, 'SELECT count(*) AS n FROM staging.rules').one().n;
      const columns = 'list, kind, value, num, label, category, action, note, schedule, expires_at, expires_ms, created_at, updated_at';
      let imported = 0;
      if (total >= BULK) {
        imported = Number(
          live
            .prepare(
              `INSERT OR IGNORE INTO screening_rules (${columns}) SELECT ?, kind, value, num, label, category, action, note, schedule, expires_at, expires_ms, ?, ? FROM staging.rules ORDER BY seq`,
            )
            .run(job.list, job.nowIso, job.nowIso).changes,
        );
        appendJournal(live, job.list, null, 'reload');
      } else {
        const insert = live.prepare(`INSERT OR IGNORE INTO screening_rules (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
        const rows = query<StagedRow>(live, 'SELECT * FROM staging.rules ORDER BY seq').all();
        for (const r of rows) {
          const result = insert.run(
            job.list,
            r.kind,
            r.value,
            r.num,
            r.label,
            r.category,
            r.action,
            r.note,
            r.schedule,
            r.expires_at,
            r.expires_ms,
            job.nowIso,
            job.nowIso,
          );
          if (result.changes > 0) {
            imported++;
            appendJournal(live, job.list, Number(result.lastInsertRowid), 'put', { kind: r.kind, value: r.value });
          }
        }
      }
      live.exec('COMMIT');
      return { imported, skipped: job.skipInvalid ? bad.count : 0 };
    } catch (error) {
      live.exec('ROLLBACK');
      throw error;
    }
  } finally {
    live.exec('DETACH DATABASE staging');
  }
}

type StagedRow = Omit<RuleFields, 'list' | 'schedule' | 'expiresAt' | 'expiresMs'> & {
  schedule: string | null;
  expires_at: string | null;
  expires_ms: number | null;
};
