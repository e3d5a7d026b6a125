// The evidence pack: one folder a person can hand over — the report (HTML, and a print-ready A4 PDF when a
// printer is given), the covered calls as CSV and JSON, the chain segment that proves them (chain.jsonl), the
// checkpoints, a plain-text "how to verify" and verify.mjs, which checks it all with Node alone. Written into
// "<out>.part" and renamed when complete; an existing folder is never overwritten.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { callContent, eventContent, digestOf, genesisHash, smsContent } from '../canonical.ts';
import { entrySql } from '../chain-state.ts';
import { callColumns, col, decisionsOf, type Row } from '../columns.ts';
import { HistoryError } from '../errors.ts';
import { eventFields, smsFields } from '../fields.ts';
import { listSms } from '../sms.ts';
import type { Checkpoint } from '../checkpoints.ts';
import { writeCsv } from './csv.ts';
import { writeJson } from './json.ts';
import { verifyScript } from './pack-verify-script.ts';
import { writeReport, type ReportOptions } from './report-html.ts';
import { ExportSink } from './sink.ts';
import type { Snapshot } from './snapshot.ts';
import { exportTexts, howToVerifyText, type PackFacts } from './texts.ts';
import { checkTarget, query, tempBeside, tupleQuery, type Tuple } from '../../store/index.ts';

export type PackOptions = ReportOptions & {
  exportedAt: string;
  checkpoints: readonly Checkpoint[];
  /** Prints report.html to an A4 PDF (the desktop app: Electron's printToPDF); without it the pack has no PDF. */
  printPdf?: (htmlPath: string, pdfPath: string) => Promise<void>;
  /** Data folders whose database files the pack's folder may never be (store/safe-write.ts). */
  dataDirs?: readonly string[];
};

export type PackResult = { rows: number; files: string[]; pdf: boolean };

const smsMsAt = smsFields.findIndex((f) => f.key === 'receivedMs');

/**
 * The chain from the first covered call to the head: covered calls, events and the SMS received in the
 * export's time range in full; other callers' calls and other SMS as digests.
 */
async function writeChainSegment(
  snapshot: Snapshot,
  sink: ExportSink,
  covered: (id: number) => boolean,
  smsCovered: (receivedMs: number) => boolean,
): Promise<{ fromId: number }> {
  const db: DatabaseSync = snapshot.db;
  const lo = query<{ id: number | null }>(db, `SELECT MIN(c.id) AS id FROM history_calls c ${snapshot.where.sql}`).one(...snapshot.where.params);
  const cut = query<{ lastId: number; lastHash: string }>(
    db,
    'SELECT last_id AS lastId, lower(hex(last_hash)) AS lastHash FROM history_cuts ORDER BY last_id DESC LIMIT 1',
  ).get();
  const start = (cut?.lastId ?? 0) + 1;
  const fromId = Math.max(start, lo.id ?? snapshot.lastId + 1);
  const before = query<{ h: string }>(db, entrySql('lower(hex(hash)) AS h')).get(fromId - 1);
  const startHash = fromId === start ? (cut?.lastHash ?? genesisHash) : (before?.h ?? genesisHash);
  await sink.write(`${JSON.stringify({ format: 'ringfence-chain-segment', version: 1, fromId, toId: snapshot.lastId, startHash, head: snapshot.head })}\n`);
  const decisions = decisionsOf(db);
  const calls = tupleQuery<Row>(db, `SELECT ${callColumns} FROM history_calls c WHERE c.id >= ? AND c.id <= ? ORDER BY c.id LIMIT 5000`);
  const eventsStatement = tupleQuery(db, `SELECT ${eventFields.map((f) => f.column).join(', ')} FROM history_events WHERE id >= ? AND id <= ? ORDER BY id`);
  const events = new Map(eventsStatement.all(fromId, snapshot.lastId).map((e) => [Number(e[0]), e]));
  const smsStatement = tupleQuery(db, `SELECT ${smsFields.map((f) => f.column).join(', ')} FROM history_sms WHERE id >= ? AND id <= ? ORDER BY id LIMIT 5000`);
  let smsPage: Tuple[] = [];
  let smsAt = 0;
  let smsDone = false;
  // The SMS entry with this id, if it is the next one stored (ids are asked for in increasing order).
  const smsEntry = (id: number): Tuple | null => {
    while (smsAt < smsPage.length && Number(smsPage[smsAt]![0]) < id) smsAt++;
    if (smsAt >= smsPage.length && !smsDone) {
      smsPage = smsStatement.all(id, snapshot.lastId);
      smsAt = 0;
      smsDone = smsPage.length < 5000;
    }
    return smsPage[smsAt] && Number(smsPage[smsAt]![0]) === id ? smsPage[smsAt++]! : null;
  };
  let next = fromId;
  const flushEvents = async (until: number) => {
    for (; next < until; next++) {
      const e = events.get(next);
      const m = e ? null : smsEntry(next);
      if (!e && !m) return;
      let line: unknown;
      if (e) line = { id: next, content: JSON.parse(eventContent(Number(e[1]), e as never)) };
      else {
        const content = smsContent(Number(m![1]), m as never);
        line = smsCovered(Number(m![smsMsAt])) ? { id: next, content: JSON.parse(content) as unknown[] } : { id: next, digest: digestOf(content) };
      }
      const pending = sink.write(`${JSON.stringify(line)}\n`);
      if (pending) await pending;
    }
  };
  for (;;) {
    const rows = calls.all(next, snapshot.lastId);
    if (rows.length === 0) break;
    for (const r of rows) {
      const id = Number(r[col.id]);
      await flushEvents(id);
      const words = decisions(Number(r[col.decisionId]));
      if (!words) throw new Error(`the decision of record ${id} is missing: run "ringfence verify"`);
      const content = callContent(Number(r[col.chainVersion]), r, words);
      const line = covered(id) ? { id, content: JSON.parse(content) as unknown[] } : { id, digest: digestOf(content) };
      const pending = sink.write(`${JSON.stringify(line)}\n`);
      if (pending) await pending;
      next = id + 1;
    }
  }
  await flushEvents(snapshot.lastId + 1);
  return { fromId };
}

