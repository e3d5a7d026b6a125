// Reading the modem's health from its replies (signal, SIM, operator, caller ID) and the plain-language
// problems a user sees, in English and Chinese. Pure: the Line sends the commands and passes the replies.
import type { LineStatus, Signal, Text } from '../../shared/domain.ts';
import { intField, payloadAfter, splitFields } from './at-fields.ts';
import { decodeText } from './charset.ts';
import type { AtResult } from './at-channel.ts';
import { lineProblems } from './texts.ts';

export type Problem = { code: string; text: Text };
type SimState = NonNullable<LineStatus['sim']>;

/** `+CSQ: <rssi>,<ber>` → dBm and 0–5 bars (27.007 §8.5: 0 is −113 dBm or less, 31 is −51 or more, 99 unknown). */
export function parseCsq(lines: readonly string[]): Signal | null {
  for (const line of lines) {
    const payload = payloadAfter(line, '+CSQ');
    if (payload === null) continue;
    const csq = intField(splitFields(payload)[0]);
    if (csq === null) continue;
    if (csq === 99 || csq > 31) return { csq, dbm: null, bars: 0 };
    const dbm = -113 + 2 * csq;
    const bars = csq < 2 ? 0 : csq < 10 ? 1 : csq < 15 ? 2 : csq < 20 ? 3 : csq < 25 ? 4 : 5;
    return { csq, dbm, bars };
  }
  return null;
}

/** The SIM state from the reply to AT+CPIN? (an error reply says as much as a +CPIN line). */
export function parseSim(result: AtResult): SimState {
  for (const line of result.lines) {
    const payload = payloadAfter(line, '+CPIN');
    if (payload === null) continue;
    const v = payload.trim().toUpperCase();
    if (v === 'READY') return 'READY';
    if (v === 'SIM PIN') return 'SIM PIN';
    if (v === 'SIM PUK') return 'SIM PUK';
    if (/NOT INSERTED|NO SIM/.test(v)) return 'NOT INSERTED';
    return 'unknown';
  }
  const detail = (result.final && result.final.kind === 'error' ? (result.final.detail ?? '') : '').toUpperCase();
  // +CME ERROR 10 is "SIM not inserted", 11 "SIM PIN required", 12 "SIM PUK required", 13 "SIM failure".
  if (/NOT INSERTED|^10$|^13$|SIM FAILURE/.test(detail)) return 'NOT INSERTED';
  if (/PIN REQUIRED|^11$/.test(detail)) return 'SIM PIN';
  if (/PUK REQUIRED|^12$/.test(detail)) return 'SIM PUK';
  return 'unknown';
}

/** `+COPS: 0,0,"China Mobile",7` → the operator's name, or null when not registered. */
export function parseOperator(lines: readonly string[]): string | null {
  for (const line of lines) {
    const payload = payloadAfter(line, '+COPS');
    if (payload === null) continue;
    // In UCS2 (Ringfence's +CSCS) the operator's name comes as hex too.
    const name = decodeText(splitFields(payload)[2]?.text.trim() ?? '', null);
    return name ? name : null;
  }
  return null;
}

/** `+CLIP: <n>,<m>`: n=1 means the modem will present caller ID. */
export function clipEnabled(lines: readonly string[]): boolean | null {
  for (const line of lines) {
    const payload = payloadAfter(line, '+CLIP');
    if (payload === null) continue;
    const n = intField(splitFields(payload)[0]);
    if (n !== null) return n === 1;
  }
  return null;
}

/** Huawei `^CVOICE: 0,…`: 0 means voice is enabled in this firmware. */
export function voiceEnabled(result: AtResult): boolean | null {
  if (result.status === 'error') return false;
  for (const line of result.lines) {
    const payload = payloadAfter(line, '^CVOICE');
    if (payload === null) continue;
    return intField(splitFields(payload)[0]) === 0;
  }
  return null;
}

/** The first line of a reply that is not empty: manufacturer, model, firmware, IMEI. */
export function firstInfo(result: AtResult, prefix?: string): string | null {
  if (result.status !== 'ok') return null;
  for (const line of result.lines) {
    const text = (prefix ? (payloadAfter(line, prefix) ?? line) : line).trim().replace(/^"|"$/g, '');
    if (text) return text;
  }
  return null;
}

const problems = lineProblems;

export type ProblemCode = keyof typeof problems;

export function problem(code: ProblemCode, detail?: string): Problem {
  const text = problems[code];
  return { code, text: detail ? { en: `${text.en} (${detail})`, zh: `${text.zh}（${detail}）` } : text };
}

/** The one problem to show for a GSM line, most fundamental first; null when healthy. */
export function gsmProblem(s: {
  sim: SimState | null;
  voice: boolean | null;
  callerIdConfirmed: boolean;
  operator: string | null;
  signal: Signal | null;
}): Problem | null {
  if (s.sim === 'NOT INSERTED') return problem('no-sim');
  if (s.sim === 'SIM PIN') return problem('sim-pin');
  if (s.sim === 'SIM PUK') return problem('sim-puk');
  if (s.voice === false) return problem('voice-disabled');
  if (!s.callerIdConfirmed) return problem('caller-id-off');
  if (s.sim === 'READY' && s.operator === null && s.signal !== null && s.signal.dbm === null) return problem('no-network');
  return null;
}
