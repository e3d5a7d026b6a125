// SMS in the service: every PDU a GSM line hands over is recorded in the chain (through the record writer,
// durable before the line deletes the SIM's copy), labelled by the user's rules, counted toward the shield
// incident it arrived in and announced to the UI; SMS Ringfence sends (a confirmed complaint, the opt-in
// daily checkpoint) are recorded the same way, part by part.
import type { ApiEvent } from '../../shared/api.ts';
import type { Incident, Message, SmsRecord, Text } from '../../shared/domain.ts';
import type { History, NewSms, SimSlot } from '../history/index.ts';
import { incidentAt, messagesFrom, smsFromReceived, smsFromSent, type RecordContext } from '../messages/index.ts';
import type { ReceivedPdu, SendResult } from '../modem/index.ts';
import { normalizeNumber, type Screening } from '../screening/index.ts';
import type { SettingsStore } from '../settings/index.ts';
import type { LineHooks } from './lines.ts';
import { RecordQueue } from './record-queue.ts';
import type { RecordWriter } from './record-writer.ts';
import { texts } from './texts.ts';
import { isoWithOffset, localTimeZone } from './time.ts';

export type MessageDeskOptions = {
  writer: RecordWriter;
  history: History;
  screening: Screening;
  settings: SettingsStore;
  emit: (e: ApiEvent) => void;
  notify: (code: string, level: 'info' | 'warning' | 'error', text: Text) => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  now: () => Date;
};

export type SentSms = { ok: boolean; sent: SmsRecord[]; error: string | null };

export type MessageDesk = {
  /** What the LineSet gives every line as `sms`. */
  hooks: NonNullable<LineHooks['sms']>;
  /** Records what a line sent (every part that left), with the incident it was about. */
  recordSent(lineId: string, simulated: boolean, result: SendResult, incidentId: number | null): Promise<SentSms>;
  /** Whole messages for these recorded parts, flagged with the user's keywords. */
  messages(parts: readonly SmsRecord[]): Message[];
  /** Writes what is still queued (at shutdown); resolves with how many could not be written. */
  flush(): Promise<number>;
  close(): void;
};

type Pending = { sms: NewSms; onSim: SimSlot | null };

export function messageDesk(o: MessageDeskOptions): MessageDesk {
  const context = (simulated: boolean, at: Date): RecordContext => ({
    simulated,
    timeZone: localTimeZone(),
    receivedAt: isoWithOffset(at),
    normalize: (n) => normalizeNumber(n, o.settings.get().homeCountry),
    label: (party) => o.screening.labelSender(party),
  });
  const incidents = (): Incident[] => {
    try {
      return o.screening.incidents();
    } catch {
      return [];
    }
  };
  const messages = (parts: readonly SmsRecord[]) => messagesFrom(parts, o.settings.get().messages.keywords, incidents());
  const announce = (record: SmsRecord) => {
    const [message] = messages([record]);
    if (message) o.emit({ type: 'message-received', message });
  };

  // Messages delivered straight to us (+CMT/+CDS) exist nowhere else: they are queued and retried until the
  // store takes them, like call records, never dropped.
  const queue = new RecordQueue<Pending, SmsRecord>({
    write: (p) => o.writer.recordSms(p.sms, p.onSim),
    written: (record) => announce(record),
    failing: (error, pending) => o.notify('sms-write-failing', 'error', texts.smsWriteFailing(error.message, pending)),
    recovered: (flushed) => o.notify('sms-write-recovered', 'info', texts.smsWriteRecovered(flushed)),
  });

  // Where Ringfence sent a complaint, a reply from that number within a week belongs to the same incident.
  const complaintWeekMs = 7 * 24 * 3600_000;
  function complaintIncident(party: string | null, at: number): number | null {
    if (!party) return null;
    const sent = o.history.listSms({ party, fromMs: at - complaintWeekMs, order: 'newest', limit: 50 });
    return sent.find((s) => s.direction === 'sent' && s.party === party && s.incidentId !== null)?.incidentId ?? null;
  }

  function entryFor(received: ReceivedPdu, simulated: boolean): NewSms {
    const entry = smsFromReceived(received, context(simulated, received.receivedAt));
    if (entry.direction !== 'received') return entry;
    const at = received.receivedAt.getTime();
    // The operator's reply to a complaint goes with the complaint's incident; any other SMS counts toward the
    // shield incident it arrived during (an SMS flood beside a call flood).
    return { ...entry, incidentId: complaintIncident(entry.party, at) ?? incidentAt(at, incidents()) };
  }

  const slotOf = (received: ReceivedPdu): SimSlot | null => (received.storage ? { memory: received.storage.memory, slot: received.storage.index } : null);

  return {
    hooks: {
      async store(received, simulated) {
        const sms = entryFor(received, simulated);
        const onSim = slotOf(received);
        if (!onSim) {
          queue.push({ sms, onSim });
          return true;
        }
        // On the SIM: true only once it is in the chain; until then the line leaves it there and reads it again.
        try {
          const record = await o.writer.recordSms(sms, onSim);
          announce(record);
          return true;
        } catch (error) {
          o.log('warn', `SMS from ${received.lineId} slot ${onSim.memory} ${onSim.slot} not saved yet (kept on the SIM): ${(error as Error).message}`);
          return false;
        }
      },
      deleted(received) {
        const onSim = slotOf(received);
        if (onSim) void o.writer.smsDeleted(received.lineId, onSim, received.pdu).catch((e: Error) => o.log('warn', `SMS slot bookkeeping: ${e.message}`));
      },
    },
    async recordSent(lineId, simulated, result, incidentId) {
      const at = o.now();
      const sent: SmsRecord[] = [];
      const parts = result.ok ? result.pdus.length : result.sentParts;
      for (let i = 0; i < parts; i++) {
        const entry = smsFromSent(result.pdus[i]!, result.references[i] ?? null, at, { ...context(simulated, at), lineId, incidentId });
        try {
          sent.push(await o.writer.recordSms(entry, null));
        } catch {
          // It left the modem: it must reach the record, so it waits in the queue like a delivered message.
          queue.push({ sms: entry, onSim: null });
        }
      }
      return { ok: result.ok, sent, error: result.ok ? null : result.error };
    },
    messages,
    flush: () => queue.flush(),
    close: () => queue.close(),
  };
}
