// The imperative shell of the simulated modem, on a link the app opens (a socat pty like /dev/ttyUSB2,
// or the in-memory pair; see ./link.ts). It reads what the host types (echoing it when echo is on), hands
// each command line to the pure engine, writes the replies, and emits the background noise. Unplug
// really removes the port; freeze really stops answering. Calls are driven by ./call.ts.
import { EventEmitter } from 'node:events';
import { executeLine, finishPrompt, type LineOutcome } from './at-engine.ts';
import { initialState } from './commands/basic.ts';
import type { SimClock } from './clock.ts';
import { result, unsolicited } from './framing.ts';
import { createHostReader } from './host-reader.ts';
import { createOutput, type WriteStamp } from './line-output.ts';
import type { ModemEnd, SimLink } from './link.ts';
import type { SimLog } from './log.ts';
import type { CallView, DataEntry, Effect, FileView, ModemState, Profile, Reply, SmsView } from './profiles/profile.ts';
import { seededRandom, type Random } from './random.ts';

export type { WriteStamp } from './line-output.ts';
/** An answer or hang-up command, with the moment the first byte of its line was read. */
export type EffectEvent = { effect: Effect; firstByteAt: number };

export type Line = {
  readonly profile: Profile;
  readonly link: string;
  readonly state: ModemState;
  readonly plugged: boolean;
  readonly frozen: boolean;
  /** The call the engine sees (+CLCC, ATA, ATH); set by the call runner. */
  call: CallView | null;
  /** A caller waiting while `call` is in progress (+CCWA, AT+CHLD=0); set by the waiting-call runner. */
  waiting: CallView | null;
  /** While true, host bytes are logged but not answered and no noise is sent (a replay owns the link). */
  replaying: boolean;
  /** The SIM's messages as the SMS commands see them (set by the simulator's SMS centre). */
  smsView: () => SmsView;
  /** Files on the module's storage (uploaded with AT+FSWRITE / AT+QFUPL), by full name. */
  readonly files: FileView;
  patchState(patch: Partial<ModemState>): void;
  unsolicited(lines: string[]): Promise<WriteStamp | null>;
  write(data: string | Buffer): Promise<WriteStamp | null>;
  onEffect(listener: (e: EffectEvent) => void): () => void;
  onUnplug(listener: () => void): () => void;
  /** Resolves at the next byte the host writes. */
  nextHostByte(): Promise<void>;
  /** Creates the link. `boot`: print the model's boot lines, as after a replug (not at start-up, when the
   *  modem is taken to have booted long before the app opened it). */
  plug(options?: { boot?: boolean }): Promise<void>;
  unplug(): Promise<void>;
  freeze(simMs: number): void;
  unfreeze(): void;
  close(): Promise<void>;
};

const CR = 13;
const LF = 10;
const CTRL_Z = 0x1a;
const ESC = 0x1b;
/** A PDU after "> " is at most 176 octets of hex; anything far longer is garbage, dropped like an overflow. */
const maxPromptText = 1024;
/** A modem prints its boot lines a moment after the USB device appears. */
const bootDelayMs = 2000;

/** The model's periodic noise (^RSSI, ^BOOT…), sent while `live()` and the host has not turned reports off. */
function startNoise(
  profile: Profile,
  clock: SimClock,
  random: Random,
  live: () => boolean,
  state: () => ModemState,
  write: (data: string) => void,
): Array<() => void> {
  return profile.noise.map((source) =>
    clock.every(source.everyMs, () => {
      if (live() && state().reports) write(unsolicited(source.lines(random, state()), state()));
    }),
  );
}

