// What the gate says, as text for modules that speak it themselves (SIMCom AT+CTTS, Quectel AT+QWTTS) and as
// 8 kHz audio for modems the host plays it through (voice modems, Huawei audio ports). Pure.
import type { Text } from '../../../shared/domain.ts';
import { gatePrompts } from '../texts.ts';
import { concatSamples, decodeUlaw, encodeUlaw, silence, toLinear8 } from './audio.ts';
import { clips } from './prompts/clips.ts';
import { amrClips } from './prompts/clips-amr.ts';

/** The prompt's languages in the order spoken. */
export type PromptOrder = 'zh-en' | 'en-zh' | 'zh' | 'en';

/** `ask`: press this digit; `passed`: call again within N minutes; `withheld`: call again with your number shown. */
export type PromptSay = { kind: 'ask'; digit: string } | { kind: 'passed'; minutes: number } | { kind: 'withheld' };

const languages = (order: PromptOrder): ('en' | 'zh')[] => order.split('-') as ('en' | 'zh')[];

function sentence(say: PromptSay): Text {
  if (say.kind === 'ask') return gatePrompts.ask(say.digit);
  if (say.kind === 'passed') return gatePrompts.passed(say.minutes);
  return gatePrompts.withheld();
}

/** The whole prompt as one text, languages in order: "请按 7 接通。 Press 7 to be put through." */
export const spokenText = (say: PromptSay, order: PromptOrder): string =>
  languages(order)
    .map((l) => sentence(say)[l])
    .join(' ');

/** Text as UCS2 hex (UTF-16BE, four hex digits a unit): the <text> of AT+CTTS=1 / AT+QWTTS=…,1. */
export const ucs2Hex = (text: string): string =>
  Array.from({ length: text.length }, (_, i) => text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0')).join('');

/** The clips that say it, per language in order (prompts/clip-table.ts). */
export function promptClips(say: PromptSay, order: PromptOrder): string[][] {
  return languages(order).map((l) => {
    if (say.kind === 'ask') return [`${l}-press`, `${l}-${say.digit}`, `${l}-connect`];
    if (say.kind === 'passed') return [`${l}-again`, `${l}-${say.minutes}`, `${l}-minutes`];
    return [`${l}-withheld`];
  });
}

const decoded = new Map<string, Int16Array>();

export function clipSamples(id: string): Int16Array {
  let s = decoded.get(id);
  if (!s) {
    const clip = clips[id];
    if (!clip) throw new Error(`no prompt clip "${id}"`);
    s = decodeUlaw(Buffer.from(clip.ulaw, 'base64'));
    decoded.set(id, s);
  }
  return s;
}

/** How long a clip plays, in ms (8 samples a millisecond). */
export const clipMs = (id: string): number => Math.ceil(clipSamples(id).length / 8);

/** Every clip, in the order a line uploads them to a module that plays files. */
export const clipIds = (): string[] => Object.keys(clips);

/** A clip's file name on a module's file system (families.ts puts it under C:\User\ or RAM:). */
export const clipFileName = (id: string): string => `rf-${id}.amr`;

const amrFiles = new Map<string, Buffer>();

/** A clip as the AMR-NB file a SIMCom or Quectel module plays (prompts/clips-amr.ts). */
export function clipFile(id: string): Buffer {
  let file = amrFiles.get(id);
  if (!file) {
    const clip = amrClips[id];
    if (!clip) throw new Error(`no prompt file "${id}"`);
    file = Buffer.from(clip.amr, 'base64');
    amrFiles.set(id, file);
  }
  return file;
}

/** Which shipped clip these file bytes are, or null: the simulated module "plays" what was uploaded. */
export function clipOfFile(bytes: Uint8Array): string | null {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return clipIds().find((id) => clipFile(id).equals(file)) ?? null;
}

/**
 * What a run of clips said, when its last clip ends a phrase (the listener's side of promptClips): the
 * simulated caller hears a module play clip by clip, or picks clips out of a Huawei audio port's samples.
 */
export function phraseOf(heard: readonly string[]): PromptSay | null {
  const [a, b, c] = [heard.at(-3), heard.at(-2), heard.at(-1)];
  if (c?.endsWith('-withheld')) return { kind: 'withheld' };
  const lang = c?.slice(0, 2);
  const middle = b?.slice(3);
  if (!lang || !middle || b?.slice(0, 2) !== lang) return null;
  if (a === `${lang}-press` && c === `${lang}-connect` && /^[0-9]$/.test(middle)) return { kind: 'ask', digit: middle };
  if (a === `${lang}-again` && c === `${lang}-minutes` && /^\d+$/.test(middle)) return { kind: 'passed', minutes: Number(middle) };
  return null;
}

/** The prompt as 8 kHz samples: 60 ms between words, 400 ms between languages. */
export function promptSamples(say: PromptSay, order: PromptOrder): Int16Array {
  const parts: Int16Array[] = [];
  promptClips(say, order).forEach((words, i) => {
    if (i > 0) parts.push(silence(400));
    words.forEach((id, j) => parts.push(...(j > 0 ? [silence(60)] : []), clipSamples(id)));
  });
  return concatSamples(parts);
}

const orders: PromptOrder[] = ['zh-en', 'en-zh', 'zh', 'en'];
const candidates = (): { say: PromptSay; order: PromptOrder }[] =>
  orders.flatMap((order) => [
    ...'123456789'.split('').map((digit) => ({ say: { kind: 'ask', digit } as PromptSay, order })),
    ...[3, 5, 10].map((minutes) => ({ say: { kind: 'passed', minutes } as PromptSay, order })),
    { say: { kind: 'withheld' } as PromptSay, order },
  ]);
const encoded = new Map<string, Buffer>();

/**
 * Which prompt these voice bytes are, exactly as the gate encodes it (μ-law or 8-bit linear), or null: the
 * simulated caller "hears" a voice modem's prompt this way (a perfect listener, no speech recognition).
 */
export function recognisePrompt(bytes: Uint8Array, encoding: 'ulaw' | 'linear8'): { say: PromptSay; order: PromptOrder } | null {
  const heard = Buffer.from(bytes);
  for (const c of candidates()) {
    const id = `${encoding}:${c.order}:${JSON.stringify(c.say)}`;
    let mine = encoded.get(id);
    if (!mine) {
      const samples = promptSamples(c.say, c.order);
      mine = Buffer.from(encoding === 'ulaw' ? encodeUlaw(samples) : toLinear8(samples));
      encoded.set(id, mine);
    }
    if (mine.length === heard.length && mine.equals(heard)) return c;
  }
  return null;
}

/** Which prompt a module was told to speak (the text of AT+CTTS / AT+QWTTS), or null. */
export function promptFromText(text: string): PromptSay | null {
  const ask = /Press (\d) to be put through|请按 (\d) 接通/.exec(text);
  if (ask) return { kind: 'ask', digit: ask[1] ?? ask[2] ?? '' };
  const again = /within (\d+) minutes|请在 (\d+) 分钟内/.exec(text);
  if (again) return { kind: 'passed', minutes: Number(again[1] ?? again[2]) };
  return /number shown|显示您的号码/.test(text) ? { kind: 'withheld' } : null;
}
