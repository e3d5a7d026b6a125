// The simulated SIM's messages and the network's side of SMS. Incoming messages are encoded as the network
// sends them (SMS-DELIVER PDUs, long texts split with 8- or 16-bit references) and handed over as the host's
// AT+CNMI asks: straight to the host with +CMT, or stored on the SIM with +CMTI (class-2 messages and
// mt=0/1 always). The SIM holds `capacity` messages; when it is full the network keeps the rest and retries
// after the host frees space (as an SMSC does after the phone's "memory available"), and AT+CMGW answers
// +CMS ERROR: 322. Sent messages (AT+CMGS) are kept for tests and can draw an automatic reply.
import { bytesToHex, decodePdu, encodeAddress, encodeDeliver, encodeTimestamp } from '../modem/index.ts';
import type { SimClock } from './clock.ts';
import type { Line } from './line.ts';
import type { SimLog } from './log.ts';
import type { Effect, StoredSms } from './profiles/profile.ts';
import type { SmsSpec } from './schemas.ts';

export type SentSms = {
  at: string;
  to: string;
  text: string | null;
  reference: number;
  pdu: string;
  concat: { reference: number; total: number; sequence: number } | null;
};

export type SmsDelivery = { parts: number; delivered: Array<'cmt' | 'stored' | 'held'> };

export type SmsCounts = { cmt: number; stored: number; held: number; heldPeak: number; lostAtNetwork: number };

type Pending = { pdu: string; tpduLength: number; messageClass: number | null };

/** Beyond this many waiting messages the simulated SMSC gives up on the oldest (its validity runs out). */
const networkQueueLimit = 100_000;
/** The network retries a held message this long (simulated) after the SIM has room again. */
const retryAfterMs = 500;

/** The acknowledgement an operator's report number answers with (10086999's, as quoted by kjw.cc, 2011). */
const reportAck = '尊敬的客户：您向我公司转发的不良信息已收到，感谢您的支持，我公司将会根据您提供的信息进行查证和处理，谢谢！';
export const defaultAutoReplies: Record<string, string> = {
  '10086999': reportAck,
  '10010999': reportAck,
  '10000999': reportAck,
  '12321': '您的举报已收到，12321举报中心将依法依规处理，感谢您的支持！',
};

export type SimSms = {
  deliver(spec: SmsSpec): Promise<SmsDelivery>;
  /** Puts a message on the SIM as if it arrived before the host opened the port (no indication). */
  preload(spec: SmsSpec): void;
  effect(e: Effect): void;
  messages(): StoredSms[];
  sent(): SentSms[];
  counts(): SmsCounts;
};

