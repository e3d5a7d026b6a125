// A Line: one modem, kept working. Opens the port, identifies the modem, picks its profile and initialises
// it, then screens calls through the call tracker. It reconnects forever (backoff) when the port goes away,
// re-initialises when the modem stops answering, and re-checks caller ID periodically, because modems
// forget it. The imperative shell around the pure parser and the tracker.
import { EventEmitter } from 'node:events';
import { basename } from 'node:path';
import type { LineStatus } from '../../shared/domain.ts';
import { createAtChannel, type AtChannel } from './at-channel.ts';
import { createCallerIdParser, type CallSignal } from './caller-id-parser.ts';
import { createCallTracker, defaultTiming, type CallTracker, type EndedCall, type LineTiming } from './call-tracker.ts';
import { parseClcc, type ClccEntry } from './clcc.ts';
import { hangupChain, runHangup, type HangupResult } from './hangup.ts';
import type { Line, LineEvents, LineOptions } from './line-api.ts';
import type { Charset } from './charset.ts';
import { createLatencyTrace, type LatencyTrace } from './latency-trace.ts';
import { createLineGate, type LineGate } from './gate/line-gate.ts';
import { createLineSplitter } from './line-splitter.ts';
import type { Profile } from './profiles/profile.ts';
import type { SerialLink } from './port.ts';
import { openSerial } from './serial.ts';
import { bringUp, readSignal, recheckCallerId } from './setup.ts';
import { problem } from './status.ts';
import { SmsReceiver, type SendResult, type SmsState } from './sms/receiver.ts';

export type { EndedCall, Line, LineEvents, LineOptions, LineTiming };

/** Two failed re-initialisations in a row: the port itself is suspect, so reopen it. */
const REOPEN_AFTER_FAILED_RECOVERIES = 2;

class ModemLine extends EventEmitter<LineEvents> implements Line {
  readonly id: string;
  #o: LineOptions;
  #timing: LineTiming;
  #clock: () => number;
  #status: LineStatus;
  #profile: Profile | null = null;
  #closed = false;
  #link: SerialLink | null = null;
  #channel: AtChannel | null = null;
  #tracker: CallTracker;
  #gate: LineGate | null;
  #trace: LatencyTrace | null;
  /** The character set the modem speaks since its initialisation (names come decoded from it). */
  #charset: Charset = null;
  #parser = createCallerIdParser({ charset: () => this.#charset });
  #recovering = false;
  #failedRecoveries = 0;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #recheckTimer: ReturnType<typeof setInterval> | null = null;
  #wake: (() => void) | null = null;
  #sms: SmsReceiver | null;
  #run: Promise<void>;

