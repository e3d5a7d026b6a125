// SMS in the record: each PDU received (a message, one part of a long one, a delivery report) or sent takes
// the next number in the chain, in one transaction with its hash and the head, like a call. Whole messages
// are joined from these entries when they are read (main/messages), never stored joined: the chain holds what
// the modem handed over, and the joining can always be redone from it.
import { hash as sha256 } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { z } from 'zod';
import { SmsRecord } from '../../shared/domain.ts';
import { genesisHash, linkHash, smsContent, smsVersion } from './canonical.ts';
import { chainState } from './chain-state.ts';
import { invalid, writeFailure } from './errors.ts';
import { texts } from './texts.ts';
import { appendEvent } from './events.ts';
import { smsFields, type SmsFieldKey } from './fields.ts';
import { isTimeZone } from './time-zone.ts';
import { cond, query, tupleQuery, whereClause, type SqlValue } from '../store/index.ts';

export type NewSms = Omit<SmsRecord, 'id' | 'hash'>;
/** Where a message read from storage sits, so reading it again before AT+CMGD succeeded is not a second record. */
export type SimSlot = { memory: string; slot: number };

const SmsInput = SmsRecord.omit({ id: true, hash: true }).extend({
  receivedAt: z.iso.datetime({ offset: true, message: 'use an ISO 8601 time with its UTC offset, e.g. 2025-03-04T14:02:00.000+08:00' }),
  timeZone: z.string().refine(isTimeZone, 'use an IANA time zone name, e.g. Asia/Shanghai'),
  pdu: z.string().max(400),
  text: z.string().max(2000).nullable(),
});

// See record.ts: SQLite would store a lone surrogate as U+FFFD and the hash would no longer match.
const wf = <T extends string | null>(s: T): T => (s === null || s.isWellFormed() ? s : (s.toWellFormed() as T));

export function validateSms(input: unknown): NewSms {
  const parsed = SmsInput.safeParse(input);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(sms)'}: ${i.message}`).join('; ');
    throw invalid('invalid-sms', texts.invalidSms(where));
  }
  const s = parsed.data;
  return {
    ...s,
    lineId: wf(s.lineId),
    party: wf(s.party),
    normalized: wf(s.normalized),
    text: wf(s.text),
    ruleLabel: wf(s.ruleLabel),
    problems: s.problems.map(wf),
  };
}

const valueOf: { [K in SmsFieldKey]: (s: NewSms, id: number) => SqlValue } = {
  id: (_, id) => id,
  chainVersion: () => smsVersion,
  lineId: (s) => s.lineId,
  simulated: (s) => (s.simulated ? 1 : 0),
  direction: (s) => s.direction,
  receivedAt: (s) => s.receivedAt,
  receivedMs: (s) => Date.parse(s.receivedAt),
  timeZone: (s) => s.timeZone,
  networkTime: (s) => s.networkTime,
  party: (s) => s.party,
  partyKind: (s) => s.partyKind,
  normalized: (s) => s.normalized,
  text: (s) => s.text,
  encoding: (s) => s.encoding,
  concatReference: (s) => s.concat?.reference ?? null,
  concatBits: (s) => s.concat?.referenceBits ?? null,
  concatTotal: (s) => s.concat?.total ?? null,
  concatSequence: (s) => s.concat?.sequence ?? null,
  pdu: (s) => s.pdu,
  source: (s) => s.source,
  label: (s) => s.label,
  ruleId: (s) => s.ruleId,
  ruleLabel: (s) => s.ruleLabel,
  problems: (s) => JSON.stringify(s.problems),
  incidentId: (s) => s.incidentId,
  reference: (s) => s.reference,
  status: (s) => s.status,
};

export const smsColumns = `${smsFields.map((f) => `s.${f.column}`).join(', ')}, lower(hex(s.hash))`;
const at = Object.fromEntries(smsFields.map((f, i) => [f.key, i])) as Record<SmsFieldKey, number>;

/** A row selected with smsColumns, as the record. */
export function rowToSms(r: readonly unknown[]): SmsRecord {
  const v = <T>(k: SmsFieldKey) => r[at[k]] as T;
  const reference = v<number | null>('concatReference');
  let problems: string[];
  try {
    problems = JSON.parse(v<string>('problems')) as string[];
  } catch {
    problems = [String(v('problems'))];
  }
  return {
    id: v<number>('id'),
    lineId: v<string>('lineId'),
    simulated: v<number>('simulated') === 1,
    direction: v<SmsRecord['direction']>('direction'),
    receivedAt: v<string>('receivedAt'),
    timeZone: v<string>('timeZone'),
    networkTime: v<string | null>('networkTime'),
    party: v<string | null>('party'),
    partyKind: v<SmsRecord['partyKind']>('partyKind'),
    normalized: v<string | null>('normalized'),
    text: v<string | null>('text'),
    encoding: v<SmsRecord['encoding']>('encoding'),
    concat:
      reference === null ? null : { reference, referenceBits: v<8 | 16>('concatBits'), total: v<number>('concatTotal'), sequence: v<number>('concatSequence') },
    pdu: v<string>('pdu'),
    source: v<SmsRecord['source']>('source'),
    label: v<SmsRecord['label']>('label'),
    ruleId: v<string | null>('ruleId'),
    ruleLabel: v<string | null>('ruleLabel'),
    problems,
    incidentId: v<number | null>('incidentId'),
    reference: v<number | null>('reference'),
    status: v<number | null>('status'),
    hash: r[smsFields.length] as string,
  };
}

