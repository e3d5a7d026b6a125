// The host-side DTMF detector (Huawei audio ports): every key from generated tones, once per press, and
// nothing from the gate's own spoken prompts or from noise.
import { describe, expect, it } from 'vitest';
import { concatSamples, silence } from '../../../../main/modem/gate/audio.ts';
import { createDtmfDetector, dtmfTone, type DtmfKey } from '../../../../main/modem/gate/goertzel.ts';
import { promptSamples } from '../../../../main/modem/gate/prompt.ts';

const all: DtmfKey[] = ['1', '2', '3', 'A', '4', '5', '6', 'B', '7', '8', '9', 'C', '*', '0', '#', 'D'];

function noise(n: number, level: number, seed = 1) {
  let x = seed;
  return Int16Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return Math.round(((x / 0x7fffffff) * 2 - 1) * level);
  });
}

const mix = (a: Int16Array, b: Int16Array) => Int16Array.from(a, (v, i) => Math.max(-32768, Math.min(32767, v + (b[i] ?? 0))));

describe('DTMF detection (Goertzel)', () => {
  it('hears every key of the keypad, in order, from 70 ms presses with 50 ms gaps', () => {
    const audio = concatSamples(all.flatMap((k) => [dtmfTone(k, 70), silence(50)]));
    expect(createDtmfDetector().push(audio)).toEqual(all);
  });

  it('counts a held key once, and the same key pressed twice twice', () => {
    const audio = concatSamples([dtmfTone('7', 600), silence(80), dtmfTone('7', 100)]);
    expect(createDtmfDetector().push(audio)).toEqual(['7', '7']);
  });

  it('hears a key under line noise at a quarter of its level, fed in 20 ms frames as the port delivers it', () => {
    const audio = concatSamples([silence(200), dtmfTone('5', 120), silence(200)]);
    const noisy = mix(audio, noise(audio.length, 4000));
    const detector = createDtmfDetector();
    const keys: DtmfKey[] = [];
    for (let at = 0; at < noisy.length; at += 160) keys.push(...detector.push(noisy.slice(at, at + 160)));
    expect(keys).toEqual(['5']);
  });

  it('ignores a press shorter than two blocks (Q.24: under 40 ms is not a key)', () => {
    expect(createDtmfDetector().push(concatSamples([dtmfTone('3', 25), silence(100)]))).toEqual([]);
  });

  it('hears no key in the prompts it plays itself, in either language, nor in noise', () => {
    const d = createDtmfDetector();
    for (const digit of ['1', '5', '7', '9']) expect(d.push(promptSamples({ kind: 'ask', digit }, 'zh-en'))).toEqual([]);
    expect(d.push(promptSamples({ kind: 'passed', minutes: 10 }, 'en-zh'))).toEqual([]);
    expect(d.push(noise(16000, 12000, 7))).toEqual([]);
  });
});
