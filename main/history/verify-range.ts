// Checks one stretch of the chain, entries fromId..toId: each must be there, in order (calls and events share
// the numbering), and hash to its stored hash from the one before. Runs on the calling thread or in a worker
// (verify-worker.ts) on its own connection. A record that does not match is examined further so the
// sentence can say what changed where it can tell ("record 14: started_ms changed").
import type { DatabaseSync } from 'node:sqlite';
import { callContent, callTag, canonicalVersion, eventContent, eventVersion, linkHash, smsContent, smsVersion, type Words } from './canonical.ts';
import { callColumns, col, decisionsOf, hashHexColumn, type DecisionWords, type Row } from './columns.ts';
import { callFields, eventFields, smsFields } from './fields.ts';
import { localDayOfIso } from './time-zone.ts';
import { tupleQuery, type Tuple } from '../store/index.ts';

export type Bad = { id: number; reason: string };
export type RangeVerdict = { records: number; events: number; messages?: number; bad: Bad | null; lastHash: string | null };

// Read in pages by id: much faster than one long iterate() in node:sqlite, and the memory stays flat.
const pageSize = 5_000;

const eventName: Record<string, string> = {
  'shield-engaged': 'the shield engaging',
  'shield-ended': 'the shield ending',
  'retention-cut': 'a retention cut',
  rechain: 'the re-chain',
  'head-restored': 'a restored chain head',
};

type EventRow = Tuple;

const smsAt = (key: string) => smsFields.findIndex((f) => f.key === key);
const sms = {
  id: smsAt('id'),
  version: smsAt('chainVersion'),
  direction: smsAt('direction'),
  at: smsAt('receivedAt'),
  ms: smsAt('receivedMs'),
  party: smsAt('party'),
  problems: smsAt('problems'),
  pdu: smsAt('pdu'),
};

/**
 * The stretch's SMS entries, read a page at a time as the walk reaches them: an SMS flood puts thousands in
 * the chain, so unlike events they are not all loaded at once.
 */
function smsReader(db: DatabaseSync, fromId: number, toId: number) {
  const statement = tupleQuery<EventRow>(
    db,
    `SELECT ${smsFields.map((f) => `s.${f.column}`).join(', ')}, CASE WHEN typeof(s.hash) = 'blob' AND length(s.hash) = 32 THEN lower(hex(s.hash)) END
     FROM history_sms s WHERE s.id >= ? AND s.id <= ? ORDER BY s.id LIMIT ${pageSize}`,
  );
  let page: EventRow[] = [];
  let at = 0;
  let after = fromId;
  let done = false;
  return {
    /** The SMS entry with this id, if it is the next one stored (ids are asked for in increasing order). */
    take(id: number): EventRow | null {
      for (;;) {
        while (at < page.length && Number(page[at]![0]) < id) at++;
        if (at < page.length) return Number(page[at]![0]) === id ? page[at++]! : null;
        if (done) return null;
        page = statement.all(after, toId);
        at = 0;
        if (page.length < pageSize) done = true;
        if (page.length > 0) after = Number(page.at(-1)![0]) + 1;
      }
    },
  };
}

/** "the SMS from 10690000 received 2026-12-02T10:00:00.000+08:00": how a sentence names an SMS entry. */
function smsName(e: EventRow): string {
  // A sender is the network's (or a bomber's) text: quoted unless it is a plain number.
  const raw = e[sms.party];
  const party = typeof raw !== 'string' ? 'an unknown number' : /^\+?\d{1,32}$/.test(raw) ? raw : JSON.stringify(raw);
  const at = String(e[sms.at]);
  if (e[sms.direction] === 'sent') return `the SMS sent to ${party} at ${at}`;
  if (e[sms.direction] === 'status-report') return `the delivery report from ${party} received ${at}`;
  return `the SMS from ${party} received ${at}`;
}

/**
 * `previous`: the hash the first entry chains from, or null when it is unknown (the entry before was itself
 * found bad elsewhere): then the first entry's link is not checked. `endsChain`: this stretch ends at the
 * chain head, so entries missing at its end were deleted from the tail.
 */