export function createSimSms(options: {
  line: Line;
  clock: SimClock;
  log: SimLog;
  capacity?: number;
  autoReplies?: Record<string, string>;
  offsetMinutes?: number;
}): SimSms {
  const { line, clock, log } = options;
  const config = line.profile.sms;
  const capacity = options.capacity ?? config?.capacity ?? 0;
  const firstIndex = config?.firstIndex ?? 1;
  const offsetMinutes = options.offsetMinutes ?? 480;
  const autoReplies = options.autoReplies ?? defaultAutoReplies;
  const stored = new Map<number, StoredSms>();
  const held: Pending[] = [];
  const sent: SentSms[] = [];
  const counts: SmsCounts = { cmt: 0, stored: 0, held: 0, heldPeak: 0, lostAtNetwork: 0 };
  let reference = 0;
  let retryTimer: Promise<unknown> | null = null;
  let announcedFull = false;

  line.smsView = () => ({
    messages: [...stored.values()],
    capacity,
    firstIndex,
    registered: line.state.sim && line.state.network,
  });

  const freeIndex = (): number | null => {
    for (let i = firstIndex; i < firstIndex + capacity; i++) if (!stored.has(i)) return i;
    return null;
  };

  const pdusFor = (spec: SmsSpec): Pending[] => {
    reference = (reference + 1) & 0xffff;
    const bits = spec.referenceBits ?? 8;
    const hex = encodeDeliver(spec.from, spec.text, {
      sentAt: clock.date(),
      offsetMinutes,
      reference: bits === 8 ? reference & 0xff : reference,
      referenceBits: bits,
      smsc: '+8613800100500',
      ...(spec.class !== undefined ? { messageClass: spec.class } : {}),
    });
    return hex.map((pdu) => ({ pdu, tpduLength: pdu.length / 2 - 1 - parseInt(pdu.slice(0, 2), 16), messageClass: spec.class ?? null }));
  };

  const hold = (p: Pending) => {
    if (held.length >= networkQueueLimit) {
      held.shift();
      counts.lostAtNetwork++;
    }
    held.push(p);
    counts.held++;
    counts.heldPeak = Math.max(counts.heldPeak, held.length);
  };

  const reachable = () => line.plugged && !line.frozen && !line.replaying && line.state.sim && line.state.network;

  /** One PDU to the host, the way its +CNMI asks; 'held' when it cannot take it now. */
  const handOver = async (p: Pending): Promise<'cmt' | 'stored' | 'held'> => {
    if (!reachable()) {
      hold(p);
      return 'held';
    }
    const mt = line.state.cnmi[1];
    if (mt >= 2 && p.messageClass !== 2 && line.state.cmgf === 0) {
      const stamp = await line.write(`\r\n+CMT: ,${p.tpduLength}\r\n${p.pdu}\r\n`);
      if (stamp) {
        counts.cmt++;
        return 'cmt';
      }
      hold(p);
      return 'held';
    }
    const index = freeIndex();
    if (index === null) {
      hold(p);
      if (!announcedFull && config?.memoryFull?.length) void line.unsolicited(config.memoryFull);
      announcedFull = true;
      log.add('event', `SIM full (${capacity}): the network holds the message (${held.length} waiting)`);
      return 'held';
    }
    stored.set(index, { index, stat: 0, pdu: p.pdu, tpduLength: p.tpduLength });
    counts.stored++;
    if (mt >= 1) void line.unsolicited([`+CMTI: "${line.state.cpms}",${index}`]);
    return 'stored';
  };

  /** After the SIM has room again (or the line came back), the network retries what it holds. */
  const retryHeld = () => {
    if (retryTimer || held.length === 0) return;
    retryTimer = clock.wait(retryAfterMs).then(async () => {
      retryTimer = null;
      while (held.length > 0 && reachable() && (line.state.cnmi[1] >= 2 || freeIndex() !== null)) {
        const p = held.shift()!;
        const outcome = await handOver(p);
        if (outcome === 'held') break; // handOver put it back at the end; try again later
      }
      if (held.length > 0 && reachable()) retryHeld();
    });
  };

  const reportFor = (s: SentSms) => {
    // A status report when the host asked for one (+CNMI ds=1: +CDS directly): delivered, status 00.
    if (line.state.cnmi[3] !== 1) return;
    const ts = bytesToHex(encodeTimestamp(clock.date(), offsetMinutes));
    const tpdu = `06${s.reference.toString(16).padStart(2, '0').toUpperCase()}${bytesToHex(encodeAddress(s.to))}${ts}${ts}00`;
    void line.write(`\r\n+CDS: ${tpdu.length / 2}\r\n00${tpdu}\r\n`);
  };

  /** TP-SRR of a submitted PDU (after its SMSC field): did the host ask for a status report? */
  const wantsReport = (pdu: string) => {
    const smscOctets = parseInt(pdu.slice(0, 2), 16);
    return (parseInt(pdu.slice(2 + smscOctets * 2, 4 + smscOctets * 2), 16) & 0x20) !== 0;
  };

  const api: SimSms = {
    async deliver(spec) {
      const pdus = pdusFor(spec);
      const delivered: SmsDelivery['delivered'] = [];
      for (const p of pdus) delivered.push(await handOver(p));
      log.add('event', `SMS from ${spec.from} (${pdus.length} part${pdus.length === 1 ? '' : 's'}): ${delivered.join(', ')}`);
      return { parts: pdus.length, delivered };
    },
    preload(spec) {
      for (const p of pdusFor(spec)) {
        const index = freeIndex();
        if (index === null) throw new Error(`the simulated SIM is full (${capacity} messages)`);
        stored.set(index, { index, stat: 0, pdu: p.pdu, tpduLength: p.tpduLength });
      }
    },
    effect(e) {
      if (e.kind === 'sms-read') {
        for (const i of e.indexes) {
          const m = stored.get(i);
          if (m && m.stat === 0) stored.set(i, { ...m, stat: 1 });
        }
      } else if (e.kind === 'sms-delete') {
        for (const i of e.indexes) stored.delete(i);
        if (freeIndex() !== null) announcedFull = false;
        retryHeld();
      } else if (e.kind === 'sms-store') {
        stored.set(e.index, { index: e.index, stat: 2, pdu: e.pdu, tpduLength: e.pdu.length / 2 - 1 - parseInt(e.pdu.slice(0, 2), 16) });
      } else if (e.kind === 'sms-send') {
        const d = decodePdu(e.pdu);
        const to = d.type === 'submit' ? d.recipient.value : '';
        const s: SentSms = {
          at: clock.date().toISOString(),
          to,
          text: d.type === 'submit' ? d.text : null,
          reference: e.reference,
          pdu: e.pdu,
          concat: d.type === 'submit' && d.concat ? { reference: d.concat.reference, total: d.concat.total, sequence: d.concat.sequence } : null,
        };
        sent.push(s);
        log.add('event', `SMS sent to ${to} (reference ${e.reference})`);
        if (wantsReport(e.pdu) && to) void clock.wait(1000).then(() => reportFor(s));
        const reply = autoReplies[to];
        // One reply per message, after its last part.
        if (reply && (!s.concat || s.concat.sequence === s.concat.total)) {
          void clock.wait(3000).then(() => api.deliver({ from: to, text: reply }));
        }
      }
    },
    messages: () => [...stored.values()].sort((a, b) => a.index - b.index),
    sent: () => sent.slice(),
    counts: () => ({ ...counts }),
  };
  return api;
}
