// Huawei E173 (HSPA USB dongle, Qualcomm-based). Noisy: ^RSSI every few seconds and ^BOOT heartbeats
// (gammu issue 138) until AT^CURC=0; rings as RING or, after AT+CRC=1, +CRING: VOICE; six-field +CLIP
// with the subaddress pair left empty; every call ends with ^CEND (chan_dongle issue 82).
import { basicCommands, ERROR } from '../commands/basic.ts';
import { huaweiAudioCommands } from '../commands/gate.ts';
import { gsmCommands } from '../commands/gsm.ts';
import { smsCommands } from '../commands/sms.ts';
import type { CallView, Profile } from './profile.ts';

const seconds = (call: CallView, now: Date) => Math.max(0, Math.round((now.getTime() - call.startedAt.getTime()) / 1000));

export const huaweiE173: Profile = {
  name: 'huawei-e173',
  kind: 'gsm',
  label: 'Huawei E173 USB dongle (GSM/UMTS)',
  identity: {
    manufacturer: 'huawei',
    model: 'E173',
    revision: '11.126.85.00.209',
    imei: '353143041234569',
    imsi: '460011234567890',
    ati: { '': ['Manufacturer: huawei', 'Model: E173', 'Revision: 11.126.85.00.209', 'IMEI: 353143041234569', '+GCAP: +CGSM,+DS,+ES'] },
  },
  network: {
    operator: '+COPS: 0,0,"CHINA UNICOM",2',
    operatorList: '+COPS: (2,"CHINA UNICOM","UNICOM","46001",2),,(0,1,2,3,4),(0,1,2)',
    csq: 18,
  },
  defaults: {},
  ringIntervalMs: 5000,
  // Its boot is announced by the periodic ^BOOT heartbeat itself.
  boot: [],
  noise: [
    { everyMs: 10_000, lines: (r) => [`^RSSI:${r.int(14, 20)}`] },
    { everyMs: 30_000, lines: () => ['^BOOT:35323129,0,0,0,26'] },
  ],
  ring: (s) => (s.crc ? '+CRING: VOICE' : 'RING'),
  clipStyle: 'huawei',
  // E173: SIM storage counted from 0; ^SMMEMFULL when it fills (Huawei AT command interface spec).
  sms: { capacity: 30, firstIndex: 0, direct: true, memoryFull: ['^SMMEMFULL: "SM"'] },
  // Its second serial port carries the call's audio (8 kHz 16-bit PCM) once AT^DDSETEX=2 routes it there.
  audioPort: true,
  ends: {
    // ^CEND:<call id>,<duration s>,<end status>,<cc cause 16 = normal clearing>
    callerGaveUp: (call, now) => (call.status === 'active' ? [`^CEND:1,${seconds(call, now)},104,16`, 'NO CARRIER'] : ['^CEND:1,0,104,16']),
    hostHungUp: (call, now) => [`^CEND:1,${call.status === 'active' ? seconds(call, now) : 0},104,16`],
    answered: () => ['^CONN:1,0'],
  },
  commands: {
    ...basicCommands,
    ...gsmCommands,
    ...smsCommands,
    ...huaweiAudioCommands,
    '^CURC': (cmd, { state }) => {
      if (cmd.op === 'set') return /^[01]$/.test(cmd.arg) ? { set: { reports: cmd.arg === '1' } } : ERROR;
      if (cmd.op === 'read') return { info: [`^CURC: ${state.reports ? 1 : 0}`] };
      return cmd.op === 'test' ? { info: ['^CURC: (0-1)'] } : ERROR;
    },
    // chan_dongle asks whether the firmware carries voice; the E173 does.
    '^CVOICE': (cmd) => (cmd.op === 'read' ? { info: ['^CVOICE:0,8000,16,20'] } : cmd.op === 'set' ? {} : ERROR),
  },
};
