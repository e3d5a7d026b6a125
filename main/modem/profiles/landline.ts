// Landline voice modems: reset, echo off with verbose results, then formatted caller ID. Conexant
// answers AT+VCID, some USR and Rockwell firmware only AT#CID, so each is the other's fallback.
import type { InitStep, Profile } from './profile.ts';

const common: InitStep[] = [
  { command: 'ATZ', timeoutMs: 5000 },
  { command: 'ATE0 V1 Q0', required: true },
  { command: 'AT+VCID=1', alternatives: ['AT#CID=1'], enablesCallerId: true },
];

const chain: Profile['hangupChain'] = ['offhook-onhook', 'answer-hangup'];

export const usrobotics: Profile = { name: 'usrobotics', kind: 'landline', init: common, hangupChain: chain };
export const conexant: Profile = { name: 'conexant', kind: 'landline', init: common, hangupChain: chain };
export const genericLandline: Profile = { name: 'generic-landline', kind: 'landline', init: common, hangupChain: chain };
