// SMS on one GSM line: the imperative shell around the PDU codec. After every (re)initialisation it puts
// the modem in PDU mode, asks for new-message reports (direct delivery with +CMT where the modem takes it,
// +CMTI and read-and-delete otherwise) and sweeps what is already stored. A stored message is deleted only
// after the owner says it is durably recorded, so a crash, a full disk or an unplug leaves it on the SIM to
// be read again; a periodic sweep catches an indication lost on the way. It also sends (AT+CMGS).
//
// SMS work never delays a hang-up: each step waits until no call is in progress, and hang-ups jump the
// AT queue. A long AT+CMGS is the exception the user asked for (sending happens only when they confirm).
import type { AtChannel, AtResult } from '../at-channel.ts';
import { describeError } from '../result-codes.ts';
import { decodePdu, type DecodedPdu } from './pdu.ts';
import { deliveryLength, isPduLine, parseCmgl, parseCmgr, parseCmgs, parseCpms, parseStoredIndication } from './sms-lines.ts';
import { encodeSubmit } from './submit.ts';

/** One PDU as it came off the line, decoded when possible, with where it came from. */
export type ReceivedPdu = {
  lineId: string;
  /** The PDU exactly as the modem printed it (hex): the evidence. */
  pdu: string;
  /** The TPDU length the modem announced with it. */
  tpduLength: number | null;
  /** `cmt`/`cds`: delivered straight to us; `stored`: read from the SIM or phone memory. */
  source: 'cmt' | 'cds' | 'stored';
  storage: { memory: string; index: number } | null;
  receivedAt: Date;
  decoded: DecodedPdu | null;
  /** Why it could not be decoded (the raw PDU is still recorded). */
  error: string | null;
};

export type SmsMode = 'direct' | 'stored';
export type SmsState = { ready: boolean; mode: SmsMode | null; memory: string | null; used: number | null; total: number | null };

export type SendResult =
  { ok: true; references: number[]; pdus: string[] } | { ok: false; sentParts: number; references: number[]; pdus: string[]; error: string };

export type SmsReceiverOptions = {
  lineId: string;
  /** Durably record it; resolve true once it is (or already was) recorded. Until then it stays on the SIM. */
  store: (sms: ReceivedPdu) => Promise<boolean> | boolean;
  /** The stored copy of a recorded message was deleted from the modem. */
  deleted?: (sms: ReceivedPdu) => void;
  /** No call in progress (SMS commands wait for it). */
  idle: () => boolean;
  wallClock: () => Date;
  later: (fn: () => void, ms: number) => () => void;
  log: (dir: 'info' | 'warn', text: string) => void;
  state: (s: SmsState) => void;
  /** How often to sweep the storage for messages an indication never announced (default 5 min). */
  sweepEveryMs?: number;
  /** How long AT+CMGS may take (network round trip). */
  sendTimeoutMs?: number;
};

// Direct delivery of messages (+CMT) and status reports (+CDS) first; then stored with indications.
const cnmiChoices: [string, SmsMode][] = [
  ['AT+CNMI=2,2,0,1,0', 'direct'],
  ['AT+CNMI=2,1,0,2,0', 'stored'],
  ['AT+CNMI=2,1,0,0,0', 'stored'],
  ['AT+CNMI=1,1,0,0,0', 'stored'],
  ['AT+CNMI=2,1', 'stored'],
];

function decode(pdu: string, length: number | null): { decoded: DecodedPdu | null; error: string | null } {
  try {
    return { decoded: decodePdu(pdu, length ?? undefined), error: null };
  } catch (error) {
    return { decoded: null, error: (error as Error).message };
  }
}

export class SmsReceiver {
  #o: SmsReceiverOptions;
  #channel: AtChannel | null = null;
  #state: SmsState = { ready: false, mode: null, memory: null, used: null, total: null };
  #queue: (() => Promise<void>)[] = [];
  #queued = new Set<string>();
  #working = false;
  #stopSweep: (() => void) | null = null;
  #retryAt = 0;
  #reference = Math.floor(Math.random() * 256);

  constructor(options: SmsReceiverOptions) {
    this.#o = options;
  }

  get state(): SmsState {
    return { ...this.#state };
  }

  #set(patch: Partial<SmsState>) {
    this.#state = { ...this.#state, ...patch };
    this.#o.state(this.state);
  }

