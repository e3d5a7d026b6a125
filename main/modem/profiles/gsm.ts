// GSM dongles: caller ID is +CLIP (re-enabled after every reset, modems forget it), +CRC=1 makes rings
// say what kind of call they are (+CRING: VOICE), verbose +CME errors help the problem messages, and
// +CCWA=1,1 has the network announce a caller who waits while a call is in progress, so that one is
// screened too (a SIM or network without call waiting refuses it: that is not an error).
import type { InitStep, Profile } from './profile.ts';

const common: InitStep[] = [
  { command: 'ATE0' },
  { command: 'AT+CMEE=2', alternatives: ['AT+CMEE=1'] },
  { command: 'AT+CLIP=1', required: true, enablesCallerId: true },
  { command: 'AT+CRC=1' },
  { command: 'AT+CCWA=1,1' },
  // Caller names (and the operator's) in UCS2 hex: the one character set in which a Chinese name arrives
  // intact (in IRA it is lost or garbled). Decoded in charset.ts; firmware without it keeps its default.
  { command: 'AT+CSCS="UCS2"', charset: 'UCS2' },
];

const chain: Profile['hangupChain'] = ['chup', 'ath', 'chld'];

export const genericGsm: Profile = { name: 'generic-gsm', kind: 'gsm', init: common, hangupChain: chain };

export const huawei: Profile = {
  name: 'huawei',
  kind: 'gsm',
  // ^CURC=0 stops the ^RSSI/^DSFLOWRPT/^BOOT stream that otherwise interleaves with every reply.
  init: [...common, { command: 'AT^CURC=0' }],
  hangupChain: chain,
};

export const zte: Profile = {
  name: 'zte',
  kind: 'gsm',
  // ZTE firmware sends unsolicited +ZUSIMR/+ZPBIC reports; +ZSNT-style settings vary by model, so only
  // the standard set is sent.
  init: common,
  hangupChain: chain,
};

export const simcom: Profile = {
  name: 'simcom',
  kind: 'gsm',
  // +CVHU=0 lets ATH hang up a voice call on SIM800 (by default ATH is ignored for voice).
  init: [...common, { command: 'AT+CVHU=0' }],
  hangupChain: chain,
};

export const quectel: Profile = {
  name: 'quectel',
  kind: 'gsm',
  // URCs go to one USB port only; send them to every port if the firmware allows, else to the AT port.
  init: [...common, { command: 'AT+QURCCFG="urcport","all"', alternatives: ['AT+QURCCFG="urcport","usbat"'] }],
  hangupChain: chain,
};
