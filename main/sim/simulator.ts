// Assembles one simulated modem: the line (engine on a pty or the in-memory pair), the call queue, faults,
// an optional replay, an optional loopback control API. This is what startSimulator() returns.
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { PortFactory } from '../modem/index.ts';
import { runCall, type CallResult } from './call.ts';
import { canWait, runWaitingCall } from './waiting.ts';
import { simClock } from './clock.ts';
import { startControlServer, type ControlServer } from './control.ts';
import { SimInputError, SimulatorClosedError } from './errors.ts';
import { applyFault, defaultFreezeMs } from './faults.ts';
import { createSimAudioPort } from './audio-port.ts';
import { createLine } from './line.ts';
import type { SimLink, SimTransport } from './link.ts';
import { simLog, type SimLogEntry } from './log.ts';
import { memoryLink } from './memory-link.ts';
import { profileNames, profiles, type Profile, type SimProfileName } from './profiles/index.ts';
import { ptyLink } from './pty-link.ts';
import { seededRandom } from './random.ts';
import { playTranscript, readTranscript } from './replay.ts';
import { expandScenario } from './scenario.ts';
import { CallSpec, Fault, Scenario, SmsSpec, describeIssues } from './schemas.ts';
import { createSimSms, type SentSms, type SmsCounts, type SmsDelivery } from './sms.ts';
import type { StoredSms } from './profiles/profile.ts';
import { texts } from './texts.ts';

export type SimulatorOptions = {
  /** Where the app finds the modem: a path for the pty, a name for the in-memory pair. */
  link: string;
  profile: SimProfileName;
  /** 'pty' (default): a real pseudo-terminal the app opens with serialport; needs socat. 'memory': the
   *  in-memory pair, opened through `openPort`; runs anywhere. */
  transport?: SimTransport;
  /** HTTP control API, loopback only; port 0 picks a free port. */
  control?: { host: '127.0.0.1'; port: number };
  /** 1 = real time; 100 = a 5 s ring interval becomes 50 ms. Noise timers scale too. */
  timeScale?: number;
  /** Stream a .modem transcript into the link, starting at the host's first byte. */
  replay?: { file: string; splitWrites?: boolean };
  /** How long fault 'freeze' lasts, in simulated ms (default 20 s). */
  freezeMs?: number;
  /** How long a caller stays on an answered call before hanging up, in simulated ms (default 30 s). */
  answeredHoldMs?: number;
  /** Seeds rotating numbers, garbage bytes and split writes (default 1). */
  seed?: number;
  /** GSM only: the SIM's message capacity (default: the model's), and messages already on it at start. */
  sms?: { capacity?: number; preload?: SmsSpec[] };
};

export interface Simulator {
  readonly link: string;
  /** How the app opens `link` (serialport for a pty; the pair's own factory in memory) and `audioLink`. */
  readonly openPort: PortFactory;
  /**
   * A Huawei dongle's audio port on the in-memory transport (`<link>-audio`; give it to the line as
   * `audioPath`): 8 kHz 16-bit PCM both ways once AT^DDSETEX=2. Null for other models and on a pty.
   */
  readonly audioLink: string | null;
  readonly controlUrl: string | null;
  /** Resolves when the call is over. Calls take the line one at a time, in the order placed. */
  placeCall(spec: CallSpec): Promise<CallResult>;
  /** Plays a timed list of calls, messages and faults; resolves with every call's result, in time order. */
  runScenario(s: Scenario): Promise<CallResult[]>;
  /** An incoming SMS, handed to the host as its AT+CNMI asks (GSM profiles). */
  sendSms(spec: SmsSpec): Promise<SmsDelivery>;
  /** What the host sent with AT+CMGS, oldest first. */
  smsSent(): SentSms[];
  /** What is on the simulated SIM now, and how deliveries went. */
  smsStore(): { messages: StoredSms[]; counts: SmsCounts };
  fault(kind: Fault): Promise<void>;
  /** Both directions and every event, timestamped (monotonic ms and ISO). */
  log(): SimLogEntry[];
  /** Calls `listener` with each log entry as it is written (wait for an event instead of polling log()); returns what stops it. */
  onLog(listener: (entry: SimLogEntry) => void): () => void;
  close(): Promise<void>;
}

const Options = z.object({
  link: z.string().min(1, 'give the path where the app should find the modem, e.g. /tmp/ringfence-modem'),
  profile: z.enum(profileNames as [SimProfileName, ...SimProfileName[]], { message: `choose one of ${profileNames.join(', ')}` }),
  transport: z.enum(['pty', 'memory']).optional(),
  control: z
    .object({ host: z.literal('127.0.0.1', { message: 'the control API listens on 127.0.0.1 only' }), port: z.number().int().min(0).max(65535) })
    .optional(),
  timeScale: z.number().positive().max(100_000).optional(),
  replay: z.object({ file: z.string().min(1), splitWrites: z.boolean().optional() }).optional(),
  freezeMs: z.number().int().min(0).optional(),
  answeredHoldMs: z.number().int().min(0).optional(),
  seed: z.number().int().optional(),
  sms: z
    .object({ capacity: z.number().int().min(1).max(1000).optional(), preload: z.array(SmsSpec).max(1000).optional() })
    .strict()
    .optional(),
});

