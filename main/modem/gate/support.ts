// Can this line gate? Asked once after every set-up (the answer is in LineStatus.gate and the UI shows its
// sentence). A command's test form (`AT+DDET=?`) answers OK exactly when the firmware has it, and changes
// nothing, so probing is safe on a line that is in use for screening.
import type { GateSupport } from '../../../shared/domain.ts';
import type { AtChannel } from '../at-channel.ts';
import type { Profile } from '../profiles/profile.ts';
import { voiceEnabled } from '../status.ts';
import { gateTexts } from '../texts.ts';
import type { GateMethod } from './families.ts';
import { hasVoiceClass, pickVoiceFormat, type VoiceFormat } from './reports.ts';

export type GateProbe = { support: GateSupport; format: VoiceFormat | null };

const can = (method: GateMethod, text: GateSupport['text'], format: VoiceFormat | null = null): GateProbe => ({ support: { supported: true, method, text }, format });
const cannot = (text: GateSupport['text']): GateProbe => ({ support: { supported: false, method: null, text }, format: null });

export async function probeGate(channel: AtChannel, profile: Profile, audioPath: string | null): Promise<GateProbe> {
  const ok = async (command: string) => (await channel.send(command)).status === 'ok';
  switch (profile.name) {
    case 'simcom':
      if (!(await ok('AT+DDET=?'))) return cannot(gateTexts.noDtmf('SIMCom'));
      if (!(await ok('AT+CTTS=?'))) return cannot(gateTexts.noTts('SIMCom'));
      return can('simcom-tts', gateTexts.simcomTts());
    case 'quectel':
      if (!(await ok('AT+QTONEDET=?'))) return cannot(gateTexts.noDtmf('Quectel'));
      if (!(await ok('AT+QWTTS=?'))) return cannot(gateTexts.noTts('Quectel'));
      return can('quectel-tts', gateTexts.quectelTts());
    case 'huawei': {
      if (voiceEnabled(await channel.send('AT^CVOICE?', { expect: '^CVOICE' })) === false) return cannot(gateTexts.huaweiNoVoice());
      if (!audioPath) return cannot(gateTexts.huaweiNoAudioPort());
      return can('huawei-audio', gateTexts.huaweiAudio());
    }
    case 'usrobotics':
    case 'conexant':
    case 'generic-landline': {
      const classes = await channel.send('AT+FCLASS=?');
      if (classes.status !== 'ok' || !hasVoiceClass(classes.lines)) return cannot(gateTexts.noVoiceMode());
      // AT+VSM=? is only answered in voice mode; go there and straight back (no call is up during set-up).
      const entered = await channel.send('AT+FCLASS=8');
      const formats = entered.status === 'ok' ? await channel.send('AT+VSM=?') : null;
      await channel.send('AT+FCLASS=0');
      const format = formats?.status === 'ok' ? pickVoiceFormat(formats.lines) : null;
      return format ? can('voice-modem', gateTexts.voiceModem(), format) : cannot(gateTexts.noVoiceMode());
    }
    default:
      return cannot(gateTexts.unknownFamily());
  }
}
