// USRobotics USR5637 (USB voice modem, landline). Caller ID only after AT+VCID=1, written between the
// first and second ring without spaces around '=' (thess/callattendant issue 11). A landline modem
// cannot tell that the caller hung up: the rings just stop.
import { basicCommands } from '../commands/basic.ts';
import { voiceModemCommands } from '../commands/gate.ts';
import { landlineCommands, profileDump } from '../commands/landline.ts';
import type { Profile } from './profile.ts';

export const usr5637: Profile = {
  name: 'usr5637',
  kind: 'landline',
  label: 'USRobotics USR5637 USB voice modem (landline)',
  identity: {
    manufacturer: 'U.S. Robotics',
    model: 'USR5637',
    revision: 'V1.2.23',
    ati: { '': ['5601'], '3': ['USRobotics 56K Voice USB V1.2.23'] },
  },
  defaults: {},
  ringIntervalMs: 6000,
  boot: [],
  noise: [],
  ring: () => 'RING',
  cidLayout: 'unspaced',
  ends: { callerGaveUp: () => [], hostHungUp: () => [], answered: () => [] },
  commands: {
    ...basicCommands,
    ...landlineCommands({ classes: ['0', '1', '1.0', '8'] }),
    // USR's "+V" command reference lists 8-bit linear and μ-law at 8000 samples/s (plus ADPCM).
    ...voiceModemCommands(['0,"8-BIT LINEAR",8,0,(8000),(0),(0)', '1,"ULAW",8,0,(8000),(0),(0)', '2,"IMA ADPCM",4,0,(8000),(0),(0)']),
    '&V': profileDump,
  },
};
