// Every column of a call record, declared once: the insert, the reads, the hashed content and the
// verification are all built from this list, so a column cannot be stored without being hashed. A test
// (test/main/history/fields.test.ts) compares it with the table itself and fails on any column missing here,
// and `verify` refuses a table with a column this list does not know.
//
// Adding a field (see /work/NOTES.md): a new migration in schema.ts adds the column; append an entry here
// with `since` = canonicalVersion + 1 and the value old records hold (`absent`); raise canonicalVersion in
// canonical.ts; give the value in `storedValues` (record.ts) and read it back in `rowToCall` (columns.ts).
// Records written before keep their version and are checked with the fields of that version (and must hold
// `absent` in the newer columns), so old hashes and external checkpoints stay valid: no re-chain is needed.
import type { SQLInputValue } from 'node:sqlite';

export type CallField = {
  /** The name in code (columns.ts `col`). */
  key: string;
  /** The column in history_calls. */
  column: string;
  /** The first canonical version whose content includes this field. */
  since: number;
  /** What a record of an older version holds in this column (the migration's default). */
  absent?: SQLInputValue;
  /** decision_id is hashed as the decision's words it points to (reason, rule id, rule label, en, zh), not as the id. */
  words?: true;
};

export const callFields = [
  { key: 'id', column: 'id', since: 2 },
  { key: 'chainVersion', column: 'chain_version', since: 2 },
  { key: 'callKey', column: 'call_key', since: 2 },
  { key: 'lineId', column: 'line_id', since: 2 },
  { key: 'simulated', column: 'simulated', since: 2 },
  { key: 'startedAt', column: 'started_at', since: 2 },
  { key: 'startedMs', column: 'started_ms', since: 2 },
  { key: 'localDay', column: 'local_day', since: 2 },
  { key: 'timeZone', column: 'time_zone', since: 2 },
  { key: 'firstRing', column: 't_first_ring', since: 2 },
  { key: 'callerId', column: 't_caller_id', since: 2 },
  { key: 'decision', column: 't_decision', since: 2 },
  { key: 'hangupSent', column: 't_hangup_sent', since: 2 },
  { key: 'hangupConfirmed', column: 't_hangup_confirmed', since: 2 },
  { key: 'end', column: 't_end', since: 2 },
  { key: 'number', column: 'number', since: 2 },
  { key: 'normalized', column: 'normalized', since: 2 },
  { key: 'presentation', column: 'presentation', since: 2 },
  { key: 'name', column: 'name', since: 2 },
  { key: 'rings', column: 'rings', since: 2 },
  { key: 'oneRing', column: 'one_ring', since: 2 },
  { key: 'action', column: 'action', since: 2 },
  { key: 'decisionId', column: 'decision_id', since: 2, words: true },
  { key: 'outcome', column: 'outcome', since: 2 },
  { key: 'hangupLatencyMs', column: 'hangup_latency_ms', since: 2 },
  { key: 'raw', column: 'raw', since: 2 },
  // Issue 13: the number field's text when it held no usable number, and the control characters replaced in it
  // and the name (hostile's migration 5).
  { key: 'presentedNumber', column: 'presented_number', since: 3, absent: null },
  { key: 'controlsReplaced', column: 'controls_replaced', since: 3, absent: 0 },
] as const satisfies readonly CallField[];

export type CallFieldKey = (typeof callFields)[number]['key'];

/** Columns of history_calls that are not content: the hash itself. */
export const unhashedCallColumns = ['hash'] as const;

/** The chained events (shield engaged/ended, retention cuts, re-chains), declared the same way. */
export const eventFields = [
  { key: 'id', column: 'id', since: 1 },
  { key: 'chainVersion', column: 'chain_version', since: 1 },
  { key: 'kind', column: 'kind', since: 1 },
  { key: 'at', column: 'at', since: 1 },
  { key: 'recordedAt', column: 'recorded_at', since: 1 },
  { key: 'body', column: 'body', since: 1 },
] as const satisfies readonly CallField[];

export const unhashedEventColumns = ['hash'] as const;

/**
 * SMS entries (history_sms): one per PDU the modem handed over — a message, one part of a long one, a status
 * report — and one per part Ringfence sent. Declared the same way; `ringfence-sms/1` hashes them all, the raw
 * PDU included, so the decoded text, the times and the PDU each prove the others were not edited.
 */
export const smsFields = [
  { key: 'id', column: 'id', since: 1 },
  { key: 'chainVersion', column: 'chain_version', since: 1 },
  { key: 'lineId', column: 'line_id', since: 1 },
  { key: 'simulated', column: 'simulated', since: 1 },
  { key: 'direction', column: 'direction', since: 1 },
  { key: 'receivedAt', column: 'received_at', since: 1 },
  { key: 'receivedMs', column: 'received_ms', since: 1 },
  { key: 'timeZone', column: 'time_zone', since: 1 },
  { key: 'networkTime', column: 'network_time', since: 1 },
  { key: 'party', column: 'party', since: 1 },
  { key: 'partyKind', column: 'party_kind', since: 1 },
  { key: 'normalized', column: 'normalized', since: 1 },
  { key: 'text', column: 'text', since: 1 },
  { key: 'encoding', column: 'encoding', since: 1 },
  { key: 'concatReference', column: 'concat_reference', since: 1 },
  { key: 'concatBits', column: 'concat_bits', since: 1 },
  { key: 'concatTotal', column: 'concat_total', since: 1 },
  { key: 'concatSequence', column: 'concat_sequence', since: 1 },
  { key: 'pdu', column: 'pdu', since: 1 },
  { key: 'source', column: 'source', since: 1 },
  { key: 'label', column: 'label', since: 1 },
  { key: 'ruleId', column: 'rule_id', since: 1 },
  { key: 'ruleLabel', column: 'rule_label', since: 1 },
  { key: 'problems', column: 'problems', since: 1 },
  { key: 'incidentId', column: 'incident_id', since: 1 },
  { key: 'reference', column: 'reference', since: 1 },
  { key: 'status', column: 'status', since: 1 },
] as const satisfies readonly CallField[];

export type SmsFieldKey = (typeof smsFields)[number]['key'];

export const unhashedSmsColumns = ['hash'] as const;