  constructor(options: LineOptions) {
    super();
    this.id = options.id;
    this.#o = options;
    this.#timing = { ...defaultTiming, ...options.timing };
    this.#clock = options.clock ?? (() => performance.now());
    this.#status = {
      id: options.id,
      path: options.path,
      label: basename(options.path),
      simulated: false,
      kind: null,
      state: 'connecting',
      profile: null,
      manufacturer: null,
      model: null,
      firmware: null,
      imei: null,
      sim: null,
      operator: null,
      signal: null,
      callerIdConfirmed: false,
      hangupMethod: options.hangupMethod ?? 'auto',
      problem: null,
      gate: null,
    };
    this.#trace = options.latency ? createLatencyTrace(this.#clock, options.latency) : null;
    this.#gate = options.gate
      ? createLineGate(options.gate, {
          openPort: options.openPort ?? openSerial,
          later: (fn, ms) => this.#later(fn, ms),
          clock: this.#clock,
          log: (dir, text) => this.#log(dir, text),
        })
      : null;
    this.#tracker = this.#createTracker();
    this.#sms = this.#createSms();
    this.#run = this.#loop();
  }

  status(): LineStatus {
    return { ...this.#status };
  }

  ready(timeoutMs = 10_000): Promise<void> {
    if (this.#status.state === 'ready') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`line ${this.id} not ready within ${timeoutMs} ms (state ${this.#status.state})`)), timeoutMs);
      const onStatus = (s: LineStatus) => {
        if (s.state === 'ready') finish(null);
        else if (s.problem && (s.state === 'error' || s.state === 'degraded' || s.state === 'disconnected'))
          finish(new Error(`${s.problem.code}: ${s.problem.text.en}`));
      };
      const finish = (error: Error | null) => {
        clearTimeout(timer);
        this.off('status', onStatus);
        if (error) reject(error);
        else resolve();
      };
      this.on('status', onStatus);
    });
  }

  smsState(): SmsState {
    return this.#sms?.state ?? { ready: false, mode: null, memory: null, used: null, total: null };
  }

  sendSms(to: string, text: string): Promise<SendResult> {
    if (!this.#sms) return Promise.resolve({ ok: false, sentParts: 0, references: [], pdus: [], error: 'SMS is not enabled on this line' });
    return this.#sms.send(to, text);
  }

  async close(): Promise<void> {
    if (this.#closed) return this.#run;
    this.#closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    if (this.#recheckTimer) clearInterval(this.#recheckTimer);
    this.#tracker.lineLost();
    this.#sms?.stop();
    this.#channel?.close();
    await this.#link?.close();
    this.#wake?.();
    await this.#run;
  }

  // --- plumbing -------------------------------------------------------------------------------------

  #log(dir: 'in' | 'out' | 'info' | 'warn', text: string) {
    this.#o.log?.({ dir, text, at: this.#clock() });
  }

  #emit<E extends keyof LineEvents>(event: E, ...args: LineEvents[E]) {
    try {
      (this.emit as (event: string, ...args: unknown[]) => boolean)(event, ...args);
    } catch (error) {
      // A listener's exception must not stop the modem being read.
      this.#log('warn', `a '${event}' listener threw: ${(error as Error).message}`);
    }
  }

  #setStatus(patch: Partial<LineStatus>) {
    this.#status = { ...this.#status, ...patch };
    this.#emit('status', this.status());
  }

  #later(fn: () => void, ms: number): () => void {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      if (!this.#closed) fn();
    }, ms);
    this.#timers.add(t);
    return () => {
      clearTimeout(t);
      this.#timers.delete(t);
    };
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const stop = this.#later(() => {
        this.#wake = null;
        resolve();
      }, ms);
      this.#wake = () => {
        stop();
        this.#wake = null;
        resolve();
      };
    });
  }

  #createTracker(): CallTracker {
    return createCallTracker({
      lineId: this.id,
      kind: () => this.#profile?.kind ?? 'gsm',
      clock: this.#clock,
      wallClock: () => new Date(),
      timing: this.#timing,
      setTimer: (fn, ms) => this.#later(fn, ms),
      decide: (callerId, call) => {
        this.#trace?.decideStart(call.key);
        const decision = this.#o.decide(callerId, { ...call, canGate: this.#gate?.canGate() ?? false });
        this.#trace?.decideEnd(call.key);
        return decision;
      },
      ...(this.#o.hangsUpWhateverName ? { hangsUpWhateverName: this.#o.hangsUpWhateverName } : {}),
      hangup: (action, callerId, callbacks, key) => {
        const trace = this.#trace;
        const channel = this.#channel;
        const profile = this.#profile;
        if (!channel || !profile) return { done: Promise.resolve({ ok: false, tried: [] }), cancel() {} };
        const chain = hangupChain(profile.kind, profile.hangupChain, this.#status.hangupMethod, action);
        return runHangup(profile.kind, chain, {
          channel,
          number: callerId.number,
          pauseMs: this.#timing.hangupPauseMs,
          ...callbacks,
          onWritten: (command, at) => {
            if (trace) trace.hangupWritten(key, at);
            callbacks.onWritten(command, at);
          },
          sleep: (ms) => new Promise((r) => this.#later(() => r(), ms)),
        });
      },
      releaseWaiting: ({ onWritten }) => {
        const channel = this.#channel;
        if (!channel) return { done: Promise.resolve({ ok: false, tried: [] }), cancel() {} };
        const command = 'AT+CHLD=0';
        const done = channel
          .send(command, { priority: true, onWritten: (at) => onWritten(command, at) })
          .then((r): HangupResult => (r.status === 'ok' ? { ok: true, method: 'chld', command } : { ok: false, tried: [command] }));
        return { done, cancel() {} };
      },
      queryClcc: async (): Promise<ClccEntry[] | null> => {
        const r = await this.#channel?.send('AT+CLCC', { expect: '+CLCC' });
        if (!r || r.status !== 'ok') return null;
        return r.lines.map((l) => parseClcc(l, this.#charset)).filter((e): e is ClccEntry => e !== null);
      },
      flushBlock: () => this.#signals(this.#parser.flush()),
      emit: (event, payload) => {
        if (this.#trace) {
          if (event === 'caller-id') this.#trace.callerId((payload as { key: string }).key, (payload as { at: number }).at);
          else if (event === 'call-ended') this.#trace.ended(payload as EndedCall);
        }
        this.#emit(event, payload as never);
      },
      callerIdMissing: () => {
        this.#later(() => void this.#periodicCheck(), 0);
      },
      gate: (callerId, _key, done) => {
        const channel = this.#channel;
        if (!this.#gate || !channel) {
          done({
            method: this.#status.gate?.method ?? 'simcom-tts',
            result: 'error',
            asked: null,
            pressed: null,
            heldMs: null,
            waitSeconds: 0,
            detail: 'the line is not ready',
          });
          return { cancel() {} };
        }
        return this.#gate.start(channel, this.#link, callerId, done);
      },
    });
  }

  #createSms(): SmsReceiver | null {
    const sms = this.#o.sms;
    if (!sms) return null;
    return new SmsReceiver({
      lineId: this.id,
      store: sms.store,
      ...(sms.deleted ? { deleted: sms.deleted } : {}),
      ...(sms.sweepEveryMs ? { sweepEveryMs: sms.sweepEveryMs } : {}),
      ...(sms.sendTimeoutMs ? { sendTimeoutMs: sms.sendTimeoutMs } : {}),
      idle: () => this.#tracker.idle(),
      wallClock: () => new Date(),
      later: (fn, ms) => this.#later(fn, ms),
      log: (dir, text) => this.#log(dir, text),
      state: (state) => {
        this.#emit('sms-state', state);
        this.#setStatus({ sms: { ready: state.ready, mode: state.mode, used: state.used, total: state.total } });
      },
    });
  }

  /** SMS lines go to the SMS receiver, everything else to the caller-ID parser. */
  #urc(line: string, body?: string) {
    if (this.#sms?.urc(line, body)) return;
    // Keys and "prompt finished" reports belong to a running pass gate, not to the caller-ID parser.
    if (this.#gate?.urc(line)) return;
    this.#signals(this.#parser.push(line));
  }

  #signals(signals: CallSignal[]) {
    for (const s of signals) this.#tracker.signal(s);
  }

  // --- connection lifecycle -------------------------------------------------------------------------

  async #loop(): Promise<void> {
    const initial = this.#o.reconnect?.initialDelayMs ?? 500;
    const max = this.#o.reconnect?.maxDelayMs ?? 10_000;
    let delay = initial;
    while (!this.#closed) {
      const splitter = createLineSplitter((w) => this.#emit('warning', w));
      const opened = await (this.#o.openPort ?? openSerial)({
        path: this.#o.path,
        baudRate: this.#o.baudRate ?? 115_200,
        onData: (chunk) => {
          this.#trace?.read();
          for (const line of splitter.push(this.#gate ? this.#gate.data(chunk) : chunk)) this.#channel?.receive(line);
          // AT+CMGS: the modem's "> " has no line end; the text to send follows it.
          if (this.#channel?.awaitingPrompt() && splitter.partial().trim() === '>') this.#channel.prompt();
        },
        onWriteError: (message) => this.#log('warn', `write failed: ${message}`),
        // The device node is watched as often as a reconnect is tried: both are about noticing unplugs.
        watchMs: process.platform === 'win32' ? 0 : Math.max(100, Math.min(initial, 1000)),
      });
      if (this.#closed) {
        if (opened.ok) await opened.link.close();
        break;
      }
      if (!opened.ok) {
        const gone = opened.problem.code === 'not-found';
        if (this.#status.state !== 'disconnected' || this.#status.problem?.code !== opened.problem.code) {
          this.#setStatus({ state: gone ? 'disconnected' : 'error', problem: opened.problem });
        }
        await this.#sleep(delay);
        delay = Math.min(delay * 2, max);
        continue;
      }
      this.#link = opened.link;
      // A replugged or reset modem speaks its default set again until it is initialised.
      this.#charset = null;
      this.#parser = createCallerIdParser({ charset: () => this.#charset });
      this.#channel = createAtChannel({
        write: (text) => {
          this.#link?.write(text);
          this.#trace?.written();
        },
        writeRaw: (bytes) => this.#link?.write(bytes),
        onUrc: (line, body) => this.#urc(line, body),
        twoLineUrc: (line) => this.#sms !== null && SmsReceiver.twoLineUrc(line),
        isUrcBody: SmsReceiver.isBody,
        clock: this.#clock,
        defaultTimeoutMs: this.#o.commandTimeoutMs ?? 2000,
        log: (dir, text) => this.#log(dir, text),
        onTimeout: (command) => this.#onTimeout(command),
      });
      this.#setStatus({ state: 'connecting', problem: null });
      void this.#recover();
      const closed = await opened.link.closed;
      this.#sms?.stop();
      this.#channel.close();
      this.#channel = null;
      this.#link = null;
      if (this.#recheckTimer) clearInterval(this.#recheckTimer);
      this.#recheckTimer = null;
      this.#signals(this.#parser.end());
      this.#tracker.lineLost();
      if (this.#closed) break;
      this.#log('warn', `port closed: ${closed.reason}`);
      this.#setStatus({ state: 'disconnected', problem: problem('disconnected'), callerIdConfirmed: false });
      delay = initial;
      await this.#sleep(delay);
    }
  }

  /** Identify, pick the profile, initialise and read health, until it works or the port goes away. */
  async #recover(): Promise<void> {
    if (this.#recovering) return;
    this.#recovering = true;
    const channel = this.#channel;
    let delay = this.#o.reconnect?.initialDelayMs ?? 500;
    try {
      while (!this.#closed && channel && this.#channel === channel) {
        const ok = await this.#bringUp(channel);
        if (ok || this.#channel !== channel || this.#closed) return;
        this.#failedRecoveries++;
        if (this.#failedRecoveries >= REOPEN_AFTER_FAILED_RECOVERIES) {
          this.#failedRecoveries = 0;
          this.#log('warn', 'modem still not answering: reopening the port');
          await this.#link?.close();
          return;
        }
        await this.#sleep(delay);
        delay = Math.min(delay * 2, this.#o.reconnect?.maxDelayMs ?? 10_000);
      }
    } finally {
      this.#recovering = false;
    }
  }

  async #bringUp(channel: AtChannel): Promise<boolean> {
    const result = await bringUp(channel);
    if (this.#channel !== channel || this.#closed) return false;
    if (result.profile) this.#profile = result.profile;
    if (!result.ok) {
      this.#setStatus(result.status);
      return false;
    }
    for (const note of result.notes) this.#log('info', note);
    this.#charset = result.charset;
    this.#failedRecoveries = 0;
    // Can this line gate? Asked after every set-up (a replugged dongle may be another model).
    const gate = this.#gate ? await this.#gate.probe(channel, result.profile) : null;
    if (this.#channel !== channel || this.#closed) return false;
    this.#setStatus({ ...result.status, gate });
    this.#startRecheck();
    if (result.profile.kind === 'gsm') void this.#sms?.start(channel);
    return true;
  }

  #onTimeout(command: string) {
    // ATA inside an answer-then-hang-up is expected to run out its pause.
    if (command === 'ATA' || this.#closed || this.#recovering) return;
    this.#setStatus({ state: 'degraded', problem: problem('not-responding', `no reply to ${command}`) });
    void this.#recover();
  }

  #startRecheck() {
    if (this.#recheckTimer) clearInterval(this.#recheckTimer);
    const every = this.#o.recheckCallerIdEveryMs ?? 10 * 60_000;
    this.#recheckTimer = setInterval(() => void this.#periodicCheck(), every);
    this.#recheckTimer.unref?.();
  }

  /** Caller ID still on? Signal? Only between calls, so a check never delays a hang-up. */
  async #periodicCheck(): Promise<void> {
    const channel = this.#channel;
    const profile = this.#profile;
    if (!channel || !profile || this.#recovering || this.#status.state !== 'ready') return;
    if (!this.#tracker.idle() || channel.busy()) {
      this.#later(() => void this.#periodicCheck(), 1000);
      return;
    }
    const cid = await recheckCallerId(channel, profile);
    if (cid.status === 'timeout' || cid.status === 'closed') return;
    const patch: Partial<LineStatus> = { callerIdConfirmed: cid.confirmed };
    if (profile.kind === 'gsm') {
      const s = await readSignal(channel);
      if (s.status === 'ok') patch.signal = s.signal;
    }
    if (this.#channel !== channel) return;
    if (!cid.confirmed) patch.problem = problem(profile.kind === 'gsm' ? 'caller-id-off' : 'no-caller-id');
    else if (this.#status.problem?.code === 'caller-id-off' || this.#status.problem?.code === 'no-caller-id') patch.problem = null;
    const changed = Object.entries(patch).some(([k, v]) => JSON.stringify(this.#status[k as keyof LineStatus]) !== JSON.stringify(v));
    if (changed) this.#setStatus(patch);
  }
}

/** Returns at once; connects, identifies and initialises in the background, and reconnects until close(). */
export function openLine(options: LineOptions): Line {
  return new ModemLine(options);
}