export type SmsWriter = {
  /**
   * One PDU, one transaction: durable on return. With `onSim`, a message already recorded from that slot
   * (same PDU) is returned as it was instead of being recorded again.
   */
  record(sms: NewSms, onSim?: SimSlot | null): SmsRecord;
  /** The modem deleted the slot's copy (AT+CMGD succeeded): the slot may hold a new message now. */
  deletedFromSim(lineId: string, onSim: SimSlot, pdu: string): void;
};

const pduDigest = (pdu: string) => sha256('sha256', pdu.toUpperCase(), 'hex');

export function smsWriter(db: DatabaseSync, now: () => Date = () => new Date()): SmsWriter {
  const chain = chainState(db);
  const insert = db.prepare(`INSERT INTO history_sms (${smsFields.map((f) => f.column).join(', ')}, hash) VALUES (${smsFields.map(() => '?').join(', ')}, ?)`);
  const byId = tupleQuery(db, `SELECT ${smsColumns} FROM history_sms s WHERE s.id = ?`);
  const onSimFind = query<{ id: number }>(db, 'SELECT sms_id AS id FROM history_sms_on_sim WHERE line_id = ? AND memory = ? AND slot = ? AND pdu_digest = ?');
  const onSimAdd = db.prepare('INSERT OR REPLACE INTO history_sms_on_sim (line_id, memory, slot, pdu_digest, sms_id) VALUES (?, ?, ?, ?, ?)');
  const onSimDelete = db.prepare('DELETE FROM history_sms_on_sim WHERE line_id = ? AND memory = ? AND slot = ? AND pdu_digest = ?');

  return {
    record(input, onSim) {
      const sms = validateSms(input);
      try {
        db.exec('BEGIN IMMEDIATE');
        const digest = onSim ? pduDigest(sms.pdu) : null;
        const again = onSim ? onSimFind.get(sms.lineId, onSim.memory, onSim.slot, digest) : undefined;
        const stored = again ? byId.get(again.id) : undefined;
        if (stored) {
          db.exec('COMMIT');
          return rowToSms(stored);
        }
        let head = chain.read();
        if (head.restored) {
          appendEvent(db, chain, { kind: 'head-restored', at: now().toISOString(), body: { lastId: head.lastId, head: head.head } }, now());
          head = chain.read();
        }
        const id = head.lastId + 1;
        const values = smsFields.map((f) => valueOf[f.key](sms, id));
        const hash = linkHash(head.head ?? genesisHash, smsContent(smsVersion, values));
        const bytes = Buffer.from(hash, 'hex');
        insert.run(...values, bytes);
        chain.advance(id, bytes);
        if (onSim) onSimAdd.run(sms.lineId, onSim.memory, onSim.slot, digest, id);
        db.exec('COMMIT');
        return { ...sms, id, hash };
      } catch (error) {
        try {
          if (db.isTransaction) db.exec('ROLLBACK');
        } catch {
          // the journal rolls it back on next open
        }
        throw writeFailure(error);
      }
    },
    deletedFromSim(lineId, onSim, pdu) {
      onSimDelete.run(lineId, onSim.memory, onSim.slot, pduDigest(pdu));
    },
  };
}

export type SmsQuery = {
  fromMs?: number;
  toMs?: number;
  lineId?: string;
  /** Digits the party (sender or recipient) contains, or its exact normalised form. */
  party?: string;
  incidentId?: number;
  /** At most this many, newest first unless `order` is 'oldest'. */
  limit?: number;
  order?: 'newest' | 'oldest';
  /** Continue after (newest: before) this id. */
  afterId?: number;
};

/** SMS entries in chain order (the order they were recorded), newest first or oldest first: the Messages page, exports, the report. */
export function listSms(db: DatabaseSync, q: SmsQuery = {}): SmsRecord[] {
  const oldest = q.order === 'oldest';
  const digits = q.party?.replace(/\D/g, '') ?? '';
  const where = whereClause([
    q.fromMs !== undefined && cond('s.received_ms >= ?', q.fromMs),
    q.toMs !== undefined && cond('s.received_ms <= ?', q.toMs),
    !!q.lineId && cond('s.line_id = ?', q.lineId),
    q.incidentId !== undefined && cond('s.incident_id = ?', q.incidentId),
    !!q.party &&
      cond(
        "s.normalized = ? OR s.party = ? OR (? <> '' AND coalesce(s.normalized, s.party) LIKE ?) OR instr(lower(s.party), lower(?)) > 0",
        q.party,
        q.party,
        digits,
        `%${digits}%`,
        q.party,
      ),
    q.afterId !== undefined && cond(oldest ? 's.id > ?' : 's.id < ?', q.afterId),
  ]);
  const statement = tupleQuery(
    db,
    `SELECT ${smsColumns} FROM history_sms s ${where.sql} ORDER BY s.id ${oldest ? 'ASC' : 'DESC'} ${q.limit ? `LIMIT ${Math.max(1, Math.floor(q.limit))}` : ''}`,
  );
  return statement.all(...where.params).map(rowToSms);
}

export function smsById(db: DatabaseSync, id: number): SmsRecord | null {
  const row = tupleQuery(db, `SELECT ${smsColumns} FROM history_sms s WHERE s.id = ?`).get(id);
  return row ? rowToSms(row) : null;
}
