// The shipped prompt audio: every clip a prompt can need is there, 8 kHz μ-law, unchanged since generated.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pickDigit } from '../../../../main/modem/gate/digit.ts';
import { clipFile, clipIds, clipOfFile, phraseOf, promptClips, promptSamples } from '../../../../main/modem/gate/prompt.ts';
import { clips } from '../../../../main/modem/gate/prompts/clips.ts';
import { amrClips } from '../../../../main/modem/gate/prompts/clips-amr.ts';
import { clipTable, passMinutesChoices } from '../../../../main/modem/gate/prompts/clip-table.ts';

describe('prompt audio', () => {
  it('has a clip for every word any prompt can use, in both languages', () => {
    const needed = new Set<string>();
    for (const order of ['zh-en', 'en-zh'] as const) {
      for (const digit of '123456789')
        promptClips({ kind: 'ask', digit }, order)
          .flat()
          .forEach((c) => needed.add(c));
      for (const minutes of passMinutesChoices)
        promptClips({ kind: 'passed', minutes }, order)
          .flat()
          .forEach((c) => needed.add(c));
      promptClips({ kind: 'withheld' }, order)
        .flat()
        .forEach((c) => needed.add(c));
    }
    expect([...needed].filter((c) => !clips[c])).toEqual([]);
    expect(Object.keys(clips).sort()).toEqual(Object.keys(clipTable).sort());
  });

  it('holds exactly the bytes the generator wrote (digest per clip) and stays small', () => {
    let bytes = 0;
    for (const [id, clip] of Object.entries(clips)) {
      const ulaw = Buffer.from(clip.ulaw, 'base64');
      bytes += ulaw.length;
      expect(createHash('sha256').update(ulaw).digest('hex').slice(0, 16), id).toBe(clip.sha256);
      // Each clip is speech: a few hundred ms to 6 s at 8000 samples a second.
      expect(ulaw.length, id).toBeGreaterThan(1200);
      expect(ulaw.length, id).toBeLessThan(48000);
    }
    expect(bytes).toBeLessThan(400 * 1024);
  });

  it('ships every clip as an AMR-NB file too, unchanged since generated, small enough for a SIM800', () => {
    expect(Object.keys(amrClips)).toEqual(Object.keys(clips));
    let bytes = 0;
    for (const [id, clip] of Object.entries(amrClips)) {
      const file = Buffer.from(clip.amr, 'base64');
      bytes += file.length;
      expect(createHash('sha256').update(file).digest('hex').slice(0, 16), id).toBe(clip.sha256);
      // RFC 4867 §5: the single-channel AMR storage format starts "#!AMR\n"; then 20 ms frames.
      expect(file.subarray(0, 6).toString('latin1'), id).toBe('#!AMR\n');
      expect(clipOfFile(file), id).toBe(id);
    }
    // All of them, both languages, fit the few tens of KB a SIM800 keeps for files.
    expect(bytes).toBeLessThan(40 * 1024);
    expect(clipOfFile(Buffer.from('#!AMR\nnot a clip'))).toBeNull();
  });

  it('names the phrase a run of clips says, once its last clip is heard', () => {
    const heard: string[] = [];
    const says = promptClips({ kind: 'ask', digit: '7' }, 'zh-en')
      .flat()
      .map((id) => (heard.push(id), phraseOf(heard)));
    expect(says).toEqual([null, null, { kind: 'ask', digit: '7' }, null, null, { kind: 'ask', digit: '7' }]);
    expect(phraseOf(promptClips({ kind: 'passed', minutes: 10 }, 'en').flat())).toEqual({ kind: 'passed', minutes: 10 });
    expect(phraseOf(['zh-withheld'])).toEqual({ kind: 'withheld' });
    expect(phraseOf(['en-press', 'zh-7', 'en-connect'])).toBeNull();
    expect(clipIds()).toContain('zh-7');
    expect(clipFile('zh-7').length).toBeGreaterThan(6);
  });

  it('asks in both languages within a few seconds', () => {
    const samples = promptSamples({ kind: 'ask', digit: '7' }, 'zh-en');
    expect(samples.length / 8000).toBeGreaterThan(1.5);
    expect(samples.length / 8000).toBeLessThan(6);
  });
});

describe('the digit asked for', () => {
  it('is 1–9, each about as often as the others', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const counts = new Map<string, number>();
    for (let i = 0; i < 9000; i++) {
      const d = pickDigit(random);
      counts.set(d, (counts.get(d) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    for (const n of counts.values()) expect(n).toBeGreaterThan(850);
    expect(pickDigit(() => 0.999999)).toBe('9');
  });
});
