// Quectel EC25 (LTE module, also in the PinePhone as EG25). Boots with RDY, +CPIN, +QUSIM and the
// +QIND "done" lines (eg25-manager captures); numeric +CME errors by default; AT+QURCCFG picks the port
// that carries unsolicited lines, which hosts set so RING reaches the AT port.
import { basicCommands, ERROR } from '../commands/basic.ts';
import { quectelFileCommands, quectelGateCommands } from '../commands/gate.ts';
import { cvhu, gsmCommands } from '../commands/gsm.ts';
import { smsCommands } from '../commands/sms.ts';
import type { Profile } from './profile.ts';

export const quectelEc25: Profile = {
  name: 'quectel-ec25',
  kind: 'gsm',
  label: 'Quectel EC25 module (LTE)',
  identity: {
    manufacturer: 'Quectel',
    model: 'EC25',
    revision: 'EC25EFAR06A06M4G',
    imei: '867200041234566',
    imsi: '460001234567891',
    ati: { '': ['Quectel', 'EC25', 'Revision: EC25EFAR06A06M4G'] },
  },
  network: {
    operator: '+COPS: 0,0,"CHINA MOBILE",7',
    operatorList: '+COPS: (1,"CHINA MOBILE","CMCC","46000",7),,(0,1,2,3,4),(0,1,2)',
    csq: 24,
  },
  defaults: { cmee: 1 },
  ringIntervalMs: 5000,
  // Only lines the eg25-manager captures show; later firmware adds +QIND: PB DONE.
  boot: ['RDY', '+CFUN: 1', '+CPIN: READY', '+QUSIM: 1', '+QIND: SMS DONE'],
  noise: [],
  ring: (s) => (s.crc ? '+CRING: VOICE' : 'RING'),
  clipStyle: 'simcom',
  sms: { capacity: 50, firstIndex: 0, direct: true },
  // Uploaded prompt clips live on its RAM drive, empty after a power cycle.
  filesLostAtReset: true,
  ends: { callerGaveUp: () => ['NO CARRIER'], hostHungUp: () => [], answered: () => [] },
  commands: {
    ...basicCommands,
    ...gsmCommands,
    ...smsCommands,
    '+CVHU': cvhu,
    ...quectelFileCommands,
    ...quectelGateCommands,
    '+QURCCFG': (cmd, { state }) => {
      const port = state.vendor.urcport ?? 'usbat';
      if (cmd.op === 'read') return { info: [`+QURCCFG: "urcport","${port}"`] };
      if (cmd.op === 'test') return { info: ['+QURCCFG: "urcport",("usbat","usbmodem","uart1")'] };
      if (cmd.op !== 'set') return ERROR;
      const m = /^"urcport"(?:,"(usbat|usbmodem|uart1)")?$/i.exec(cmd.arg);
      if (!m) return ERROR;
      return m[1] ? { set: { vendor: { ...state.vendor, urcport: m[1].toLowerCase() } } } : { info: [`+QURCCFG: "urcport","${port}"`] };
    },
  },
};

/** An EC25 firmware without text-to-speech: AT+QTTS/AT+QWTTS answer ERROR; AT+QPSND plays uploaded files. */
export const quectelEc25NoTts: Profile = {
  ...quectelEc25,
  name: 'quectel-ec25-no-tts',
  label: 'Quectel EC25 module without text-to-speech (LTE)',
  identity: { ...quectelEc25.identity, revision: 'EC25AFAR05A07M4G', ati: { '': ['Quectel', 'EC25', 'Revision: EC25AFAR05A07M4G'] } },
  commands: Object.fromEntries(Object.entries(quectelEc25.commands).filter(([name]) => name !== '+QWTTS' && name !== '+QTTS')),
};
