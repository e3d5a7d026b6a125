// The caller's side of the pass gate: hears the prompt (the text a module was told to speak, the voice
// bytes a voice modem played, the clip files a module without text-to-speech plays, or the clips found in
// a Huawei audio port's samples — all recognised exactly), and presses a key the way the call spec says — a
// person the digit asked for, a bot nothing — a moment after the prompt ends, reported the way the modem
// reports keys: SIMCom `+DTMF: 7` once AT+DDET=1, Quectel `+QTONEDET: 55` once AT+QTONEDET=1, a voice
// modem <DLE>7, a Huawei dongle the key's tones in the audio port's samples.
import {
  clipMs,
  clipOfFile,
  concatSamples,
  dtmfTone,
  phraseOf,
  promptFromText,
  recognisePrompt,
  silence,
  type DtmfKey,
  type PromptSay,
} from '../modem/index.ts';
import type { SimAudioPort } from './audio-port.ts';
import type { SimClock } from './clock.ts';
import type { Line } from './line.ts';
import type { SimLog } from './log.ts';
import type { Effect } from './profiles/profile.ts';
import type { CallSpec } from './schemas.ts';

export type GateHeard = {
  /** What the caller heard, in order: 'ask:7', 'passed:3', 'withheld'. */
  heard: string[];
  asked: string | null;
  pressed: string | null;
  /** Simulated ms from the host answering to its hang-up. */
  holdMs: number | null;
};

export type GateCallerOptions = {
  spec: CallSpec;
  line: Line;
  clock: SimClock;
  log: SimLog;
  until: () => Promise<unknown>;
  active: () => boolean;
  /** The Huawei audio port, where the profile has one. */
  audio?: SimAudioPort | null;
};

/** How long a module takes to say a prompt, and a person to press after it (simulated ms). */
export const promptMs = 2500;
export const reactionMs = 900;

export function createGateCaller(o: GateCallerOptions) {
  const heard: string[] = [];
  let asked: string | null = null;
  let pressed: string | null = null;
  let answeredAt: number | null = null;
  let endedAt: number | null = null;
  const simNow = () => o.clock.date().getTime();

  const choose = (digit: string): string | null => {
    const press = o.spec.press ?? (o.spec.caller === 'person' ? 'as-asked' : 'none');
    if (press === 'none') return null;
    if (press === 'as-asked') return digit;
    if (press === 'wrong') return String((Number(digit) % 9) + 1);
    return press;
  };

  const sendKey = async (key: string) => {
    const { line } = o;
    if (line.profile.kind === 'landline') await line.write(Buffer.from([0x10, key.charCodeAt(0)]));
    else if (line.state.vendor.ddet === '1') await line.unsolicited([`+DTMF: ${key}`]);
    else if (line.state.vendor.qtonedet === '1') await line.unsolicited([`+QTONEDET: ${key.charCodeAt(0)}`]);
    // A key press on the phone: 120 ms of its two tones, then quiet (ITU-T Q.24 counts ≥ 40 ms).
    else if (o.audio && line.state.vendor.ddsetex === '2') await o.audio.send(concatSamples([dtmfTone(key as DtmfKey, 120), silence(100)]));
    else return o.log.add('event', `caller pressed ${key}, but the modem's DTMF detection is off`);
    o.log.add('event', `caller pressed ${key}`);
  };

  /** Clips heard one by one (played files, or found in the audio port's samples). */
  const clips: string[] = [];
  const label = (say: PromptSay) => (say.kind === 'ask' ? `ask:${say.digit}` : say.kind === 'passed' ? `passed:${say.minutes}` : 'withheld');
  const heardClip = (id: string) => {
    clips.push(id);
    o.log.add('event', `caller heard the clip ${id}`);
    const say = phraseOf(clips);
    // A prompt in two languages says the same phrase twice: the caller counts it once.
    if (say && heard.at(-1) !== label(say)) void hear(say, null);
  };
  let stopListening: (() => void) | null = null;

  /** A module plays one uploaded clip for as long as it lasts, then reports the end (`+CREC: 0`). */
  const playFile = async (bytes: Buffer, done: string) => {
    const id = clipOfFile(bytes);
    if (!id) o.log.add('event', `caller heard a ${bytes.length}-byte file that is no prompt clip`);
    await o.clock.wait(id ? clipMs(id) : 500, o.until());
    if (id && o.active()) heardClip(id);
    if (o.active()) await o.line.unsolicited([`${done}: 0`]);
  };

  const hear = async (say: PromptSay, done: string | null) => {
    heard.push(label(say));
    o.log.add('event', `caller heard the prompt: ${heard.at(-1)}`);
    if (done) {
      await o.clock.wait(promptMs, o.until());
      if (o.active()) await o.line.unsolicited([`${done}: 0`]);
    }
    if (say.kind !== 'ask' || pressed !== null) return;
    asked = say.digit;
    const key = choose(say.digit);
    if (key === null) return;
    await o.clock.wait(reactionMs, o.until());
    if (!o.active() || pressed !== null) return;
    pressed = key;
    await sendKey(key);
  };

  return {
    answered: () => {
      answeredAt ??= simNow();
      // The host's audio reaches the caller only through the audio port (Huawei, after AT^DDSETEX=2).
      stopListening ??= o.audio?.listen(heardClip) ?? null;
    },
    hungUp: () => {
      endedAt ??= simNow();
      stopListening?.();
    },
    /** The call is over, however it ended. */
    stop: () => stopListening?.(),
    onEffect(effect: Effect) {
      if (effect.kind === 'play-file') {
        void playFile(effect.bytes, effect.done);
        return;
      }
      if (effect.kind === 'prompt') {
        const say = promptFromText(effect.text);
        if (say) void hear(say, effect.done);
        else void o.line.unsolicited([`${effect.done}: 0`]);
      } else if (effect.kind === 'voice-data') {
        const found = recognisePrompt(effect.bytes, 'ulaw') ?? recognisePrompt(effect.bytes, 'linear8');
        if (found) void hear(found.say, null);
        else o.log.add('event', `caller heard ${effect.bytes.length} bytes of audio that are no prompt`);
      }
    },
    result(): GateHeard | null {
      if (heard.length === 0) return null;
      return { heard, asked, pressed, holdMs: answeredAt !== null && endedAt !== null ? endedAt - answeredAt : null };
    },
  };
}