export function verifyRange(db: DatabaseSync, fromId: number, toId: number, previous: string | null, endsChain: boolean): RangeVerdict {
  const decisions = decisionsOf(db);
  const page = tupleQuery<Row>(
    db,
    `SELECT ${callColumns}, ${hashHexColumn} FROM history_calls c WHERE c.id >= ? AND c.id <= ? ORDER BY c.id LIMIT ${pageSize}`,
  );
  // Events are few (a handful per incident): all of the stretch's at once.
  const eventsStatement = tupleQuery<EventRow>(
    db,
    `SELECT ${eventFields.map((f) => `e.${f.column}`).join(', ')}, CASE WHEN typeof(e.hash) = 'blob' AND length(e.hash) = 32 THEN lower(hex(e.hash)) END
     FROM history_events e WHERE e.id >= ? AND e.id <= ? ORDER BY e.id`,
  );
  const events = new Map<number, EventRow>(eventsStatement.all(fromId, toId).map((e) => [Number(e[0]), e]));
  let expected = fromId;
  let records = 0;
  let eventCount = 0;
  let smsCount = 0;
  let last = previous;
  const smsRows = smsReader(db, fromId, toId);
  const bad = (id: number, reason: string): RangeVerdict => ({ records, events: eventCount, messages: smsCount, bad: { id, reason }, lastHash: last });

  const checkEvent = (e: EventRow): RangeVerdict | null => {
    const id = Number(e[0]);
    const stored = e[eventFields.length] as string | null;
    const version = Number(e[1]);
    const name = eventName[String(e[2])] ?? `an event of unknown kind "${String(e[2])}"`;
    if (stored === null || version !== eventVersion || typeof e[5] !== 'string') {
      return bad(id, `record ${id} (${name}) is unreadable: a stored field is not in the form Ringfence writes, so it was changed after it was written`);
    }
    if (last !== null && linkHash(last, eventContent(version, e)) !== stored) {
      return bad(id, `record ${id} (${name}) was changed after it was written: it no longer matches its hash`);
    }
    last = stored;
    eventCount++;
    return null;
  };

  const checkSms = (e: EventRow): RangeVerdict | null => {
    const id = Number(e[0]);
    const stored = e[smsFields.length] as string | null;
    const version = Number(e[sms.version]);
    const name = smsName(e);
    if (stored === null || version !== smsVersion || typeof e[sms.pdu] !== 'string' || typeof e[sms.problems] !== 'string') {
      return bad(id, `record ${id} (${name}) is unreadable: a stored field is not in the form Ringfence writes, so it was changed after it was written`);
    }
    if (last !== null && linkHash(last, smsContent(version, e)) !== stored) return bad(id, `record ${id} (${name}): ${diagnoseSms(e, last, stored)}`);
    last = stored;
    smsCount++;
    return null;
  };

  // Entries between calls: events and SMS, in id order.
  const drainEventsBefore = (stop: number): RangeVerdict | null => {
    while (expected < stop) {
      const e = events.get(expected);
      const m = e ? null : smsRows.take(expected);
      if (!e && !m) return null;
      const v = e ? checkEvent(e) : checkSms(m!);
      if (v) return v;
      expected++;
    }
    return null;
  };

  for (;;) {
    const rows = page.all(expected, toId);
    if (rows.length === 0) break;
    for (const r of rows) {
      const id = Number(r[col.id]);
      const v = drainEventsBefore(id);
      if (v) return v;
      if (id !== expected) return bad(expected, `record ${expected} is missing: the records jump from ${expected - 1} to ${id}`);
      const words = decisions(Number(r[col.decisionId]));
      const stored = r[col.hashHex] as string | null;
      const version = Number(r[col.chainVersion]);
      if (!words || stored === null || typeof r[col.raw] !== 'string' || !(version >= 2 && version <= canonicalVersion)) {
        return bad(id, `record ${id} is unreadable: ${unreadable(words, stored, version)}, so it was changed after it was written`);
      }
      const stray = callFields.find((f, i) => f.since > version && (r[i] ?? null) !== ('absent' in f ? (f as { absent: unknown }).absent : null));
      if (stray) return bad(id, `record ${id}: ${stray.column} changed (a ${callTag(version)} record has no ${stray.column})`);
      if (last !== null) {
        const w = asWords(words);
        if (linkHash(last, callContent(version, r, w)) !== stored) return bad(id, `record ${id}: ${diagnose(r, w, version, last, stored)}`);
      }
      last = stored;
      expected++;
      records++;
    }
  }
  const v = drainEventsBefore(toId + 1);
  if (v) return v;
  if (expected <= toId) {
    return bad(
      expected,
      endsChain
        ? `record ${expected} is missing: the chain head says the history ends at record ${toId}, but the records end at ${expected - 1}`
        : `record ${expected} is missing: the records jump from ${expected - 1} past it`,
    );
  }
  return { records, events: eventCount, messages: smsCount, bad: null, lastHash: last };
}

/**
 * Why an SMS entry does not match its hash: its two times disagree (received_ms is what searches and the
 * report count by, received_at what the screen shows), or else its text, sender or PDU was edited.
 */
