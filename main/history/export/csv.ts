// CSV export: UTF-8 with a byte-order mark (so Excel shows Chinese names and decision texts correctly), CRLF
// line ends, one row per call, oldest first.
//
// Columns, in order:
//   id                 record number in the hash chain
//   started_at         when the call started, local time with its UTC offset (ISO 8601)
//   time_zone          the IANA zone the call was recorded in
//   line_id            which line (modem) took the call
//   simulated          true for the demo line
//   number             the caller's number as the network presented it (empty when withheld)
//   normalized         the same number in international E.164 form, when it could be normalised
//   presentation       allowed | withheld | unavailable | none
//   name               caller name, when the network sent one
//   rings              rings heard before the call ended
//   one_ring           true when the caller hung up after a single ring
//   action             reject | answer-hangup | silent | allow
//   reason             why (explicit-block, shield, blocked-prefix, …)
//   rule_id, rule_label  the rule that decided, if any
//   decision_en, decision_zh  the decision in one sentence, English and Chinese
//   outcome            rejected | answered | caller-hung-up | rang-through | line-lost | waiting-rejected | waiting-let-through
//   hangup_latency_ms  caller ID to hang-up confirmed, in milliseconds
//   first_ring_ms, caller_id_ms, decision_ms, hangup_sent_ms, hangup_confirmed_ms, end_ms
//                      monotonic timings from the call's first event, in milliseconds
//   raw                the modem's lines for this call, as a JSON array
//   call_key           the call's key (part of the hashed content)
//   hash               this record's SHA-256 chain hash
//   presented_number   what the line presented in the number field when it was not exactly `number` (a
//                      number unusable for matching, such as +8*, or one written with separators), control
//                      characters shown as ␛ ␇ …; empty otherwise
//   controls_replaced  how many control characters were replaced in presented_number and name (0 when none)
// The last line starts with "#" and carries the chain head ("# ringfence chain head <hash> record <id> …"),
// so a copy can be checked against the database later; papaparse skips it with `comments: '#'`.
// Empty cells are nulls; booleans are true/false; numbers are plain (timings may have decimals).
import type { SQLOutputValue } from 'node:sqlite';
import { col, type DecisionWords, type Row } from '../columns.ts';
import type { Snapshot } from './snapshot.ts';
import { progress, type ExportSink } from './sink.ts';
import { csvCell } from '../../../shared/line-text.ts';

export const csvColumns = [
  'id',
  'started_at',
  'time_zone',
  'line_id',
  'simulated',
  'number',
  'normalized',
  'presentation',
  'name',
  'rings',
  'one_ring',
  'action',
  'reason',
  'rule_id',
  'rule_label',
  'decision_en',
  'decision_zh',
  'outcome',
  'hangup_latency_ms',
  'first_ring_ms',
  'caller_id_ms',
  'decision_ms',
  'hangup_sent_ms',
  'hangup_confirmed_ms',
  'end_ms',
  'raw',
  'call_key',
  'hash',
  'presented_number',
  'controls_replaced',
] as const;

// Caller names and modem lines come from the network, i.e. from whoever is calling. Every cell goes through the
// one CSV policy (shared/line-text.ts csvCell): a cell starting like a formula gets a leading apostrophe (a plain
// signed number such as +8613800138000 is not one), and a cell holding a separator of any common locale — `,`,
// `;` (Excel in most of Europe), tab — a quote or a line break is quoted, so `x;=cmd|' /C calc'!A0` can never
// become a second, live cell.
const special = /^[=@\t\r+-]|[",;\t\r\n]/;

/**
 * One CSV field. Written by hand rather than with papaparse's unparse, which took about 40% of a
 * million-row export (over 4 of the 10 seconds allowed): most cells need nothing, and the rest go to csvCell;
 * the tests read every export back with papaparse.
 */
function field(v: SQLOutputValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  return special.test(v) ? csvCell(v) : v;
}

const bool = (v: SQLOutputValue | undefined) => (v === 1 ? 'true' : 'false');

// One concatenation per row, in csvColumns order: no per-row arrays, which the garbage collector would pay for
// a million times.
function csvLine(r: Row, w: DecisionWords): string {
  return (
    `${field(r[col.id])},${field(r[col.startedAt])},${field(r[col.timeZone])},${field(r[col.lineId])},${bool(r[col.simulated])},` +
    `${field(r[col.number])},${field(r[col.normalized])},${field(r[col.presentation])},${field(r[col.name])},${field(r[col.rings])},` +
    `${bool(r[col.oneRing])},${field(r[col.action])},${field(w.reason)},${field(w.ruleId)},${field(w.ruleLabel)},${field(w.text.en)},` +
    `${field(w.text.zh)},${field(r[col.outcome])},${field(r[col.hangupLatencyMs])},${field(r[col.firstRing])},${field(r[col.callerId])},` +
    `${field(r[col.decision])},${field(r[col.hangupSent])},${field(r[col.hangupConfirmed])},${field(r[col.end])},${field(r[col.raw])},` +
    `${field(r[col.callKey])},${String(r[col.hashHex])},${field(r[col.presentedNumber])},${field(r[col.controlsReplaced])}`
  );
}

export async function writeCsv(snapshot: Snapshot, sink: ExportSink, onProgress?: (done: number, total: number) => void): Promise<number> {
  const total = snapshot.count();
  const report = progress(total, onProgress);
  let pending = sink.write(`\uFEFF${csvColumns.join(',')}\r\n`);
  if (pending) await pending;
  let rows = 0;
  for (const r of snapshot.rows()) {
    const words = snapshot.decisions(Number(r[col.decisionId]));
    if (!words) throw new Error(`the decision of record ${String(r[col.id])} is missing: run "ringfence verify"`);
    pending = sink.write(`${csvLine(r, words)}\r\n`);
    rows++;
    if (pending) await pending;
    if ((rows & 1023) === 0) report.tick(rows);
  }
  await sink.write(`# ringfence chain head ${snapshot.head ?? 'none'} record ${snapshot.lastId}; ${rows} rows exported; verify with "ringfence verify"\r\n`);
  report.end(rows);
  return rows;
}
