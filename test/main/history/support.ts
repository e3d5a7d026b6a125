// Real SQLite files in a temp dir, and calls, SMS and shield incidents that look like the ones the service records.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { Action, CallOutcome, Incident, Presentation } from '../../../shared/domain.ts';
import { openHistory, type CallToRecord, type History, type HistoryOptions, type NewSms } from '../../../main/history/index.ts';
import { openDataStore } from '../../../main/store/open.ts';

export const tempDir = (prefix = 'rf-history-') => mkdtempSync(join(tmpdir(), prefix));

export function openTestHistory(options: HistoryOptions & { dir?: string } = {}): { db: DatabaseSync; history: History; dir: string } {
  const dir = options.dir ?? tempDir();
  const { db } = openDataStore(dir);
  const history = openHistory(db, { timeZone: 'Asia/Shanghai', ...options });
  return { db, history, dir };
}

/** "2025-03-04T14:02:00.000+08:00" for an instant, in a fixed offset (minutes east of UTC). */
export function isoAt(ms: number, offsetMinutes = 480): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const blockedText = { en: 'Blocked: matched prefix +86 170 (list "virtual operators")', zh: '已拦截：匹配前缀 +86 170（名单“虚拟运营商”）' };
const allowedText = { en: 'Rang through: no rule matched', zh: '已接通：未匹配任何规则' };

let counter = 0;

/** A plausible call; every field can be overridden. `at` is the start instant (ms). */
export function makeCall(
  at: number,
  o: Partial<CallToRecord> & { action?: Action; outcome?: CallOutcome; presentation?: Presentation; offsetMinutes?: number } = {},
): CallToRecord {
  const { action = 'reject', outcome, presentation = 'allowed', offsetMinutes = 480, number: asked, normalized, ...rest } = o;
  const withheld = presentation !== 'allowed';
  const number = withheld ? null : (asked ?? '17012345678');
  return {
    callKey: `call-${++counter}`,
    lineId: 'line-1',
    simulated: false,
    startedAt: isoAt(at, offsetMinutes),
    timeZone: 'Asia/Shanghai',
    timings: { firstRing: 0, callerId: 410.5, decision: 411.25, hangupSent: 412, hangupConfirmed: 598, end: 640 },
    number,
    normalized: normalized !== undefined ? normalized : number === null ? null : number.startsWith('+') ? number : `+86${number}`,
    presentation,
    name: null,
    rings: 1,
    oneRing: false,
    decision: {
      action,
      reason: action === 'allow' ? 'default' : 'blocked-prefix',
      ruleId: action === 'allow' ? null : 'rule-170',
      ruleLabel: action === 'allow' ? null : 'virtual operators',
      text: action === 'allow' ? allowedText : blockedText,
    },
    outcome: outcome ?? (action === 'allow' ? 'rang-through' : action === 'silent' ? 'caller-hung-up' : action === 'reject' ? 'rejected' : 'answered'),
    hangupLatencyMs: action === 'allow' ? null : 187.5,
    raw: ['RING', `+CLIP: "${number ?? ''}",129,,,,${withheld ? 1 : 0}`],
    ...rest,
  };
}

/**
 * A received SMS as the modem service hands it to the history; every field can be overridden. `at` is the instant
 * it was read (ms); `normalized` follows `party` (+86 before a plain number) unless given.
 */
export function makeSms(at: number, o: Partial<NewSms> = {}): NewSms {
  const { party = '10690000', partyKind = 'number', normalized, ...rest } = o;
  return {
    lineId: 'line-1',
    simulated: false,
    direction: 'received',
    receivedAt: isoAt(at),
    timeZone: 'Asia/Shanghai',
    networkTime: null,
    party,
    partyKind,
    normalized: normalized !== undefined ? normalized : party === null || partyKind !== 'number' ? null : `+86${party}`,
    text: '您的验证码是 123456',
    encoding: 'ucs2',
    concat: null,
    pdu: '00',
    source: 'cmt',
    label: 'unknown',
    ruleId: null,
    ruleLabel: null,
    problems: [],
    incidentId: null,
    reference: null,
    status: null,
    ...rest,
  };
}

/** A shield incident engaged by a flood of calls, from `start` to `end` (ms; null while it is still on); every field can be overridden. */
export function makeIncident(start: number, end: number | null, o: Partial<Incident> = {}): Incident {
  return {
    id: 1,
    startedAt: new Date(start).toISOString(),
    endedAt: end === null ? null : new Date(end).toISOString(),
    trigger: 'calls',
    cause: { en: '5 calls from 5 unknown numbers within 4 minutes', zh: '4 分钟内 5 个陌生号码来电 5 次' },
    callsRejected: 0,
    distinctNumbers: 0,
    withheldShare: 0,
    ...o,
  };
}

export const t0 = Date.parse('2025-03-03T00:00:00+08:00');
export const hour = 3_600_000;
export const day = 24 * hour;
