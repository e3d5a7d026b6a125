// Each family's gate, command for command as written to the modem (the sources are in families.ts).
import { describe, expect, it } from 'vitest';
import { gatePlan } from '../../../../main/modem/gate/families.ts';
import { spokenText, ucs2Hex } from '../../../../main/modem/gate/prompt.ts';

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

  it('speaks the languages in the order set', () => {
    expect(spokenText({ kind: 'ask', digit: '4' }, 'en-zh')).toBe('Press 4 to be put through. 请按 4 接通。');
    expect(spokenText({ kind: 'withheld' }, 'zh')).toBe('请显示您的号码后再拨打。');
  });
});
