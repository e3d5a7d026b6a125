// ZTE MF-series USB dongle (MF190/MF110 class, Qualcomm-based like the Huawei). Chatty about the network:
// +ZPASR and +ZDONR lines arrive unasked (as ModemManager's probe logs show), +ZUSIMR at boot.
import { basicCommands } from '../commands/basic.ts';
import { gsmCommands } from '../commands/gsm.ts';
import { smsCommands } from '../commands/sms.ts';
import type { Profile } from './profile.ts';

export const zteMf: Profile = {
  name: 'zte-mf',
  kind: 'gsm',
  label: 'ZTE MF190 USB dongle (GSM/UMTS)',
  identity: {
    manufacturer: 'ZTE CORPORATION',
    model: 'MF190',
    revision: 'BD_MF190V1.0.0B05',
    imei: '357845021234569',
    imsi: '460011234567892',
    ati: { '': ['Manufacturer: ZTE CORPORATION', 'Model: MF190', 'Revision: BD_MF190V1.0.0B05', 'IMEI: 357845021234569', '+GCAP: +CGSM,+DS,+ES'] },
  },
  network: {
    operator: '+COPS: 0,0,"CHN-UNICOM",2',
    operatorList: '+COPS: (2,"CHN-UNICOM","UNICOM","46001",2),,(0-4),(0-2)',
    csq: 17,
  },
  defaults: {},
  ringIntervalMs: 5000,
  boot: ['+ZUSIMR:2', '+ZDONR: "CHN-UNICOM",460,1,"CS_PS","ROAM_OFF"', '+ZPASR: "UMTS"'],
  noise: [{ everyMs: 30_000, lines: () => ['+ZPASR: "UMTS"'] }],
  ring: (s) => (s.crc ? '+CRING: VOICE' : 'RING'),
  clipStyle: 'huawei',
  // Takes no direct delivery (+CNMI mt=2 refused): every message is stored and announced with +CMTI.
  sms: { capacity: 30, firstIndex: 0, direct: false },
  ends: { callerGaveUp: () => ['NO CARRIER'], hostHungUp: () => [], answered: () => [] },
  commands: { ...basicCommands, ...gsmCommands, ...smsCommands },
};
