// What GSM modules report during the gate, parsed from single lines (pure).
//
// - SIMCom `+DTMF: <key>` or `+DTMF: <key>,<ms>` once AT+DDET=1 is on (SIM800 Series AT Command Manual
//   V1.09 §16.2.1 "AT+DDET DTMF detection control"; SIM7500/SIM7600 report the same form); `+DTMF: 1400` /
//   `2300` are single-tone reports when <ssdet> is on, never keys.
// - Quectel `+QTONEDET: <code>` once AT+QTONEDET=1 is on, the key as its ASCII code: 48–57 for 0–9, 42 `*`,
//   35 `#`, 65–68 A–D (EC25&EC21 AT Commands Manual §12.13 "AT+QTONEDET"); 69/70 are the 1400/2300 Hz tones.
// - The end of a spoken prompt: SIMCom `+CTTS: 0` (SIM7500/SIM7600 AT Command Manual, AT+CTTS), Quectel
//   `+QWTTS: 0` / `+QTTS: 0` (EC25&EC21 AT Commands Manual §12.19–12.21); of a played file: SIMCom
//   `+CREC: 0` (SIM800 Series AT Command Manual V1.09, AT+CREC), Quectel `+QPSND: 0` (§12.18).
import { intField, payloadAfter, splitFields } from '../at-fields.ts';
import type { DtmfKey } from './goertzel.ts';

const keys = new Set('0123456789*#ABCD');

export function simcomKey(line: string): DtmfKey | null {
  const payload = payloadAfter(line, '+DTMF');
  if (payload === null) return null;
  const key = (splitFields(payload)[0]?.text ?? '').toUpperCase();
  return keys.has(key) && key.length === 1 ? (key as DtmfKey) : null;
}

export function quectelKey(line: string): DtmfKey | null {
  const payload = payloadAfter(line, '+QTONEDET');
  if (payload === null) return null;
  const fields = splitFields(payload);
  // `+QTONEDET: 1` alone is the reply to AT+QTONEDET? (enabled), not a key: keys are codes ≥ 35.
  const code = intField(fields[0]);
  if (code === null || fields.length !== 1 || code < 35) return null;
  const key = String.fromCharCode(code);
  return keys.has(key) ? (key as DtmfKey) : null;
}

/**
 * `+CTTS: 0`, `+QWTTS: 0`, `+QTTS: 0`: the module finished speaking; `+CREC: 0` (SIMCom AT+CREC=4) and
 * `+QPSND: 0` (Quectel AT+QPSND) it finished playing a file.
 */
export function promptDone(line: string, prefix: '+CTTS' | '+QWTTS' | '+QTTS' | '+CREC' | '+QPSND'): boolean {
  const payload = payloadAfter(line, prefix);
  return payload !== null && intField(splitFields(payload)[0]) === 0;
}

/** A voice modem's compression that the gate can feed, picked from its AT+VSM=? reply (V.253 §10.2.1). */
export type VoiceFormat = { code: number; encoding: 'ulaw' | 'linear8' };

/**
 * AT+VSM=? lists one method per line: `<cml>,"<name>",<bits>,<tm>,(<rates>),(<sc>),(<sel>)` (Conexant,
 * USR 5637) or the older `<cml>,"<name>",(<rates>)`. μ-law is preferred (the prompts are stored in it, no
 * conversion); else 8-bit linear; either must offer 8000 samples a second.
 */
export function pickVoiceFormat(lines: readonly string[]): VoiceFormat | null {
  const offered: VoiceFormat[] = [];
  for (const raw of lines) {
    const line = raw.replace(/^\+VSM:\s*/i, '');
    const m = /^(\d+)\s*,\s*"([^"]*)"(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, code, name = '', rest = ''] = m;
    if (!/\b8000\b/.test(rest)) continue;
    const n = name.toUpperCase().replace(/[\s_-]/g, '');
    if (/ULAW|MULAW|G\.?711U|G711MU/.test(n)) offered.push({ code: Number(code), encoding: 'ulaw' });
    else if (/8BITLINEAR|LINEAR8|UNSIGNEDPCM|8BITPCM/.test(n)) offered.push({ code: Number(code), encoding: 'linear8' });
  }
  return offered.find((f) => f.encoding === 'ulaw') ?? offered[0] ?? null;
}

/** `+FCLASS: 0,1,2,8` or `0,1,1.0,2,8` (the reply to AT+FCLASS=?): does the modem have voice mode? */
export const hasVoiceClass = (lines: readonly string[]): boolean =>
  lines.some((l) =>
    l
      .replace(/^\+FCLASS:\s*/i, '')
      .split(/[,()\s]+/)
      .includes('8'),
  );
