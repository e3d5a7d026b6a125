// CSV export: UTF-8 with a byte-order mark (so Excel shows Chinese names and decision texts correctly), CRLF
// line ends, one row per call, oldest first. Written by papaparse, a batch of rows at a time.
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
//   outcome            rejected | answered | caller-hung-up | rang-through | line-lost
//   hangup_latency_ms  caller ID to hang-up confirmed, in milliseconds
//   first_ring_ms, caller_id_ms, decision_ms, hangup_sent_ms, hangup_confirmed_ms, end_ms
//                      monotonic timings from the call's first event, in milliseconds
//   raw                the modem's lines for this call, as a JSON array
//   call_key           the call's key (part of the hashed content)
//   hash               this record's SHA-256 chain hash
// The last line starts with "#" and carries the chain head ("# ringfence chain head <hash> record <id> …"),
// so a copy can be checked against the database later; papaparse skips it with `comments: '#'`.
import Papa from 'papaparse';
import type { StoredCall } from '../columns.ts';
import type { Snapshot } from './snapshot.ts';
import { progress, type ExportSink } from './sink.ts';

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
] as const;

// Caller names and modem lines come from the network, i.e. from whoever is calling: a cell that starts with
// = @ or a tab would run as a formula in Excel. Those get a leading apostrophe; a plain signed number
// (+8613800138000) is not a formula and stays as it is.
const formula = /^[=@\t\r]|^[+-](?![\d.]+$)/;

function csvRow(c: StoredCall): unknown[] {
  const t = c.timings;
  return [
    c.id,
    c.startedAt,
    c.timeZone,
    c.lineId,
    c.simulated,
    c.number,
    c.normalized,
    c.presentation,
    c.name,
    c.rings,
    c.oneRing,
    c.decision.action,
    c.decision.reason,
    c.decision.ruleId,
    c.decision.ruleLabel,
    c.decision.text.en,
    c.decision.text.zh,
    c.outcome,
    c.hangupLatencyMs,
    t.firstRing,
    t.callerId,
    t.decision,
    t.hangupSent,
    t.hangupConfirmed,
    t.end,
    JSON.stringify(c.raw),
    c.callKey,
    c.hash,
  ];
}

const unparse = (rows: unknown[][]) => Papa.unparse(rows, { header: false, newline: '\r\n', escapeFormulae: formula });

export async function writeCsv(snapshot: Snapshot, sink: ExportSink, onProgress?: (done: number, total: number) => void): Promise<number> {
  const total = snapshot.count();
  const report = progress(total, onProgress);
  let pending = sink.write(`\uFEFF${unparse([[...csvColumns]])}\r\n`);
  if (pending) await pending;
  let batch: unknown[][] = [];
  let rows = 0;
  for (const call of snapshot.calls()) {
    batch.push(csvRow(call));
    rows++;
    if (batch.length === 500) {
      pending = sink.write(`${unparse(batch)}\r\n`);
      batch = [];
      if (pending) await pending;
      report.tick(rows);
    }
  }
  if (batch.length) pending = sink.write(`${unparse(batch)}\r\n`);
  if (pending) await pending;
  await sink.write(`# ringfence chain head ${snapshot.head ?? 'none'} record ${snapshot.lastId}; ${rows} rows exported; verify with "ringfence verify"\r\n`);
  report.end(rows);
  return rows;
}
