// From what the modem handed over to what the record keeps, and from recorded parts to the messages people
// read. Pure. A received PDU becomes one chained SMS entry (the PDU itself is the evidence; the decoded fields
// are what the screens and reports use); messages are joined from those entries the same way every time, so
// the Messages page, the exports and the report always agree.
import type { Incident, Message, SenderLabel, SmsRecord } from '../../shared/domain.ts';
import { flagText, type MessageKeywords } from '../../shared/message-flags.ts';
import { decodePdu, joinParts, type DecodedPdu, type ReceivedPdu } from '../modem/index.ts';

/** What history.recordSms takes (the same shape as the history's NewSms). */
export type NewSms = Omit<SmsRecord, 'id' | 'hash'>;

export type RecordContext = {
  simulated: boolean;
  timeZone: string;
  /** When Ringfence read it, ISO 8601 with the local offset. */
  receivedAt: string;
  normalize: (number: string) => string | null;
  label: (party: string) => { label: SenderLabel; ruleId: string | null; ruleLabel: string | null };
};

const partyOf = (d: DecodedPdu | null) => (d === null ? null : d.type === 'deliver' ? d.sender : d.recipient);

/** The entry for one received PDU. An undecodable PDU is still recorded, with why, and its raw hex. */
export function smsFromReceived(r: ReceivedPdu, ctx: RecordContext): NewSms {
  const d = r.decoded;
  const party = partyOf(d);
  const number = party?.kind === 'number' && party.value !== '' ? party.value : null;
  const labelled = party && party.value !== '' ? ctx.label(party.value) : { label: 'unknown' as const, ruleId: null, ruleLabel: null };
  return {
    lineId: r.lineId,
    simulated: ctx.simulated,
    direction: d?.type === 'status-report' ? 'status-report' : d?.type === 'submit' ? 'sent' : 'received',
    receivedAt: ctx.receivedAt,
    timeZone: ctx.timeZone,
    networkTime: d && d.type !== 'submit' ? d.sentAt : null,
    party: party?.value || null,
    partyKind: party ? party.kind : null,
    normalized: number ? ctx.normalize(number) : null,
    text: d && d.type !== 'status-report' ? d.text : null,
    encoding: d && d.type !== 'status-report' ? d.encoding : null,
    concat: d && d.type !== 'status-report' ? d.concat : null,
    pdu: r.pdu,
    source: r.source,
    ...labelled,
    problems: r.error ? [`not decoded: ${r.error}`] : (d?.problems ?? []),
    incidentId: null,
    reference: d?.type === 'status-report' ? d.reference : null,
    status: d?.type === 'status-report' ? d.status : null,
  };
}

/**
 * The entry for one part Ringfence sent (AT+CMGS): its SUBMIT PDU as written, decoded back, with the
 * network's reference for it and the incident the message was about.
 */
export function smsFromSent(pdu: string, reference: number | null, sentAt: Date, ctx: RecordContext & { lineId: string; incidentId: number | null }): NewSms {
  const entry = smsFromReceived(
    { lineId: ctx.lineId, pdu, tpduLength: null, source: 'stored', storage: null, receivedAt: sentAt, decoded: decodeQuietly(pdu), error: null },
    ctx,
  );
  return { ...entry, direction: 'sent', source: 'sent', reference, incidentId: ctx.incidentId, networkTime: null };
}

function decodeQuietly(pdu: string): DecodedPdu | null {
  try {
    return decodePdu(pdu);
  } catch {
    return null;
  }
}

/** The incident whose time span holds this moment (an SMS flood counts toward the incident it arrived in). */
export function incidentAt(ms: number, incidents: readonly Incident[]): number | null {
  for (const i of incidents) {
    const start = Date.parse(i.startedAt);
    const end = i.endedAt ? Date.parse(i.endedAt) : Number.POSITIVE_INFINITY;
    if (ms >= start && ms <= end) return i.id;
  }
  return null;
}

/** Recorded entries (oldest first) → whole messages, each with its keyword flags and incident. */
export function messagesFrom(parts: readonly SmsRecord[], keywords: MessageKeywords, incidents: readonly Incident[]): Message[] {
  const joined = joinParts(
    parts.map((p) => ({
      concat: p.concat && p.party ? { lineId: p.lineId, sender: `${p.direction}:${p.party}`, ...p.concat } : null,
      receivedMs: Date.parse(p.receivedAt),
      text: p.direction === 'status-report' ? null : p.text,
      item: p,
    })),
  );
  return joined.map((m) => {
    const first = m.parts[0]!.item;
    const text = first.direction === 'status-report' ? `status ${first.status ?? '?'} for reference ${first.reference ?? '?'}` : m.text;
    return {
      id: first.id,
      lineId: first.lineId,
      simulated: first.simulated,
      direction: first.direction,
      receivedAt: first.receivedAt,
      networkTime: first.networkTime,
      party: first.party,
      partyKind: first.partyKind,
      normalized: first.normalized,
      label: first.label,
      ruleLabel: first.ruleLabel,
      text,
      complete: m.complete,
      total: m.total,
      missing: m.missing,
      partIds: m.parts.map((p) => p.item.id),
      flags: first.direction === 'received' ? flagText(text, keywords) : { alert: [], code: [] },
      incidentId: first.incidentId ?? incidentAt(m.firstReceivedMs, incidents),
    };
  });
}
