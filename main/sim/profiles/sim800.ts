// SIMCom SIM800 (2G module on USB-serial boards). Echo on by default, plain ERROR for a missing SIM until
// AT+CMEE=2 makes it verbose (LilyGo T-Call issue 33), SIMCom-shaped +CLIP (`"",128,"",0,"",1` for a
// withheld caller, pygsmmodem issue 24), and NO CARRIER plus MISSED_CALL when the caller gives up.
import { basicCommands } from '../commands/basic.ts';
import { simcomFileCommands, simcomGateCommands } from '../commands/gate.ts';
import { cvhu, gsmCommands } from '../commands/gsm.ts';
import { smsCommands } from '../commands/sms.ts';
import type { Profile } from './profile.ts';

const clock12 = (d: Date) => {
  const h = d.getHours() % 12 || 12;
  return `${String(h).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}${d.getHours() < 12 ? 'AM' : 'PM'}`;
};

export const sim800: Profile = {
  name: 'sim800',
  kind: 'gsm',
  label: 'SIMCom SIM800 module (GSM)',
  identity: {
    manufacturer: 'SIMCOM_Ltd',
    model: 'SIMCOM_SIM800',
    revision: 'Revision:1418B04SIM800C24',
    imei: '863746031234564',
    imsi: '460001234567890',
    ati: { '': ['SIM800 R14.18'] },
  },
  network: {
    operator: '+COPS: 0,0,"CHINA MOBILE"',
    operatorList: '+COPS: (2,"CHINA MOBILE","CMCC","46000"),,(0-4),(0-2)',
    csq: 21,
  },
  defaults: { echo: true, cmee: 0 },
  ringIntervalMs: 5000,
  boot: ['RDY', '+CFUN: 1', '+CPIN: READY', 'Call Ready', 'SMS Ready'],
  noise: [],
  ring: (s) => (s.crc ? '+CRING: VOICE' : 'RING'),
  clipStyle: 'simcom',
  sms: { capacity: 30, firstIndex: 1, direct: true },
  ends: {
    callerGaveUp: (call, now) =>
      call.status === 'incoming' && call.caller.number && call.caller.presentation === 'allowed'
        ? ['NO CARRIER', `MISSED_CALL: ${clock12(now)} ${call.caller.number}`]
        : ['NO CARRIER'],
    hostHungUp: () => [],
    answered: () => [],
  },
  // With the TTS firmware (SIM800 ..._TTS builds): DTMF detection and text-to-speech for the pass gate; every
  // build also plays files from its flash (AT+CREC), which the host only uses when text-to-speech is missing.
  commands: { ...basicCommands, ...gsmCommands, ...smsCommands, '+CVHU': cvhu, ...simcomFileCommands, ...simcomGateCommands },
};

/**
 * A SIM800L on the common firmware without text-to-speech: AT+CTTS and AT+CDTAM answer ERROR, as on the
 * real module; DTMF detection and file playback are there, so the host uploads the prompt clips and plays them.
 */
export const sim800NoTts: Profile = {
  ...sim800,
  name: 'sim800-no-tts',
  label: 'SIMCom SIM800L module without text-to-speech (GSM)',
  identity: { ...sim800.identity, model: 'SIMCOM_SIM800L', revision: 'Revision:1418B05SIM800L24', ati: { '': ['SIM800 R14.18'] } },
  commands: Object.fromEntries(Object.entries(sim800.commands).filter(([name]) => name !== '+CTTS' && name !== '+CDTAM')),
};