export function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const r = schema.safeParse(value);
  if (!r.success) throw new SimInputError('invalid-input', texts.invalidInput(what, describeIssues(r.error)));
  return r.data;
}

export async function startSimulator(options: SimulatorOptions, overrides: { profile?: Profile } = {}): Promise<Simulator> {
  const opts = parse(Options, options, 'simulator options');
  const transport = opts.transport ?? 'pty';
  const folder = dirname(opts.link);
  if (
    transport === 'pty' &&
    !(await stat(folder).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  ) {
    throw new SimInputError('link-folder-missing', texts.linkFolderMissing(opts.link, folder));
  }
  const transcript = opts.replay ? await readTranscript(opts.replay.file) : null;
  const profile = overrides.profile ?? profiles[opts.profile];
  const closing = new AbortController();
  const clock = simClock(opts.timeScale ?? 1, closing.signal);
  const log = simLog();
  const random = seededRandom(opts.seed ?? 1);
  const link: SimLink = transport === 'memory' ? memoryLink(opts.link) : ptyLink(opts.link);
  const line = createLine({ link, profile, clock, log });
  const audio = profile.audioPort && transport === 'memory' ? createSimAudioPort(`${opts.link}-audio`) : null;
  // One factory for both of the dongle's ports, as the host's PortFactory opens either by path.
  const openPort: PortFactory = audio ? (o) => (o.path === audio.path ? audio.port.open(o) : link.openPort(o)) : link.openPort;
  const sms = createSimSms({ line, clock, log, ...(opts.sms?.capacity ? { capacity: opts.sms.capacity } : {}) });
  for (const spec of opts.sms?.preload ?? []) sms.preload(spec);
  line.onEffect(({ effect }) => sms.effect(effect));
  await line.plug();

  let closed = false;
  let queue: Promise<unknown> = Promise.resolve();
  const placeCall = async (spec: CallSpec): Promise<CallResult> => {
    if (closed) throw new SimulatorClosedError();
    const call = parse(CallSpec, spec, 'call');
    const options = { line, clock, log, answeredHoldMs: opts.answeredHoldMs ?? 30_000, audio };
    // Call waiting rings beside the call in progress, not after it.
    if (call.waiting && canWait(options)) return runWaitingCall(call, options);
    const next = queue.then(async () => {
      // Back to back: the previous call on the line was released just now; this one rings after the gap.
      if (call.afterReleaseMs !== undefined) await clock.wait(call.afterReleaseMs);
      return runCall(call, options);
    });
    queue = next.catch(() => {});
    return next;
  };
  const fault = async (kind: Fault) => {
    if (closed) throw new SimulatorClosedError();
    await applyFault(parse(Fault, kind, 'fault'), line, { freezeMs: opts.freezeMs ?? defaultFreezeMs, random, log });
  };
  const sendSms = async (spec: SmsSpec): Promise<SmsDelivery> => {
    if (closed) throw new SimulatorClosedError();
    if (profile.kind !== 'gsm') throw new SimInputError('no-sms', texts.noSms(profile.label));
    return sms.deliver(parse(SmsSpec, spec, 'SMS'));
  };
  const runScenario = async (s: Scenario): Promise<CallResult[]> => {
    const timeline = expandScenario(parse(Scenario, s, 'scenario'), opts.seed ?? 1);
    const start = performance.now();
    const elapsed = () => (performance.now() - start) * clock.timeScale;
    const calls: Promise<CallResult>[] = [];
    log.add('event', `scenario: ${timeline.length} steps`);
    for (const item of timeline) {
      if (item.at > elapsed()) await clock.wait(item.at - elapsed());
      if (closed) break;
      if ('call' in item) calls.push(placeCall(item.call));
      else if ('sms' in item) await sendSms(item.sms);
      else await fault(item.fault);
    }
    return Promise.all(calls);
  };

  let control: ControlServer | null = null;
  const simulator: Simulator = {
    link: opts.link,
    openPort,
    audioLink: audio?.path ?? null,
    get controlUrl() {
      return control?.url ?? null;
    },
    placeCall,
    runScenario,
    fault,
    sendSms,
    smsSent: () => sms.sent(),
    smsStore: () => ({ messages: sms.messages(), counts: sms.counts() }),
    log: () => log.entries(),
    onLog: (listener) => log.onEntry(listener),
    async close() {
      if (closed) return;
      closed = true;
      // The line first: unplugging ends the call in progress, so pending POST /calls get their answer.
      await line.close();
      closing.abort();
      await queue;
      await control?.close();
    },
  };
  try {
    if (opts.control) control = await startControlServer(simulator, opts.control);
  } catch (error) {
    await simulator.close();
    throw error;
  }
  if (transcript) void playTranscript(line, transcript, { split: opts.replay?.splitWrites ?? false, random, log });
  return simulator;
}
