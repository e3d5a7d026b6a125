// A modem profile: how to bring one family of modems into a known state and how to hang up on it.
import type { HangupMethod, LineKind } from '../../../shared/domain.ts';

export type ProfileName = 'huawei' | 'zte' | 'simcom' | 'quectel' | 'generic-gsm' | 'usrobotics' | 'conexant' | 'generic-landline';

/** One init command. `alternatives` are tried in order when it fails; `required` failures stop the init. */
export type InitStep = {
  command: string;
  alternatives?: string[];
  required?: boolean;
  /** This step turns caller ID on: its success is what "caller ID confirmed" rests on (landline). */
  enablesCallerId?: boolean;
  /** This step selects the character set the modem then writes names in (+CSCS), when it succeeds. */
  charset?: 'UCS2' | 'IRA';
  timeoutMs?: number;
};

export type Profile = {
  name: ProfileName;
  kind: LineKind;
  init: InitStep[];
  /** The hang-up fallback chain 'auto' uses. */
  hangupChain: Exclude<HangupMethod, 'auto'>[];
};

/** What identification learnt, for picking a profile. */
export type Identity = {
  manufacturer: string | null;
  model: string | null;
  firmware: string | null;
  /** Every information line ATI and friends returned, for the matchers. */
  text: string;
  /** Whether the modem answered the GSM identification commands (+CGMI). */
  gsm: boolean;
};
