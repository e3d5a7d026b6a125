// Identification text → profile. Vendors name themselves in +CGMI/ATI; landline modems do not answer
// the GSM commands at all, which is how the kind is told.
import { genericGsm, huawei, quectel, simcom, zte } from './gsm.ts';
import { conexant, genericLandline, usrobotics } from './landline.ts';
import type { Identity, Profile, ProfileName } from './profile.ts';

const byName: Record<ProfileName, Profile> = {
  huawei,
  zte,
  simcom,
  quectel,
  'generic-gsm': genericGsm,
  usrobotics,
  conexant,
  'generic-landline': genericLandline,
};

export function profileByName(name: ProfileName): Profile {
  return byName[name];
}

export function pickProfile(identity: Identity): Profile {
  const t = `${identity.manufacturer ?? ''}\n${identity.model ?? ''}\n${identity.text}`.toLowerCase();
  if (identity.gsm) {
    if (/huawei/.test(t)) return huawei;
    if (/\bzte\b|zte corporation/.test(t)) return zte;
    if (/simcom|sim800|sim900|sim7\d{3}|a76\d\d/.test(t)) return simcom;
    if (/quectel|\beg2[15]|\bec2[015]|\bbg9\d|\bem\d{2}/.test(t)) return quectel;
    return genericGsm;
  }
  if (/robotics|\busr\b|usr\d{4}|3com/.test(t)) return usrobotics;
  if (/conexant|zoom|cx9\d{4}|rockwell|\bsmartlink\b/.test(t)) return conexant;
  return genericLandline;
}
