// Can this line gate? Asked once after every set-up (the answer is in LineStatus.gate and the UI shows its
// sentence). A command's test form (`AT+DDET=?`) answers OK exactly when the firmware has it, and changes
// nothing, so probing is safe on a line that is in use for screening. A GSM module with DTMF detection
// but no text-to-speech can still gate when it plays files (SIMCom AT+CREC, Quectel AT+QPSND): the line
// then uploads the clips (uploadClips below, commands in families.ts) and only says "can gate" once they
// are on the module.
import type { GateSupport } from '../../../shared/domain.ts';
import type { AtChannel, AtResult } from '../at-channel.ts';
import type { Profile } from '../profiles/profile.ts';
import { voiceEnabled } from '../status.ts';
import { gateTexts } from '../texts.ts';
import { uploadPlan, type GateMethod } from './families.ts';
import { hasVoiceClass, pickVoiceFormat, type VoiceFormat } from './reports.ts';

export type GateProbe = { support: GateSupport; format: VoiceFormat | null };

const can = (method: GateMethod, text: GateSupport['text'], format: VoiceFormat | null = null): GateProbe => ({
  support: { supported: true, method, text },
  format,
});
const cannot = (text: GateSupport['text']): GateProbe => ({ support: { supported: false, method: null, text }, format: null });

export async function probeGate(channel: AtChannel, profile: Profile, audioPath: string | null): Promise<GateProbe> {
  const ok = async (command: string) => (await channel.send(command)).status === 'ok';
  switch (profile.name) {
    case 'simcom':
      if (!(await ok('AT+DDET=?'))) return cannot(gateTexts.noDtmf('SIMCom'));
      if (await ok('AT+CTTS=?')) return can('simcom-tts', gateTexts.simcomTts());
      // Firmware without text-to-speech: file playback (AT+CREC) and a file system to upload the clips to.
      if ((await ok('AT+CREC=?')) && (await ok('AT+FSWRITE=?'))) return can('simcom-file', gateTexts.simcomFile());
      return cannot(gateTexts.noTts('SIMCom'));
    case 'quectel':
      if (!(await ok('AT+QTONEDET=?'))) return cannot(gateTexts.noDtmf('Quectel'));
      if (await ok('AT+QWTTS=?')) return can('quectel-tts', gateTexts.quectelTts());
      if ((await ok('AT+QPSND=?')) && (await ok('AT+QFUPL=?'))) return can('quectel-file', gateTexts.quectelFile());
      return cannot(gateTexts.noTts('Quectel'));
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

/**
 * Puts every prompt clip on a module that plays files (uploadPlan), one command at a time. A refused
 * optional step (the file is there already / not there to delete) is fine; any other refusal stops the
 * upload and the line cannot gate until its next set-up.
 */
export async function uploadClips(channel: AtChannel, method: GateMethod, family: string): Promise<GateProbe | null> {
  for (const step of uploadPlan(method)) {
    const r: AtResult = await channel.send(step.command, {
      timeoutMs: 15_000,
      ...(step.expect ? { expect: step.expect } : {}),
      ...(step.data?.after === 'prompt' ? { prompt: step.data.bytes } : {}),
      ...(step.data?.after === 'connect' ? { afterConnect: step.data.bytes } : {}),
    });
    if (r.status === 'ok' || step.optional) continue;
    const name = step.command.replace(/=.*$/, '');
    return cannot(gateTexts.uploadFailed(family, `${name}: ${r.status === 'error' ? (r.final?.kind === 'error' ? r.final.code : 'ERROR') : r.status}`));
  }
  return null;
}