function diagnoseSms(e: EventRow, previous: string, stored: string): string {
  const at = String(e[sms.at]);
  const parsed = Date.parse(at);
  const ms = Number(e[sms.ms]);
  const tryWith = (index: number, value: unknown) => {
    const copy: unknown[] = [...e];
    copy[index] = value;
    return linkHash(previous, smsContent(smsVersion, copy as never)) === stored;
  };
  if (!Number.isNaN(parsed) && parsed !== ms) {
    if (tryWith(sms.ms, parsed)) return `received_ms changed (it says ${new Date(ms).toISOString()}; the message was recorded at ${at})`;
    const offset = /([+-]\d{2}:\d{2}|Z)$/.exec(at)?.[1];
    if (offset && Number.isFinite(ms)) {
      const original = isoIn(ms, offset);
      if (tryWith(sms.at, original)) return `received_at changed (it says ${at}; the message was recorded at ${original})`;
    }
    return `its time was changed after it was written (received_at says ${at}, received_ms ${new Date(ms).toISOString()})`;
  }
  return 'its text, sender, time or PDU was changed after it was written (it no longer matches its hash), or the entry before it was replaced';
}

const asWords = (w: DecisionWords): Words => ({ reason: w.reason, ruleId: w.ruleId, ruleLabel: w.ruleLabel, text: w.text });

function unreadable(words: DecisionWords | null, stored: string | null, version: number): string {
  if (!words) return 'the decision it points to is gone';
  if (stored === null) return 'its hash is not a SHA-256 hash';
  if (!(version >= 2 && version <= canonicalVersion)) return `its canonical version (${version}) is not one this Ringfence writes`;
  return 'its modem lines are not text';
}

/** Values a column can plausibly have been changed to or from: tried one at a time to name what changed. */
const alternatives: Partial<Record<string, readonly (string | number)[]>> = {
  simulated: [0, 1],
  one_ring: [0, 1],
  presentation: ['allowed', 'withheld', 'unavailable', 'none'],
  action: ['reject', 'answer-hangup', 'silent', 'allow'],
  outcome: ['rejected', 'answered', 'caller-hung-up', 'rang-through', 'line-lost'],
};

/**
 * Why a record does not match its hash, as precisely as the record lets us tell: a column that disagrees
 * with the others (started_ms, local_day and started_at say the same moment) or an enumerated column that,
 * put back to another value, makes the hash match again. Runs only on a failing record.
 */
function diagnose(r: Row, words: Words, version: number, previous: string, stored: string): string {
  const at = (key: keyof typeof col) => col[key];
  const startedAt = String(r[at('startedAt')]);
  const parsedMs = Date.parse(startedAt);
  const tryWith = (index: number, value: unknown) => {
    const copy = [...r];
    copy[index] = value as never;
    return linkHash(previous, callContent(version, copy, words)) === stored;
  };
  if (!Number.isNaN(parsedMs) && r[at('startedMs')] !== parsedMs && tryWith(at('startedMs'), parsedMs)) {
    return `started_ms changed (it says ${new Date(Number(r[at('startedMs')])).toISOString()}; the record was written at ${startedAt})`;
  }
  if (!Number.isNaN(parsedMs) && r[at('localDay')] !== localDayOfIso(startedAt) && tryWith(at('localDay'), localDayOfIso(startedAt))) {
    return `local_day changed (the day the call is counted on; the record was written for ${startedAt.slice(0, 10)})`;
  }
  const ms = Number(r[at('startedMs')]);
  const offset = /([+-]\d{2}:\d{2}|Z)$/.exec(startedAt)?.[1];
  if (offset && Number.isFinite(ms) && parsedMs !== ms) {
    const original = isoIn(ms, offset);
    if (tryWith(at('startedAt'), original)) return `started_at changed (it says ${startedAt}; the record was written with ${original})`;
  }
  for (const [column, values] of Object.entries(alternatives)) {
    const index = callFields.findIndex((f) => f.column === column);
    for (const value of values!) {
      if (value !== r[index] && tryWith(index, value))
        return `${column} changed (it says ${JSON.stringify(r[index])}; the record was written with ${JSON.stringify(value)})`;
    }
  }
  return 'its content was changed after it was written (it no longer matches its hash), or the record before it was replaced';
}

/** An instant as ISO 8601 in the given offset, with milliseconds: the form the service writes. */
function isoIn(ms: number, offset: string): string {
  const minutes = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(ms + minutes * 60_000).toISOString().slice(0, 23)}${offset === 'Z' ? 'Z' : offset}`;
}