/** HOW-TO-VERIFY.txt: English, then Chinese (texts.ts). */
function howToVerify(o: PackFacts): string {
  return `${howToVerifyText.en(o)}
————————————————————————————————————————————
${howToVerifyText.zh(o)}`;
}

/** Writes the pack into `out` (a folder that must not exist yet). */
export async function writePack(snapshot: Snapshot, out: string, opts: PackOptions, onProgress?: (done: number, total: number) => void): Promise<PackResult> {
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new HistoryError('invalid-query', exportTexts.packNotEmpty(out));
  }
  if (!existsSync(dirname(out))) {
    throw new HistoryError('invalid-query', exportTexts.packFolderMissing(out, dirname(out)));
  }
  // The same rules as every file we write: never a database file's name; a unique temporary folder beside
  // it (two packs started at once never share one), renamed into place when complete.
  const target = checkTarget(out, { force: true, dataDirs: [...(opts.dataDirs ?? [])] });
  const part = tempBeside(target);
  mkdirSync(part);
  const files: string[] = [];
  const write = async (name: string, work: (sink: ExportSink) => Promise<unknown>) => {
    const sink = new ExportSink(join(part, name));
    try {
      await work(sink);
      await sink.finish();
      files.push(name);
    } catch (error) {
      sink.abort();
      throw error;
    }
  };
  try {
    let rows = 0;
    const filter = {
      ...(opts.from ? { from: opts.from } : {}),
      ...(opts.to ? { to: opts.to } : {}),
      ...(opts.numbers?.length ? { numbers: opts.numbers } : {}),
    };
    await write('report.html', async (sink) => {
      rows = await writeReport(snapshot, sink, opts, onProgress);
    });
    await write('calls.csv', (sink) => writeCsv(snapshot, sink));
    await write('calls.json', (sink) => writeJson(snapshot, sink, { exportedAt: opts.exportedAt, ...filter }));
    if (opts.messages) {
      // The period's messages, joined and flagged as the report reads them; chain.jsonl proves each part.
      const fromMs = opts.from ? Date.parse(opts.from) : undefined;
      const toMs = opts.to ? Date.parse(opts.to) : undefined;
      const parts = listSms(snapshot.db, { ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}), order: 'oldest' }).filter(
        (s) => s.id <= snapshot.lastId,
      );
      const messages = opts.numbers?.length ? [] : opts.messages(parts);
      // Only a pack whose period has messages carries the file.
      if (messages.length > 0) {
        writeFileSync(
          join(part, 'messages.json'),
          `${JSON.stringify({ format: 'ringfence-messages', version: 1, exportedAt: opts.exportedAt, head: snapshot.head, count: messages.length, messages }, null, 2)}\n`,
        );
        files.push('messages.json');
      }
    }
    const coveredIds = new Set<number>();
    for (const r of snapshot.rows()) coveredIds.add(Number(r[col.id]));
    let fromId = snapshot.lastId + 1;
    await write('chain.jsonl', async (sink) => {
      const fromMs = opts.from ? Date.parse(opts.from) : -Infinity;
      const toMs = opts.to ? Date.parse(opts.to) : Infinity;
      // A pack about some numbers carries no one else's messages in full.
      const smsCovered = (ms: number) => !opts.numbers?.length && ms >= fromMs && ms <= toMs;
      ({ fromId } = await writeChainSegment(snapshot, sink, (id) => coveredIds.has(id), smsCovered));
    });
    const own = snapshot.head === null ? [] : [{ source: 'this pack', at: opts.exportedAt, lastId: snapshot.lastId, head: snapshot.head }];
    writeFileSync(
      join(part, 'checkpoints.json'),
      `${JSON.stringify({ format: 'ringfence-checkpoints', version: 1, checkpoints: [...opts.checkpoints, ...own] }, null, 2)}\n`,
    );
    files.push('checkpoints.json');
    writeFileSync(join(part, 'verify.mjs'), verifyScript);
    files.push('verify.mjs');
    let pdf = false;
    if (opts.printPdf) {
      await opts.printPdf(join(part, 'report.html'), join(part, 'report.pdf'));
      pdf = existsSync(join(part, 'report.pdf'));
      if (pdf) files.push('report.pdf');
    }
    writeFileSync(join(part, 'HOW-TO-VERIFY.txt'), howToVerify({ head: snapshot.head, lastId: snapshot.lastId, fromId, rows, pdf }));
    files.push('HOW-TO-VERIFY.txt');
    if (existsSync(target)) rmSync(target, { recursive: true }); // empty, checked above
    renameSync(part, target);
    return { rows, files, pdf };
  } catch (error) {
    rmSync(part, { recursive: true, force: true });
    if (error instanceof HistoryError) throw error;
    throw error;
  }
}
