// The call history: a tamper-evident record of every call (hash-chained SQLite rows), search, statistics,
// retention and exports. The service and the CLI use only what this file exports.
import type { DatabaseSync } from 'node:sqlite';
import type { CallNote, CallQuery, Statistics, VerifyResult } from '../../shared/api.ts';
import type { CallRecord, Incident, SmsRecord } from '../../shared/domain.ts';
import { applyMigrations, query, tupleQuery } from '../store/index.ts';
import { callColumns, decisionsOf, publicCall, rowToCall, type Row } from './columns.ts';
import { invalid } from './errors.ts';
import { texts } from './texts.ts';
import { exportHistory, type ExportRequest } from './export/index.ts';
import { addNote, notesOf } from './notes.ts';
import { queryCalls, type Normalize } from './query.ts';
import { callWriter, type CallToRecord, type NewCall } from './record.ts';
import { applyRetention } from './retention.ts';
import { component, migrations } from './schema.ts';
import { statistics, todayCounts, type StatsQuery } from './stats.ts';
import { resolveRange, systemTimeZone } from './time-zone.ts';
import { findByHash, findByHashPrefix, verifyChain, type VerifyOptions } from './verify.ts';
import { chainState } from './chain-state.ts';
import { checkpointFile, writeCheckpoint } from './checkpoints.ts';
import { listSms, smsById, smsWriter, type NewSms, type SimSlot, type SmsQuery } from './sms.ts';
import { chainedIncidents, missingIncidentEvents, type ChainedIncident } from './incidents.ts';

export type { NewCall, CallToRecord } from './record.ts';
export type { ExportRequest } from './export/index.ts';
export type { StatsQuery } from './stats.ts';
export type { Normalize } from './query.ts';
export { HistoryError, type HistoryErrorCode } from './errors.ts';
export { resolveRange, resolveTime, systemTimeZone } from './time-zone.ts';
export { callContent, eventContent, chainHash, digestOf, linkHash, canonicalVersion, eventVersion, callTag, eventTag, genesisHash } from './canonical.ts';
export { callFields, eventFields, unhashedCallColumns, unhashedEventColumns } from './fields.ts';
export { checkpointSmsText, findCheckpoints, readCheckpoint, type Checkpoint, type CheckpointFile } from './checkpoints.ts';
export type { ChainedIncident } from './incidents.ts';
export type { NewSms, SimSlot, SmsQuery } from './sms.ts';
export { smsContent, smsTag, smsVersion } from './canonical.ts';
export { smsFields } from './fields.ts';
export type { VerifyOptions } from './verify.ts';
export { csvColumns } from './export/csv.ts';
export { complaintText, complaintKind, type NumberSummary } from './complaint.ts';

export type HistoryOptions = {
  now?: () => Date;
  /**
   * Normalises a typed number to the stored E.164 form, so searching "020 7946 0000" finds +442079460000.
   * The service passes the screening engine's `(raw) => normalizeNumber(raw, settings.homeCountry)`;
   * without it, number searches match digits only.
   */
  normalize?: Normalize;
  /** Time zone for statistics and "today" when the question names none (default: this computer's). */
  timeZone?: string;
};

export interface History {
  /** Durable on return (synchronous=FULL, one transaction per record), chained. Throws a HistoryError on failure
   *  (disk full, read-only): the caller keeps the record and retries; a retry with the same (lineId, startedAt,
   *  callKey) returns the stored record instead of making a duplicate. */
  record(call: NewCall & { callKey: string }): CallRecord;
  query(q: CallQuery): { calls: CallRecord[]; nextCursor: string | null };
  get(id: number): CallRecord | null;
  addNote(callId: number, text: string): CallNote;
  notes(callId: number): CallNote[];
  statistics(q: StatsQuery, incidents: Incident[]): Statistics;
  todayCounts(now?: Date): { calls: number; blocked: number };
  /** Calls since the given time, oldest first (the screening engine's warm-up). */
  recent(sinceIso: string): CallRecord[];
  /** Checks the chain, the statistics, the incidents given and the checkpoints given (verify.ts). */
  verify(options?: VerifyOptions): VerifyResult;
  head(): string | null;
  /** The chain's last entry and its hash. */
  headInfo(): { lastId: number; head: string | null };
  /** The id of the record with this hash (an export's chain head), or null when the chain has none. */
  findByHash(hash: string): number | null;
  /** Entries whose hash starts with these hex digits (at most two: more than one means ambiguous). */
  findByHashPrefix(prefix: string): { id: number; hash: string }[];
  /** Chains the shield events these incidents still lack (engaged, ended); returns how many were added. */
  recordIncidents(incidents: readonly Incident[]): number;
  /** The incidents as the chain records them, oldest first. */
  incidents(): ChainedIncident[];
  /** Writes the chain head as a checkpoint file into `dir`; null when the history is empty. */
  checkpoint(dir: string, why: string): string | null;
  applyRetention(days: number): { deleted: number };
  /** Writes an export (for `pack`, `out` is a new folder); returns the rows, the head it carries and a pack's files. */
  exportTo(
    out: string,
    q: ExportRequest,
    onProgress?: (done: number, total: number) => void,
  ): Promise<{ rows: number; head: string | null; lastId: number; files?: string[] }>;
  /** Many calls in one transaction (imports, benchmarks): all or none. */
  recordBatch(calls: readonly CallToRecord[]): CallRecord[];
  /**
   * One SMS PDU (received, sent or a delivery report) as the chain's next entry, durable on return. With
   * `onSim`, the same PDU read again from that slot (a crash before AT+CMGD) returns the stored entry.
   */
  recordSms(sms: NewSms, onSim?: SimSlot | null): SmsRecord;
  /** The slot's copy was deleted from the modem. */
  smsDeletedFromSim(lineId: string, onSim: SimSlot, pdu: string): void;
  listSms(q?: SmsQuery): SmsRecord[];
  getSms(id: number): SmsRecord | null;
}

