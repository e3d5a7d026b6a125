// The simulated Huawei audio port's listener: it picks the shipped clips out of the PCM the host writes,
// whatever the read sizes, and nothing out of silence, tones or other audio.
import { describe, expect, it } from 'vitest';
import { concatSamples, silence, toPcm16le } from '../../../main/modem/gate/audio.ts';
import { dtmfTone } from '../../../main/modem/gate/goertzel.ts';
import { promptClips, promptSamples } from '../../../main/modem/gate/prompt.ts';
import { createClipListener } from '../../../main/sim/audio-port.ts';

function hear(bytes: Buffer, sizes: number[]) {
  const heard: string[] = [];
  const listener = createClipListener((id) => heard.push(id));
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length]!;
    listener.push(bytes.subarray(at, at + n));
    at += n;
  }
  return heard;
}

describe('the simulated audio port hears the prompt clip by clip', () => {
  it('finds every clip of two prompts in order, in 64-byte reads and in odd-sized ones', () => {
    const ask = promptSamples({ kind: 'ask', digit: '7' }, 'zh-en');
    const again = promptSamples({ kind: 'passed', minutes: 3 }, 'zh-en');
    const pcm = toPcm16le(concatSamples([ask, silence(300), again]));
    const expected = [...promptClips({ kind: 'ask', digit: '7' }, 'zh-en').flat(), ...promptClips({ kind: 'passed', minutes: 3 }, 'zh-en').flat()];
    expect(hear(pcm, [64])).toEqual(expected);
    expect(hear(pcm, [1, 7, 320, 333, 2])).toEqual(expected);
  });

  it('hears nothing in silence, key tones or a prompt cut short', () => {
    const cut = promptSamples({ kind: 'withheld' }, 'en');
    const pcm = toPcm16le(concatSamples([silence(500), dtmfTone('7', 200), cut.slice(0, cut.length - 80)]));
    expect(hear(pcm, [64])).toEqual([]);
  });
});
