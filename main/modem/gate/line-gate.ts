// The pass gate as one line runs it: the set-up probe (can this line gate?) and, for modules that play
// files, the upload of the prompt clips; the io the runner needs (AT commands, URC waits, raw voice data,
// the Huawei audio port, timers), and the routing of what the modem sends while a gate runs — keys (+DTMF, +QTONEDET, <DLE>7, tones in the audio) to the gate, "prompt
// finished" reports to the wait for them — so none of it reaches the caller-ID parser. Owned by line.ts.
import { randomInt } from 'node:crypto';
import type { CallerId, GateReport, GateSupport } from '../../../shared/domain.ts';
import type { AtChannel } from '../at-channel.ts';
import type { PortFactory, SerialLink } from '../port.ts';
import type { Profile } from '../profiles/profile.ts';
import { fromPcm16le, toPcm16le } from './audio.ts';
import { pickDigit } from './digit.ts';
import { createDleReader } from './dle.ts';
import { gatePlan } from './families.ts';
import { createDtmfDetector } from './goertzel.ts';
import { clipIds, type PromptOrder } from './prompt.ts';
import { quectelKey, simcomKey } from './reports.ts';
import { runGate, type GateIo, type GateRun } from './runner.ts';
import { probeGate, uploadClips, type GateProbe } from './support.ts';

/** The gate's settings as the line reads them at each call (Settings.screening.gate). */
export type LineGateSettings = { mode: 'off' | 'during-shield' | 'always'; passMinutes: number; digitWaitSeconds: number; prompt: PromptOrder };

export type LineGateOptions = {
  settings: () => LineGateSettings;
  /** Huawei: the dongle's audio port (LineConfig.audioPath). */
  audioPath?: string | null;
  /** [0, 1): crypto-backed unless a test or the simulator's drill seeds it. */
  random?: () => number;
};

type Env = {
  openPort: PortFactory;
  later: (fn: () => void, ms: number) => () => void;
  clock: () => number;
  log: (dir: 'info' | 'warn', text: string) => void;
};

/** 20 ms of 8 kHz 16-bit audio: the Huawei audio port's frame (chan_dongle writes and reads 320 bytes). */
const frameSamples = 160;

export function createLineGate(o: LineGateOptions, env: Env) {
  const random = o.random ?? (() => randomInt(0, 2 ** 32) / 2 ** 32);
  let probed: GateProbe | null = null;
  let run: GateRun | null = null;
  let waiter: { match: (line: string) => boolean; resolve: (ok: boolean) => void } | null = null;
  const dle = createDleReader();

  const settle = (ok: boolean) => {
    const w = waiter;
    waiter = null;
    w?.resolve(ok);
  };

  return {
    async probe(channel: AtChannel, profile: Profile): Promise<GateSupport> {
      // Until this set-up's answer is in (and its upload done), calls are screened as on a line that cannot
      // gate: a gate started now would queue its ATA behind the upload, or use a replugged module's old answer.
      probed = null;
      let found = await probeGate(channel, profile, o.audioPath ?? null);
      const method = found.support.method;
      // A module that plays files gets the clips now; it can gate only once they are all there.
      if (method === 'simcom-file' || method === 'quectel-file') {
        env.log('info', `pass gate: copying ${clipIds().length} prompt clips to the module`);
        found = (await uploadClips(channel, method, method === 'simcom-file' ? 'SIMCom' : 'Quectel')) ?? found;
      }
      probed = found;
      return probed.support;
    },
    /** Whether a call on this line may be sent to the gate now. */
    canGate: () => probed?.support.supported === true && o.settings().mode !== 'off',
    /** Bytes from the modem before the line splitter: a voice modem's <DLE> codes are taken out. */
    data(chunk: Buffer): Buffer {
      if (probed?.support.method !== 'voice-modem') return chunk;
      const { rest, events } = dle.push(chunk);
      for (const e of events) if (e.type === 'key') run?.key(e.key);
      return rest;
    },
    /** An unsolicited line: true when it belonged to the gate (a key, a prompt's end) and is used up. */
    urc(line: string): boolean {
      const key = simcomKey(line) ?? quectelKey(line);
      if (key) {
        run?.key(key);
        return true;
      }
      if (waiter?.match(line)) {
        settle(true);
        return true;
      }
      return false;
    },
    start(channel: AtChannel, link: SerialLink | null, callerId: CallerId, done: (r: GateReport) => void): { cancel(): void } {
      const support = probed?.support;
      if (!support?.method || !link) {
        done({
          method: support?.method ?? 'simcom-tts',
          result: 'error',
          asked: null,
          pressed: null,
          heldMs: null,
          waitSeconds: 0,
          detail: 'this line cannot gate',
        });
        return { cancel() {} };
      }
      const s = o.settings();
      const method = support.method;
      let audio: SerialLink | null = null;
      const detector = createDtmfDetector();
      const io: GateIo = {
        send: (command, options) => channel.send(command, { dial: options?.dial ?? false, ...(options?.dial ? { timeoutMs: 15_000 } : {}) }),
        waitForUrc: (match, ms) =>
          new Promise((resolve) => {
            settle(false);
            const stop = env.later(() => settle(false), ms);
            waiter = { match, resolve: (ok) => (stop(), resolve(ok)) };
          }),
        transmit: (bytes, timeoutMs) => channel.send('AT+VTX data', { raw: bytes, timeoutMs }),
        play: async (samples) => {
          if (!audio) {
            const opened = await env.openPort({
              path: o.audioPath ?? '',
              baudRate: 115_200,
              onData: (chunk) => detector.push(fromPcm16le(chunk)).forEach((k) => run?.key(k)),
              onWriteError: (m) => env.log('warn', `audio port: ${m}`),
              watchMs: 0,
            });
            if (!opened.ok) throw new Error(`audio port ${o.audioPath}: ${opened.problem.text.en}`);
            audio = opened.link;
          }
          // Real time: a frame every 20 ms, as the dongle plays them (a burst would overrun its buffer).
          for (let at = 0; at < samples.length; at += frameSamples) {
            audio.write(toPcm16le(samples.slice(at, at + frameSamples)));
            await new Promise<void>((r) => env.later(r, 20));
          }
        },
        after: (ms) => new Promise((r) => env.later(r, ms)),
        now: env.clock,
      };
      const digit = callerId.number === null ? null : pickDigit(random);
      const current = runGate({
        plan: gatePlan(method, s.prompt, probed?.format ?? null),
        io,
        digit,
        order: s.prompt,
        digitWaitMs: s.digitWaitSeconds * 1000,
        passMinutes: s.passMinutes,
        format: probed?.format ?? null,
      });
      run = current;
      env.log('info', `pass gate: ${method}, asking for ${digit ?? 'the number to be shown'}`);
      void current.done.then(async (report) => {
        if (run === current) run = null;
        settle(false);
        await audio?.close();
        env.log('info', `pass gate: ${report.result}${report.pressed ? ` (pressed ${report.pressed})` : ''}${report.detail ? `: ${report.detail}` : ''}`);
        done(report);
      });
      return {
        cancel() {
          current.ended();
          settle(false);
        },
      };
    },
  };
}

export type LineGate = ReturnType<typeof createLineGate>;