  /** After the line is initialised: PDU mode, indications, storage, then a sweep. */
  async start(channel: AtChannel): Promise<void> {
    this.#channel = channel;
    this.#queue = [];
    this.#queued.clear();
    const cmgf = await channel.send('AT+CMGF=0');
    if (this.#channel !== channel) return;
    if (cmgf.status !== 'ok') {
      this.#o.log('warn', `SMS: the modem refused PDU mode (${this.#why(cmgf)}); messages are not recorded on this line`);
      this.#set({ ready: false, mode: null });
      return;
    }
    // One memory for reading, deleting and new messages, so an index from +CMTI is an index we can read.
    let storage = await channel.send('AT+CPMS="SM","SM","SM"', { expect: '+CPMS' });
    if (storage.status === 'error') storage = await channel.send('AT+CPMS="ME","ME","ME"', { expect: '+CPMS' });
    const use = storage.status === 'ok' ? parseCpms(storage.lines) : null;
    const memory = storage.status === 'ok' ? (/"ME"/.test(storage.command) ? 'ME' : 'SM') : null;
    let mode: SmsMode | null = null;
    for (const [command, m] of cnmiChoices) {
      const r = await channel.send(command);
      if (r.status === 'ok') {
        mode = m;
        break;
      }
      if (r.status !== 'error') return;
    }
    if (this.#channel !== channel) return;
    if (!mode) this.#o.log('warn', 'SMS: the modem refused every new-message report setting; stored messages are swept every few minutes');
    this.#set({ ready: true, mode, memory, used: use?.used ?? null, total: use?.total ?? null });
    this.#o.log('info', `SMS: PDU mode, ${mode ?? 'no'} new-message reports, memory ${memory ?? 'default'}${use ? ` (${use.used}/${use.total})` : ''}`);
    this.#enqueue('sweep', () => this.#sweep());
    this.#scheduleSweep();
  }

  /** The line lost the modem: forget the channel; start() runs again after the next initialisation. */
  stop(): void {
    this.#channel = null;
    this.#queue = [];
    this.#queued.clear();
    this.#stopSweep?.();
    this.#stopSweep = null;
    this.#set({ ready: false });
  }

  /** An unsolicited line (and the second line of a two-line URC). True when it was an SMS line. */
  urc(line: string, body?: string): boolean {
    const stored = parseStoredIndication(line);
    if (stored) {
      this.#enqueue(`read:${stored.memory}:${stored.index}`, () => this.#read(stored.memory, stored.index));
      return true;
    }
    const delivery = deliveryLength(line);
    if (!delivery) return false;
    if (body === undefined) {
      this.#o.log('warn', `SMS: "${line}" came without its PDU; the message may be stored and is swept later`);
      this.#enqueue('sweep', () => this.#sweep());
      return true;
    }
    const received: ReceivedPdu = {
      lineId: this.#o.lineId,
      pdu: body.trim(),
      tpduLength: delivery.length,
      source: delivery.report ? 'cds' : 'cmt',
      storage: null,
      receivedAt: this.#o.wallClock(),
      ...decode(body.trim(), delivery.length),
    };
    // Direct delivery is not on the SIM: recording it is all there is to do. A failed write is retried by
    // the owner's queue, which never drops a record.
    void Promise.resolve(this.#o.store(received)).catch((e: Error) => this.#o.log('warn', `SMS: could not record a delivered message: ${e.message}`));
    return true;
  }

  /** Two-line URC headers this receiver reads (for the AT channel). */
  static twoLineUrc(line: string): boolean {
    return deliveryLength(line) !== null;
  }

  static isBody = isPduLine;

  #why(r: AtResult) {
    return r.final ? describeError(r.final) : r.status;
  }

  #enqueue(key: string, task: () => Promise<void>) {
    if (this.#queued.has(key)) return;
    this.#queued.add(key);
    this.#queue.push(async () => {
      this.#queued.delete(key);
      await task();
    });
    void this.#work();
  }

  async #work() {
    if (this.#working) return;
    this.#working = true;
    try {
      while (this.#queue.length > 0 && this.#channel) {
        await this.#whenIdle();
        const task = this.#queue.shift();
        if (!task) break;
        try {
          await task();
        } catch (error) {
          this.#o.log('warn', `SMS: ${(error as Error).message}`);
        }
      }
    } finally {
      this.#working = false;
    }
  }