export function openHistory(db: DatabaseSync, options: HistoryOptions = {}): History {
  const now = options.now ?? (() => new Date());
  const zone = () => options.timeZone ?? systemTimeZone();
  applyMigrations(db, component, migrations, now);
  const decisions = decisionsOf(db);
  const writer = callWriter(db, decisions, now);
  const smsLog = smsWriter(db, now);
  const byId = tupleQuery<Row>(db, `SELECT ${callColumns} FROM history_calls c WHERE c.id = ?`);
  const since = tupleQuery<Row>(db, `SELECT ${callColumns} FROM history_calls c WHERE c.started_ms >= ? ORDER BY c.started_ms, c.id`);
  const chainHead = query<{ head: Uint8Array | null }>(db, 'SELECT head FROM history_chain WHERE singleton = 1');

  return {
    record: (call) => publicCall(writer.record(call)),
    recordSms: (sms, onSim) => smsLog.record(sms, onSim),
    smsDeletedFromSim: (lineId, onSim, pdu) => smsLog.deletedFromSim(lineId, onSim, pdu),
    listSms: (q) => listSms(db, q),
    getSms: (id) => smsById(db, id),
    recordBatch: (calls) => writer.recordBatch(calls).map(publicCall),
    query: (q) => queryCalls(db, decisions, resolveRange(q, zone()), options.normalize),
    get(id) {
      const row = byId.get(id);
      return row ? publicCall(rowToCall(row, decisions)) : null;
    },
    addNote: (callId, text) => addNote(db, callId, text, now()),
    notes: (callId) => notesOf(db, callId),
    statistics: (q, incidents) => statistics(db, resolveRange(q, q.timeZone ?? zone()) as StatsQuery, incidents, zone()),
    todayCounts: (at) => todayCounts(db, at ?? now(), zone()),
    recent(sinceIso) {
      const ms = Date.parse(sinceIso);
      if (Number.isNaN(ms)) throw invalid('invalid-query', texts.notIsoTime(sinceIso));
      return since.all(ms).map((r) => publicCall(rowToCall(r, decisions)));
    },
    verify: (verifyOptions) => verifyChain(db, verifyOptions),
    head() {
      const row = chainHead.get();
      return row?.head ? Buffer.from(row.head).toString('hex') : null;
    },
    headInfo() {
      const { lastId, head } = chainState(db).peek();
      return { lastId, head };
    },
    findByHash: (hash) => findByHash(db, hash),
    findByHashPrefix: (prefix) => findByHashPrefix(db, prefix),
    recordIncidents(incidents) {
      const missing = missingIncidentEvents(chainedIncidents(db), incidents);
      for (const event of missing) writer.recordEvent(event);
      return missing.length;
    },
    incidents: () => chainedIncidents(db),
    checkpoint(dir, why) {
      const { lastId, head } = chainState(db).peek();
      if (head === null) return null;
      return writeCheckpoint(dir, checkpointFile({ lastId, head }, now(), why));
    },
    applyRetention: (days) => applyRetention(db, days, now()),
    exportTo: (out, q, onProgress) =>
      exportHistory(db, out, resolveRange(q, zone()), { now: now(), ...(options.normalize ? { normalize: options.normalize } : {}) }, onProgress),
  };
}
