// Sentences the modem capability says to people — in the UI (why a line can or cannot gate) and to callers
// (the pass gate's spoken prompts) — in both languages the product ships.
import type { Text } from '../../shared/domain.ts';

export const gateTexts = {
  // Whether a line can run the pass gate (LineStatus.gate.text).
  simcomTts: (): Text => ({
    en: 'Can gate: this SIMCom module detects key presses (AT+DDET) and speaks the prompt itself (AT+CTTS).',
    zh: '可以验证：此 SIMCom 模块能识别按键（AT+DDET），并能自行播报提示语（AT+CTTS）。',
  }),
  quectelTts: (): Text => ({
    en: 'Can gate: this Quectel module detects key presses (AT+QTONEDET) and speaks the prompt to the caller (AT+QWTTS).',
    zh: '可以验证：此移远模块能识别按键（AT+QTONEDET），并能向来电方播报提示语（AT+QWTTS）。',
  }),
  voiceModem: (): Text => ({
    en: 'Can gate: this voice modem plays the recorded prompt (AT+VTX) and reports key presses.',
    zh: '可以验证：此语音调制解调器能播放录制好的提示语（AT+VTX），并能上报按键。',
  }),
  huaweiAudio: (): Text => ({
    en: "Can gate: Ringfence plays the prompt and listens for the key on this dongle's audio port.",
    zh: '可以验证：Ringfence 通过此上网卡的音频端口播放提示语并识别按键。',
  }),
  noDtmf: (family: string): Text => ({
    en: `Cannot gate: this ${family} modem does not report key presses (it refused the DTMF detection command). The shield rejects unknown callers instead.`,
    zh: `无法验证：此 ${family} 模块不能上报按键（不支持按键识别指令）。护盾期间将直接拒接陌生来电。`,
  }),
  noTts: (family: string): Text => ({
    en: `Cannot gate: this ${family} firmware has no text-to-speech to ask for the key. The shield rejects unknown callers instead.`,
    zh: `无法验证：此 ${family} 固件没有语音播报功能，无法提示来电方按键。护盾期间将直接拒接陌生来电。`,
  }),
  noVoiceMode: (): Text => ({
    en: 'Cannot gate: this landline modem has no voice mode (AT+FCLASS=8) or no 8 kHz μ-law / 8-bit format. The shield rejects unknown callers instead.',
    zh: '无法验证：此固话调制解调器没有语音模式（AT+FCLASS=8）或不支持 8 kHz 音频格式。护盾期间将直接拒接陌生来电。',
  }),
  huaweiNoVoice: (): Text => ({
    en: 'Cannot gate: voice is turned off in this Huawei dongle (AT^CVOICE). The shield rejects unknown callers instead.',
    zh: '无法验证：此华为上网卡的语音功能已关闭（AT^CVOICE）。护盾期间将直接拒接陌生来电。',
  }),
  huaweiNoAudioPort: (): Text => ({
    en: "Cannot gate yet: choose this dongle's audio port in the line's settings (the port that is not an AT port). Until then the shield rejects unknown callers.",
    zh: '暂时无法验证：请在线路设置中选择此上网卡的音频端口（不响应 AT 指令的那个端口）。在此之前，护盾期间将直接拒接陌生来电。',
  }),
  unknownFamily: (): Text => ({
    en: 'Cannot gate: Ringfence does not know how to read key presses on this modem (SIMCom, Quectel, Huawei voice dongles and landline voice modems can). The shield rejects unknown callers instead.',
    zh: '无法验证：Ringfence 暂不支持在此型号上识别按键（支持 SIMCom、移远、华为语音上网卡和固话语音调制解调器）。护盾期间将直接拒接陌生来电。',
  }),
};

/** What the caller hears. Digits are spoken as digits; Chinese uses 一…九 as people say them on the phone. */
export const gatePrompts = {
  ask: (digit: string): Text => ({ en: `Press ${digit} to be put through.`, zh: `请按 ${digit} 接通。` }),
  passed: (minutes: number): Text => ({ en: `Please call again within ${minutes} minutes.`, zh: `请在 ${minutes} 分钟内再拨一次。` }),
  withheld: (): Text => ({ en: 'Please call again with your number shown.', zh: '请显示您的号码后再拨打。' }),
};