  #whenIdle(): Promise<void> {
    if (this.#o.idle()) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => (this.#o.idle() || !this.#channel ? resolve() : this.#o.later(check, 200));
      this.#o.later(check, 200);
    });
  }

  #scheduleSweep() {
    this.#stopSweep?.();
    const every = this.#o.sweepEveryMs ?? 5 * 60_000;
    const tick = () => {
      this.#enqueue('sweep', () => this.#sweep());
      this.#stopSweep = this.#o.later(tick, every);
    };
    this.#stopSweep = this.#o.later(tick, every);
  }

  async #useMemory(channel: AtChannel, memory: string): Promise<boolean> {
    if (this.#state.memory === memory) return true;
    const r = await channel.send(`AT+CPMS="${memory}"`, { expect: '+CPMS' });
    if (r.status !== 'ok') {
      this.#o.log('warn', `SMS: cannot read memory ${memory} (${this.#why(r)})`);
      return false;
    }
    const use = parseCpms(r.lines);
    this.#set({ memory, used: use?.used ?? this.#state.used, total: use?.total ?? this.#state.total });
    return true;
  }

  async #read(memory: string, index: number): Promise<void> {
    const channel = this.#channel;
    if (!channel || !(await this.#useMemory(channel, memory))) return;
    const r = await channel.send(`AT+CMGR=${index}`, { expect: '+CMGR', dataAfterExpect: true });
    if (r.status !== 'ok') {
      // An empty slot answers ERROR or +CMS ERROR: 321: someone (a sweep) already took it.
      this.#o.log('info', `SMS: nothing to read at ${memory} ${index} (${this.#why(r)})`);
      return;
    }
    const m = parseCmgr(r.lines);
    if (!m) return;
    await this.#takeStored(channel, { memory, index, length: m.length, pdu: m.pdu });
  }

  async #sweep(): Promise<void> {
    const channel = this.#channel;
    if (!channel) return;
    const list = await channel.send('AT+CMGL=4', { expect: '+CMGL', dataAfterExpect: true, timeoutMs: 20_000 });
    if (list.status !== 'ok') {
      this.#o.log('warn', `SMS: could not list stored messages (${this.#why(list)})`);
      return;
    }
    const entries = parseCmgl(list.lines);
    const memory = this.#state.memory ?? 'SM';
    if (entries.length) this.#o.log('info', `SMS: ${entries.length} stored message(s) to record`);
    for (const e of entries) {
      if (this.#channel !== channel) return;
      await this.#whenIdle();
      await this.#takeStored(channel, { memory, index: e.index, length: e.length, pdu: e.pdu });
    }
    const use = parseCpms((await channel.send('AT+CPMS?', { expect: '+CPMS' })).lines);
    if (use) this.#set({ used: use.used, total: use.total });
  }

  /** Record, then delete: the order that loses nothing. */
  async #takeStored(channel: AtChannel, m: { memory: string; index: number; length: number; pdu: string }) {
    const received: ReceivedPdu = {
      lineId: this.#o.lineId,
      pdu: m.pdu,
      tpduLength: m.length,
      source: 'stored',
      storage: { memory: m.memory, index: m.index },
      receivedAt: this.#o.wallClock(),
      ...decode(m.pdu, m.length),
    };
    let stored = false;
    try {
      stored = await this.#o.store(received);
    } catch (error) {
      this.#o.log('warn', `SMS: recording ${m.memory} ${m.index} failed: ${(error as Error).message}`);
    }
    if (!stored) {
      // Left on the SIM; the next sweep tries again (no sooner than 5 s, so a failing disk is not hammered).
      const now = Date.now();
      if (now >= this.#retryAt) {
        this.#retryAt = now + 5000;
        this.#o.later(() => this.#enqueue('sweep', () => this.#sweep()), 5000);
      }
      return;
    }
    const del = await channel.send(`AT+CMGD=${m.index}`);
    if (del.status === 'ok') {
      this.#o.deleted?.(received);
      if (this.#state.used !== null && this.#state.used > 0) this.#set({ used: this.#state.used - 1 });
    } else this.#o.log('warn', `SMS: recorded but could not delete ${m.memory} ${m.index} (${this.#why(del)}); it will not be recorded twice`);
  }

  /**
   * Sends a text, split into as many parts as it needs. Resolves with the network's reference of every part
   * sent; stops at the first part the modem or the network refuses.
   */
  async send(to: string, text: string, options: { statusReport?: boolean } = {}): Promise<SendResult> {
    const channel = this.#channel;
    if (!channel || !this.#state.ready) return { ok: false, sentParts: 0, references: [], pdus: [], error: 'the line is not ready for SMS' };
    this.#reference = (this.#reference + 1) & 0xff;
    const pdus = encodeSubmit(to, text, { reference: this.#reference, statusReport: options.statusReport ?? true });
    const references: number[] = [];
    for (const [i, p] of pdus.entries()) {
      await this.#whenIdle();
      const r = await channel.send(`AT+CMGS=${p.tpduLength}`, { expect: '+CMGS', prompt: `${p.hex}\u001a`, timeoutMs: this.#o.sendTimeoutMs ?? 60_000 });
      const reference = r.status === 'ok' ? parseCmgs(r.lines) : null;
      if (r.status !== 'ok' || reference === null) {
        const error = r.status === 'timeout' ? 'no answer from the modem' : this.#why(r);
        return { ok: false, sentParts: i, references, pdus: pdus.map((x) => x.hex), error: `part ${i + 1} of ${pdus.length} was not sent: ${error}` };
      }
      references.push(reference);
    }
    return { ok: true, references, pdus: pdus.map((x) => x.hex) };
  }
}
