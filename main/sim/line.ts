// The imperative shell of the simulated modem, on a link the app opens (a socat pty like /dev/ttyUSB2,
// or the in-memory pair; see ./link.ts). It reads what the host types (echoing it when echo is on), hands
// each command line to the pure engine, writes the replies, and emits the background noise. Unplug
// really removes the port; freeze really stops answering. Calls are driven by ./call.ts.
import { EventEmitter } from 'node:events';
import { executeLine } from './at-engine.ts';
import { initialState } from './commands/basic.ts';
import type { SimClock } from './clock.ts';
import { result, unsolicited } from './framing.ts';
import type { ModemEnd, SimLink } from './link.ts';
import type { SimLog } from './log.ts';
import type { CallView, Effect, ModemState, Profile } from './profiles/profile.ts';
import { seededRandom } from './random.ts';

/** When the last byte left for the host (`submittedAt`: handed to the OS, `drainedAt`: write drained). */
export type WriteStamp = { submittedAt: number; drainedAt: number };
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
  /** While true, host bytes are logged but not answered and no noise is sent (a replay owns the link). */
  replaying: boolean;
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
const BS = 8;
/** Beyond this much unread output the host is not reading: drop, as a USB modem's full buffer does. */
const maxBacklog = 64 * 1024;
/** A modem prints its boot lines a moment after the USB device appears. */
const bootDelayMs = 2000;

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
  let buffer = '';
  let lineStartedAt: number | null = null;
  let discardUntilCr = false;

  const write = async (data: string | Buffer): Promise<WriteStamp | null> => {
    const p = port;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (!plugged || !p?.open) {
      log.add('event', `not sent (unplugged): ${JSON.stringify(bytes.toString('latin1'))}`);
      return null;
    }
    if (frozen) {
      log.add('event', `not sent (frozen): ${JSON.stringify(bytes.toString('latin1'))}`);
      return null;
    }
    if (p.backlog > maxBacklog) {
      log.add('event', `not sent (host is not reading): ${bytes.length} bytes`);
      return null;
    }
    const submittedAt = performance.now();
    const drained = p.write(bytes);
    log.add('to-host', bytes.toString('utf8'));
    await drained;
    return { submittedAt, drainedAt: performance.now() };
  };

  const emitLine = (text: string, firstByteAt: number) => {
    if (text.replace(/[\s\0]/g, '') === '') return;
    const out = executeLine(profile, state, text, { call: line.call, now: clock.date() });
    state = out.state;
    if (out.output) void write(out.output);
    for (const effect of out.effects) events.emit('effect', { effect, firstByteAt } satisfies EffectEvent);
  };

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
    let echo: number[] = [];
    const flushEcho = () => {
      if (echo.length) void write(Buffer.from(echo));
      echo = [];
    };
    for (const byte of chunk) {
      if (state.answering) {
        // A landline ATA in data mode: any key aborts it (USR 5637 guide, "A"), the line goes on-hook.
        flushEcho();
        state = { ...state, answering: false, hook: 'on' };
        void write(result('NO CARRIER', state));
        events.emit('effect', { effect: { kind: 'hang-up', command: 'abort' }, firstByteAt: at } satisfies EffectEvent);
        discardUntilCr = byte !== CR;
        continue;
      }
      if (discardUntilCr) {
        discardUntilCr = byte !== CR;
        continue;
      }
      if (state.echo) echo.push(byte);
      if (byte === CR) {
        flushEcho();
        const text = buffer;
        const started = lineStartedAt ?? at;
        buffer = '';
        lineStartedAt = null;
        emitLine(text, started);
        continue;
      }
      if (buffer === '' && (byte === LF || byte === 0)) continue;
      if (byte === BS) {
        buffer = buffer.slice(0, -1);
        continue;
      }
      if (buffer === '') lineStartedAt = at;
      buffer += String.fromCharCode(byte);
      // V.250 command lines are short; a runaway line is garbage, dropped like a modem's overflow.
      if (buffer.length > 1024) buffer = '';
    }
    flushEcho();
  };

  const startNoise = () => {
    stopNoise = profile.noise.map((source) =>
      clock.every(source.everyMs, () => {
        if (plugged && !frozen && !line.replaying && state.reports) void write(unsolicited(source.lines(noiseRandom, state), state));
      }),
    );
  };
  // Noise needs variety, not secrecy: a fixed seed keeps runs comparable.
  const noiseRandom = seededRandom(7);

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
    replaying: false,
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
      buffer = '';
      lineStartedAt = null;
      discardUntilCr = false;
      startNoise();
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
      buffer = '';
      lineStartedAt = null;
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
