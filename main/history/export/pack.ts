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
import { HistoryError, invalid } from '../errors.ts';
import { eventFields, smsFields } from '../fields.ts';
import { listSms } from '../sms.ts';
import type { Checkpoint } from '../checkpoints.ts';
import { writeCsv } from './csv.ts';
import { writeJson } from './json.ts';
import { verifyScript } from './pack-verify-script.ts';
import { writeReport, type ReportOptions } from './report-html.ts';
import { ExportSink } from './sink.ts';
import type { Snapshot } from './snapshot.ts';
import { checkTarget, tempBeside } from '../../store/index.ts';

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
  const lo = db.prepare(`SELECT MIN(c.id) AS id FROM history_calls c ${snapshot.where.sql}`).get(...snapshot.where.params) as { id: number | null };
  const cut = db.prepare('SELECT last_id AS lastId, lower(hex(last_hash)) AS lastHash FROM history_cuts ORDER BY last_id DESC LIMIT 1').get() as
    | { lastId: number; lastHash: string }
    | undefined;
  const start = (cut?.lastId ?? 0) + 1;
  const fromId = Math.max(start, lo.id ?? snapshot.lastId + 1);
  const before = db.prepare(entrySql('lower(hex(hash)) AS h')).get(fromId - 1) as
    | { h: string }
    | undefined;
  const startHash = fromId === start ? (cut?.lastHash ?? genesisHash) : (before?.h ?? genesisHash);
  await sink.write(`${JSON.stringify({ format: 'ringfence-chain-segment', version: 1, fromId, toId: snapshot.lastId, startHash, head: snapshot.head })}\n`);
  const decisions = decisionsOf(db);
  const calls = db.prepare(`SELECT ${callColumns} FROM history_calls c WHERE c.id >= ? AND c.id <= ? ORDER BY c.id LIMIT 5000`);
  calls.setReturnArrays(true);
  const eventsStatement = db.prepare(`SELECT ${eventFields.map((f) => f.column).join(', ')} FROM history_events WHERE id >= ? AND id <= ? ORDER BY id`);
  eventsStatement.setReturnArrays(true);
  const events = new Map((eventsStatement.all(fromId, snapshot.lastId) as unknown as unknown[][]).map((e) => [Number(e[0]), e]));
  const smsStatement = db.prepare(`SELECT ${smsFields.map((f) => f.column).join(', ')} FROM history_sms WHERE id >= ? AND id <= ? ORDER BY id LIMIT 5000`);
  smsStatement.setReturnArrays(true);
  let smsPage: unknown[][] = [];
  let smsAt = 0;
  let smsDone = false;
  // The SMS entry with this id, if it is the next one stored (ids are asked for in increasing order).
  const smsEntry = (id: number): unknown[] | null => {
    while (smsAt < smsPage.length && Number(smsPage[smsAt]![0]) < id) smsAt++;
    if (smsAt >= smsPage.length && !smsDone) {
      smsPage = smsStatement.all(id, snapshot.lastId) as unknown as unknown[][];
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
    const rows = calls.all(next, snapshot.lastId) as unknown as Row[];
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

function howToVerify(o: { head: string | null; lastId: number; fromId: number; rows: number; pdf: boolean }): string {
  return `RINGFENCE EVIDENCE PACK — HOW TO VERIFY
==========================================

What is here
  report.html         the evidence report (open in any browser; prints to A4)
${o.pdf ? '  report.pdf          the same report, printed to A4\n' : ''}  calls.csv           every call the report covers (${o.rows}), one row each (Excel-ready, UTF-8)
  calls.json          the same calls with every stored field
  messages.json       the text messages (SMS) of the period, joined and flagged (when the pack has them)
  chain.jsonl         the hash chain from record ${o.fromId} to the head: covered calls, events and SMS in full,
                      other callers' calls (and SMS outside the period) only as the SHA-256 digest of
                      their content (their privacy)
  checkpoints.json    the chain head as written down outside the database at other times
  verify.mjs          checks all of the above with Node.js alone
  HOW-TO-VERIFY.txt   this file

Chain head: ${o.head ?? 'none'} (record ${o.lastId})

Check it (needs only Node.js, https://nodejs.org):
  node verify.mjs
It recomputes every hash, checks that the chain ends at the head above, that the checkpoints it reaches match,
and that every call in calls.json is the call the chain holds. "the pack holds" and exit code 0 mean it does.

How the chain is built (any SHA-256 tool can redo it):
  content  = the JSON array on each line of chain.jsonl (for a call: "ringfence-call/2", id, chain_version,
             call_key, line_id, simulated, started_at, started_ms, local_day, time_zone, t_first_ring,
             t_caller_id, t_decision, t_hangup_sent, t_hangup_confirmed, t_end, number, normalized,
             presentation, name, rings, one_ring, action, reason, rule_id, rule_label, text_en, text_zh,
             outcome, hangup_latency_ms, raw — and for "ringfence-call/3" then presented_number,
             controls_replaced: what the line presented when it was no usable number, and how many control
             characters were replaced; for an event: "ringfence-event/1", id, chain_version, kind, at,
             recorded_at, body; for an SMS: "ringfence-sms/1", id, chain_version, line_id, simulated,
             direction, received_at, received_ms, time_zone, network_time, party, party_kind, normalized,
             text, encoding, concat_reference, concat_bits, concat_total, concat_sequence, pdu, source,
             label, rule_id, rule_label, problems, incident_id, reference, status), serialised with
             JSON.stringify (no spaces)
  digest_n = hex(SHA-256(content_n))   (given directly for calls this pack does not cover)
  hash_n   = hex(SHA-256(hash_{n-1} + "\\n" + digest_n)), starting from the startHash in chain.jsonl's first line

Against the original data (on the computer that recorded the calls):
  ringfence verify --data-dir <data folder> --head ${o.head ?? ''}
checks the whole database, its statistics and incidents, and every checkpoint it can find.

————————————————————————————————————————————
RINGFENCE 证据包 — 校验方法

本文件夹包含：证据报告（report.html${o.pdf ? '、report.pdf' : ''}）、本报告涉及的全部来电（calls.csv、calls.json）、
从第 ${o.fromId} 条记录到链头的哈希链（chain.jsonl；未涉及的来电只给出内容摘要，保护他人隐私）、
数据库之外的校验点（checkpoints.json）以及校验脚本 verify.mjs。

哈希链头：${o.head ?? '无'}（第 ${o.lastId} 条记录）

校验：安装 Node.js 后在本文件夹运行
  node verify.mjs
输出 “the pack holds” 且退出码为 0，即表示哈希链完整、与链头一致、校验点相符，calls.json 中的每条来电都与哈希链一致。
计算方法：digest = SHA-256(每行的 JSON 数组)，hash = SHA-256(上一条 hash + 换行 + digest)。
在记录来电的电脑上还可运行：ringfence verify --data-dir <数据文件夹> --head ${o.head ?? ''}
`;
}

/** Writes the pack into `out` (a folder that must not exist yet). */
export async function writePack(snapshot: Snapshot, out: string, opts: PackOptions, onProgress?: (done: number, total: number) => void): Promise<PackResult> {
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw invalid('invalid-query', `${out} already exists and is not empty: choose a new folder for the evidence pack.`, `${out} 已存在且不为空：请为证据包选择一个新文件夹。`);
  }
  if (!existsSync(dirname(out))) {
    throw invalid('invalid-query', `Cannot write the evidence pack to ${out}: the folder ${dirname(out)} does not exist.`, `无法写入证据包 ${out}：文件夹 ${dirname(out)} 不存在。`);
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
    const filter = { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}), ...(opts.numbers?.length ? { numbers: opts.numbers } : {}) };
    await write('report.html', async (sink) => {
      rows = await writeReport(snapshot, sink, opts, onProgress);
    });
    await write('calls.csv', (sink) => writeCsv(snapshot, sink));
    await write('calls.json', (sink) => writeJson(snapshot, sink, { exportedAt: opts.exportedAt, ...filter }));
    if (opts.messages) {
      // The period's messages, joined and flagged as the report reads them; chain.jsonl proves each part.
      const fromMs = opts.from ? Date.parse(opts.from) : undefined;
      const toMs = opts.to ? Date.parse(opts.to) : undefined;
      const parts = listSms(snapshot.db, { ...(fromMs !== undefined ? { fromMs } : {}), ...(toMs !== undefined ? { toMs } : {}), order: 'oldest' }).filter((s) => s.id <= snapshot.lastId);
      const messages = opts.numbers?.length ? [] : opts.messages(parts);
      // Only a pack whose period has messages carries the file.
      if (messages.length > 0) {
        writeFileSync(join(part, 'messages.json'), `${JSON.stringify({ format: 'ringfence-messages', version: 1, exportedAt: opts.exportedAt, head: snapshot.head, count: messages.length, messages }, null, 2)}\n`);
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
    writeFileSync(join(part, 'checkpoints.json'), `${JSON.stringify({ format: 'ringfence-checkpoints', version: 1, checkpoints: [...opts.checkpoints, ...own] }, null, 2)}\n`);
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
