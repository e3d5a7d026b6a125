// +CSQ signal quality to dBm and bars, shared so the modem status and the UI agree on one scale.
import type { Signal } from './domain.ts';

/**
 * 3GPP TS 27.007 §8.5: rssi 0 is -113 dBm or less, 1 is -111 dBm, 2..30 step 2 dBm up to -53,
 * 31 is -51 dBm or more, 99 is "not known or not detectable". 100..191 is the TD-SCDMA range
 * (-116 + (n-100) dBm) that some Huawei firmware reports.
 */
export function csqToSignal(csq: number): Signal {
  let dbm: number | null;
  if (csq >= 0 && csq <= 31) dbm = -113 + 2 * csq;
  else if (csq >= 100 && csq <= 191) dbm = -116 + (csq - 100);
  else dbm = null;
  return { csq, dbm, bars: dbmToBars(dbm) };
}

// Thresholds as phones draw them for GSM (Android's SignalStrength levels, one more bar for "excellent").
function dbmToBars(dbm: number | null): number {
  if (dbm === null) return 0;
  if (dbm >= -65) return 5;
  if (dbm >= -75) return 4;
  if (dbm >= -85) return 3;
  if (dbm >= -95) return 2;
  if (dbm >= -105) return 1;
  return 0;
}