export function createLine(options: { link: SimLink; profile: Profile; clock: SimClock; log: SimLog }): Line {
  const { profile, clock, log } = options;
  const link = options.link.path;
  const events = new EventEmitter();
  let state = initialState(profile);
  let port: ModemEnd | null = null;
  let plugged = false;
  let frozen = false;
  let freezeTimer: NodeJS.Timeout | null = null;
  let stopNoise: Array<() => void> = [];
  let bootTimer: NodeJS.Timeout | null = null;
  // After "> ": the text being typed and what the command makes of it (AT+CMGS, AT+CMGW).
  let textEntry: { prompt: (text: string) => Reply; text: string; firstByteAt: number } | null = null;
  // After AT+FSWRITE's "> " or AT+QFUPL's CONNECT: a file's bytes, exactly as many as announced.
  let dataEntry: { entry: DataEntry; bytes: number[]; firstByteAt: number } | null = null;
  const files = new Map<string, Buffer>();
  const applyFiles = (out: Pick<LineOutcome, 'files'>) => {
    for (const [name, bytes] of Object.entries(out.files ?? {})) {
      if (bytes) files.set(name, bytes);
      else files.delete(name);
    }
  };

  const dataByte = (byte: number) => {
    const d = dataEntry!;
    d.bytes.push(byte);
    if (d.bytes.length < d.entry.bytes) return;
    dataEntry = null;
    log.add('event', `file data: ${d.bytes.length} bytes received`);
    const out = finishPrompt(state, d.entry.done(Buffer.from(d.bytes)));
    state = out.state;
    applyFiles(out);
    void write(out.output);
    for (const effect of out.effects) events.emit('effect', { effect, firstByteAt: d.firstByteAt } satisfies EffectEvent);
  };
  // Noise needs variety, not secrecy: a fixed seed keeps runs comparable.
  const noiseRandom = seededRandom(7);
  const write = createOutput({ port: () => port, plugged: () => plugged, frozen: () => frozen, log });

  /** One byte typed after "> ": Ctrl-Z ends the text, ESC abandons it (27.005 §3.5.1). */
  const promptByte = (byte: number) => {
    const entry = textEntry!;
    if (byte === CTRL_Z || byte === ESC) {
      textEntry = null;
      const out = byte === ESC ? finishPrompt(state, {}) : finishPrompt(state, entry.prompt(entry.text));
      state = out.state;
      applyFiles(out);
      void write(out.output);
      for (const effect of out.effects) events.emit('effect', { effect, firstByteAt: entry.firstByteAt } satisfies EffectEvent);
      return;
    }
    if (byte === CR || byte === LF) return;
    entry.text += String.fromCharCode(byte);
    if (entry.text.length > maxPromptText) {
      textEntry = null;
      void write(finishPrompt(state, { result: 'ERROR' }).output);
    }
  };

  // One command line from the host: the engine answers it and says what the call must do.
  const reader = createHostReader({
    state: () => state,
    setState: (next) => (state = next),
    echo: (bytes) => void write(bytes),
    answerAborted: (at) => {
      void write(result('NO CARRIER', state));
      events.emit('effect', { effect: { kind: 'hang-up', command: 'abort' }, firstByteAt: at } satisfies EffectEvent);
    },
    voiceData: (bytes, firstByteAt) => {
      log.add('event', `voice data: ${bytes.length} bytes played to the caller`);
      void write(result('OK', state));
      events.emit('effect', { effect: { kind: 'voice-data', command: 'AT+VTX data', bytes }, firstByteAt } satisfies EffectEvent);
    },
    line: (text, firstByteAt) => {
      if (text.replace(/[\s\0]/g, '') === '') return;
      const out = executeLine(profile, state, text, { call: line.call, waiting: line.waiting, now: clock.date(), sms: line.smsView(), files });
      state = out.state;
      applyFiles(out);
      if (out.output) void write(out.output);
      for (const effect of out.effects) events.emit('effect', { effect, firstByteAt } satisfies EffectEvent);
      if (out.prompt) textEntry = { prompt: out.prompt, text: '', firstByteAt };
      if (out.data) dataEntry = { entry: out.data, bytes: [], firstByteAt };
    },
    inText: () => textEntry !== null,
    textByte: promptByte,
    inData: () => dataEntry !== null,
    dataByte,
  });

  const onData = (chunk: Buffer) => {
    const at = performance.now();
    log.add('from-host', chunk.toString('latin1'));
    if (!plugged) return;
    if (frozen) {
      log.add('event', 'ignored (frozen)');
      return;
    }
    events.emit('host-byte');
    if (line.replaying) return;
    reader.read(chunk, at);
  };

  const stopTimers = () => {
    for (const stop of stopNoise) stop();
    stopNoise = [];
    if (bootTimer) clearTimeout(bootTimer);
    bootTimer = null;
  };

  const unplug = async (reason: string) => {
    if (!plugged) return;
    plugged = false;
    stopTimers();
    log.add('event', `unplugged (${reason}): ${link} removed`);
    events.emit('unplug');
    port = null;
    await options.link.unplug();
  };

  const line: Line = {
    profile,
    link,
    get state() {
      return state;
    },
    get plugged() {
      return plugged;
    },
    get frozen() {
      return frozen;
    },
    call: null,
    waiting: null,
    replaying: false,
    smsView: () => ({ messages: [], capacity: 0, firstIndex: 1, registered: state.sim && state.network }),
    files,
    patchState(patch) {
      state = { ...state, ...patch };
    },
    unsolicited: (lines) => (lines.length ? write(unsolicited(lines, state)) : Promise.resolve(null)),
    write,
    onEffect(listener) {
      events.on('effect', listener);
      return () => events.off('effect', listener);
    },
    onUnplug(listener) {
      events.on('unplug', listener);
      return () => events.off('unplug', listener);
    },
    nextHostByte: () => new Promise<void>((resolve) => events.once('host-byte', () => resolve())),
    async plug(plugOptions = {}) {
      if (plugged) return;
      // Host bytes arrive on a later turn of the event loop, after the reset below.
      port = await options.link.plug({
        onData,
        onGone: (reason) => void unplug(reason),
        onError: (message) => log.add('event', `serial error: ${message}`),
      });
      plugged = true;
      // A power-cycled modem: factory settings, healthy SIM and network, nothing half-typed.
      state = initialState(profile);
      reader.reset();
      textEntry = null;
      dataEntry = null;
      // A power cycle empties a RAM drive (Quectel RAM:); flash keeps its files (SIMCom C:\User\).
      if (profile.filesLostAtReset) files.clear();
      stopNoise = startNoise(
        profile,
        clock,
        noiseRandom,
        () => plugged && !frozen && !line.replaying,
        () => state,
        (data) => void write(data),
      );
      if (plugOptions.boot && profile.boot.length) {
        bootTimer = setTimeout(() => {
          bootTimer = null;
          if (!line.replaying) void line.unsolicited(profile.boot);
        }, clock.real(bootDelayMs));
      }
      log.add('event', `plugged in: ${profile.label} at ${link}`);
    },
    unplug: () => unplug('fault'),
    freeze(simMs) {
      frozen = true;
      if (freezeTimer) clearTimeout(freezeTimer);
      freezeTimer = setTimeout(() => line.unfreeze(), clock.real(simMs));
      log.add('event', `frozen for ${simMs} simulated ms`);
    },
    unfreeze() {
      if (freezeTimer) clearTimeout(freezeTimer);
      freezeTimer = null;
      if (!frozen) return;
      frozen = false;
      reader.forgetLine();
      log.add('event', 'unfrozen');
    },
    async close() {
      if (freezeTimer) clearTimeout(freezeTimer);
      await unplug('closed');
      events.removeAllListeners();
    },
  };
  return line;
}
