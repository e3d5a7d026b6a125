// Every simulated modem model by name.
import { conexant } from './conexant.ts';
import { huaweiE173 } from './huawei-e173.ts';
import type { Profile, SimProfileName } from './profile.ts';
import { quectelEc25, quectelEc25NoTts } from './quectel-ec25.ts';
import { sim800, sim800NoTts } from './sim800.ts';
import { usr5637 } from './usr5637.ts';
import { zteMf } from './zte-mf.ts';

export const profiles: Record<SimProfileName, Profile> = {
  'huawei-e173': huaweiE173,
  sim800,
  'sim800-no-tts': sim800NoTts,
  'quectel-ec25': quectelEc25,
  'quectel-ec25-no-tts': quectelEc25NoTts,
  'zte-mf': zteMf,
  usr5637,
  conexant,
};

export { profileNames, type Profile, type SimProfileName } from './profile.ts';
