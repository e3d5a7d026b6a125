// Each family's gate, command for command as written to the modem (the sources are in families.ts).
import { describe, expect, it } from 'vitest';
import { gatePlan, uploadPlan } from '../../../../main/modem/gate/families.ts';
import { clipFile, clipIds, spokenText, ucs2Hex } from '../../../../main/modem/gate/prompt.ts';

const commands = (steps: { type: string; command?: string }[]) => steps.map((s) => (s.type === 'play' ? `<play>` : s.command));

describe('gate plans', () => {
  it('SIMCom: DTMF detection on, answer, TTS to the far end, the prompt in UCS2', () => {
    const plan = gatePlan('simcom-tts', 'zh-en');
    expect(commands(plan.open)).toEqual(['AT+DDET=1,0,0', 'ATA', 'AT+CDTAM=1']);
    const [ask] = plan.say({ kind: 'ask', digit: '7' });
    expect(ask).toMatchObject({ type: 'speak', done: '+CTTS' });
    expect(ucs2Hex('请按 7')).toBe('8BF7630900200037');
    expect(ask?.type === 'speak' && ask.command).toBe(`AT+CTTS=1,"${ucs2Hex('请按 7 接通。 Press 7 to be put through.')}"`);
    expect(plan.close).toEqual([]);
  });

  it('Quectel: QTONEDET on, answer, QWTTS in UCS2 to the far end', () => {
    const plan = gatePlan('quectel-tts', 'en');
    expect(commands(plan.open)).toEqual(['AT+QTONEDET=1', 'ATA']);
    expect(commands(plan.say({ kind: 'passed', minutes: 3 }))).toEqual([`AT+QWTTS=1,1,1,"${ucs2Hex('Please call again within 3 minutes.')}"`]);
  });

  it('voice modem: voice mode, the probed format, off-hook; the prompt is played; on-hook and data mode after', () => {
    const plan = gatePlan('voice-modem', 'zh', { code: 4, encoding: 'ulaw' });
    expect(commands(plan.open)).toEqual(['AT+FCLASS=8', 'AT+VSM=4,8000', 'AT+VLS=1']);
    expect(plan.say({ kind: 'withheld' })).toEqual([{ type: 'play', say: { kind: 'withheld' }, via: 'vtx' }]);
    expect(commands(plan.close)).toEqual(['AT+VLS=0', 'AT+FCLASS=0']);
  });

  it('Huawei: answer, audio to the audio port; the host plays and listens', () => {
    const plan = gatePlan('huawei-audio', 'en-zh');
    expect(commands(plan.open)).toEqual(['ATA', 'AT^DDSETEX=2']);
    expect(plan.say({ kind: 'ask', digit: '3' })[0]).toMatchObject({ type: 'play', via: 'audio-port' });
  });

  it('SIMCom without text-to-speech: DDET, answer, then one AT+CREC a clip, languages in order', () => {
    const plan = gatePlan('simcom-file', 'zh-en');
    expect(commands(plan.open)).toEqual(['AT+DDET=1,0,0', 'ATA']);
    const play = (id: string) => `AT+CREC=4,"C:\\User\\rf-${id}.amr",0,100`;
    expect(commands(plan.say({ kind: 'ask', digit: '7' }))).toEqual(['zh-press', 'zh-7', 'zh-connect', 'en-press', 'en-7', 'en-connect'].map(play));
    expect(plan.say({ kind: 'withheld' })[0]).toMatchObject({ type: 'play-file', done: '+CREC', clip: 'zh-withheld' });
    expect(commands(gatePlan('simcom-file', 'en').say({ kind: 'passed', minutes: 10 }))).toEqual(['en-again', 'en-10', 'en-minutes'].map(play));
    expect(plan.close).toEqual([]);
  });

  it('Quectel without text-to-speech: QTONEDET, answer, then one AT+QPSND a clip to the far end', () => {
    const plan = gatePlan('quectel-file', 'en-zh');
    expect(commands(plan.open)).toEqual(['AT+QTONEDET=1', 'ATA']);
    const play = (id: string) => `AT+QPSND=1,"RAM:rf-${id}.amr",0,1,1`;
    expect(commands(plan.say({ kind: 'ask', digit: '3' }))).toEqual(['en-press', 'en-3', 'en-connect', 'zh-press', 'zh-3', 'zh-connect'].map(play));
    expect(plan.say({ kind: 'ask', digit: '3' })[0]).toMatchObject({ type: 'play-file', done: '+QPSND', clip: 'en-press' });
  });

  it('uploads every clip: SIMCom FSDEL + FSCREATE + FSWRITE (bytes after ">"), Quectel QFDEL + QFUPL (bytes after CONNECT)', () => {
    const simcom = uploadPlan('simcom-file');
    expect(simcom).toHaveLength(clipIds().length * 3);
    expect(simcom.slice(0, 3)).toEqual([
      { command: 'AT+FSDEL=C:\\User\\rf-en-press.amr', optional: true },
      { command: 'AT+FSCREATE=C:\\User\\rf-en-press.amr' },
      { command: `AT+FSWRITE=C:\\User\\rf-en-press.amr,0,${clipFile('en-press').length},10`, data: { bytes: clipFile('en-press'), after: 'prompt' } },
    ]);
    const quectel = uploadPlan('quectel-file');
    expect(quectel.slice(0, 2)).toEqual([
      { command: 'AT+QFDEL="RAM:rf-en-press.amr"', optional: true },
      {
        command: `AT+QFUPL="RAM:rf-en-press.amr",${clipFile('en-press').length},10`,
        data: { bytes: clipFile('en-press'), after: 'connect' },
        expect: '+QFUPL',
      },
    ]);
    // One FSWRITE takes at most 10240 bytes (SIM800 manual): every clip fits in one.
    for (const id of clipIds()) expect(clipFile(id).length, id).toBeLessThanOrEqual(10_240);
    expect(uploadPlan('simcom-tts')).toEqual([]);
    expect(uploadPlan('voice-modem')).toEqual([]);
  });

  it('speaks the languages in the order set', () => {
    expect(spokenText({ kind: 'ask', digit: '4' }, 'en-zh')).toBe('Press 4 to be put through. 请按 4 接通。');
    expect(spokenText({ kind: 'withheld' }, 'zh')).toBe('请显示您的号码后再拨打。');
  });
});
