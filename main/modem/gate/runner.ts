// Runs one call's pass gate: the family's plan (families.ts) step by step on the line, the key the caller
// presses, the verdict. The imperative shell around the pure pieces; the line gives it an io (commands,
// URC waits, raw voice data, the Huawei audio port, a timer) and feeds it keys and the call's end.
//
// The caller may press while the prompt is still playing (people do, once they hear the digit); the first
// key after answering decides. Nothing here hangs up: the gate hands the call back and the tracker releases
// it with the line's hang-up chain, as any rejected call.
import type { GateReport } from '../../../shared/domain.ts';
import type { AtResult } from '../at-channel.ts';
import { encodeUlaw, toLinear8 } from './audio.ts';
import { shieldForTransmit } from './dle.ts';
import type { GatePlan, GateStep } from './families.ts';
import type { DtmfKey } from './goertzel.ts';
import { clipMs, promptSamples, spokenText, type PromptOrder, type PromptSay } from './prompt.ts';
import { promptDone, type VoiceFormat } from './reports.ts';

export type GateIo = {
  send(command: string, options?: { dial?: boolean; timeoutMs?: number }): Promise<AtResult>;
  /** Resolves true when an unsolicited line matching arrives within `ms`, false when not (or the call ended). */
  waitForUrc(match: (line: string) => boolean, ms: number): Promise<boolean>;
  /** Voice data for AT+VTX, already DLE-shielded and ended, then the modem's final result (OK when played). */
  transmit(bytes: Uint8Array, timeoutMs: number): Promise<AtResult>;
  /** Plays samples on the audio port in real time (Huawei); resolves when the last frame is written. */
  play(samples: Int16Array): Promise<void>;
  /** Resolves after `ms` (the line's timers, virtual in tests). */
  after(ms: number): Promise<void>;
  now(): number;
};

export type GateOptions = {
  plan: GatePlan;
  io: GateIo;
  /** The digit to ask for, or null for a withheld caller (told to call with the number shown). */
  digit: string | null;
  order: PromptOrder;
  digitWaitMs: number;
  passMinutes: number;
  format?: VoiceFormat | null;
};

export type GateRun = {
  /** A key the caller pressed (from +DTMF, +QTONEDET, <DLE>7 or the audio port). */
  key(key: DtmfKey): void;
  /** The call ended under the gate (NO CARRIER, ^CEND, the line lost). */
  ended(): void;
  done: Promise<GateReport>;
};

/** Roughly how long a module takes to say a text: the longest wait for its "done" report. */
const speakingMs = (text: string) => Math.min(30_000, 3000 + [...text].reduce((ms, ch) => ms + (/[\u4e00-\u9fff]/.test(ch) ? 300 : 80), 0));

export function runGate(o: GateOptions): GateRun {
  let pressed: DtmfKey | null = null;
  let over = false;
  let wake: (() => void) | null = null;
  const heard = () => {
    wake?.();
    wake = null;
  };

  const stopIfOver = () => {
    if (over) throw new Error('the caller hung up');
  };

  const check = (r: AtResult, step: { command: string; optional?: boolean }) => {
    stopIfOver();
    if (r.final?.kind === 'call-progress' && (r.final.code === 'NO CARRIER' || r.final.code === 'BUSY')) {
      over = true;
      throw new Error('the caller hung up');
    }
    if (r.status !== 'ok' && !step.optional) throw new Error(`${step.command}: ${r.final?.kind === 'error' ? (r.final.detail ?? r.final.code) : r.status}`);
  };

  const say = async (what: PromptSay) => {
    for (const step of o.plan.say(what)) await exec(step);
  };

  async function exec(step: GateStep): Promise<void> {
    stopIfOver();
    if (step.type === 'command') return check(await o.io.send(step.command, { dial: step.dial ?? false }), step);
    if (step.type === 'speak') {
      check(await o.io.send(step.command), step);
      // A module that never says it finished still gets to finish: the wait is bounded by the text's length.
      await o.io.waitForUrc((line) => promptDone(line, step.done), speakingMs(spokenText(step.say, o.order)));
      return stopIfOver();
    }
    if (step.type === 'play-file') {
      check(await o.io.send(step.command), step);
      // A clip a module never reports finished still ends: the wait is bounded by the clip's own length.
      await o.io.waitForUrc((line) => promptDone(line, step.done), clipMs(step.clip) + 3000);
      return stopIfOver();
    }
    const samples = promptSamples(step.say, o.order);
    if (step.via === 'audio-port') {
      await o.io.play(samples);
      return stopIfOver();
    }
    check(await o.io.send('AT+VTX', { dial: true }), { command: 'AT+VTX' });
    const voice = o.format?.encoding === 'linear8' ? toLinear8(samples) : encodeUlaw(samples);
    // 8000 bytes a second leave at the line's pace; the modem answers OK once the last one is played.
    check(await o.io.transmit(shieldForTransmit(voice), Math.ceil(voice.length / 8) + 5000), { command: 'AT+VTX data' });
  }

  async function waitForKey(ms: number): Promise<void> {
    if (pressed !== null || over) return;
    await Promise.race([o.io.after(ms), new Promise<void>((resolve) => (wake = resolve))]);
    wake = null;
  }

  const report = (result: GateReport['result'], answeredAt: number | null, detail: string | null = null): GateReport => ({
    method: o.plan.method,
    result,
    asked: o.digit,
    pressed,
    heldMs: answeredAt === null ? null : Math.round(o.io.now() - answeredAt),
    waitSeconds: Math.round(o.digitWaitMs / 1000),
    detail,
  });

  const done = (async (): Promise<GateReport> => {
    let answeredAt: number | null = null;
    try {
      for (const step of o.plan.open) {
        if (step.type === 'command' && step.dial) answeredAt = o.io.now();
        await exec(step);
      }
      let result: GateReport['result'];
      if (o.digit === null) {
        await say({ kind: 'withheld' });
        result = 'withheld';
      } else {
        await say({ kind: 'ask', digit: o.digit });
        await waitForKey(o.digitWaitMs);
        stopIfOver();
        result = pressed === o.digit ? 'passed' : 'failed';
        if (result === 'passed') await say({ kind: 'passed', minutes: o.passMinutes });
      }
      for (const step of o.plan.close) await exec(step);
      return report(result, answeredAt);
    } catch (error) {
      if (over) return report('hung-up', answeredAt);
      // Leave voice mode even when a step failed, so caller ID works for the next call.
      for (const step of o.plan.close) await exec(step).catch(() => {});
      return report('error', answeredAt, (error as Error).message);
    }
  })();

  return {
    key(key) {
      if (pressed === null && !over) pressed = key;
      heard();
    },
    ended() {
      over = true;
      heard();
    },
    done,
  };
}
