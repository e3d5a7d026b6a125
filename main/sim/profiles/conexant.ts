// Conexant-chipset landline modem (CX93001 family: Zoom 3095 and many USB "56K" sticks). Echo off as
// shipped in the Zoom 3095 capture, ATI0 → 56000, caller ID by AT+VCID or the older AT#CID, spaced
// `NMBR = …` fields, ASCII-hex packets with +VCID=2, and +VSD only in voice mode (callattendant #116).
import { ERROR, basicCommands } from '../commands/basic.ts';
import { voiceModemCommands } from '../commands/gate.ts';
import { callerIdSetting, landlineCommands, profileDump } from '../commands/landline.ts';
import type { Profile } from './profile.ts';

export const conexant: Profile = {
  name: 'conexant',
  kind: 'landline',
  label: 'Conexant CX93001 USB voice modem (landline)',
  identity: {
    manufacturer: 'CONEXANT',
    model: 'CX93001-EIS_V0.2002-V92',
    revision: 'V0.2002',
    ati: { '': ['56000'], '3': ['CX93001-EIS_V0.2002-V92'] },
  },
  defaults: { echo: false },
  ringIntervalMs: 6000,
  boot: [],
  noise: [],
  ring: () => 'RING',
  cidLayout: 'spaced',
  ends: { callerGaveUp: () => [], hostHungUp: () => [], answered: () => [] },
  commands: {
    ...basicCommands,
    ...landlineCommands({ classes: ['0', '1', '1.0', '2', '8'] }),
    '#CID': callerIdSetting,
    '&V': profileDump,
    // Conexant's list (Zoom 3095): signed/unsigned 8-bit PCM, μ-law, A-law, IMA ADPCM.
    ...voiceModemCommands([
      '0,"SIGNED PCM",8,0,(7200,8000,11025),(0),(0)',
      '1,"UNSIGNED PCM",8,0,(7200,8000,11025),(0),(0)',
      '4,"ULAW",8,0,(7200,8000,11025),(0),(0)',
      '5,"ALAW",8,0,(7200,8000,11025),(0),(0)',
      '129,"IMA ADPCM",4,0,(7200,8000,11025),(0),(0)',
    ]),
    // Voice silence detection: sensitivity and duration, meaningful only in voice mode (+FCLASS=8).
    '+VSD': (cmd, { state }) => {
      if (state.fclass !== '8') return ERROR;
      if (cmd.op === 'read') return { info: [state.vsd] };
      if (cmd.op === 'test') return { info: ['(0-255),(0-255)'] };
      if (cmd.op !== 'set') return ERROR;
      const m = /^(\d{1,3}),(\d{1,3})$/.exec(cmd.arg);
      return m && Number(m[1]) <= 255 && Number(m[2]) <= 255 ? { set: { vsd: `${Number(m[1])},${Number(m[2])}` } } : ERROR;
    },
  },
};
