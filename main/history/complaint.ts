// Ready-to-paste complaint text per number, for the operator's form, the 12321 reporting centre and the
// police: the facts those forms ask for (number, first and last time, how many, what kind), nothing else.
// Pure: from a number's summary to text.
import type { Action } from '../../shared/domain.ts';
import { localTime } from './export/format.ts';
import type { Language } from '../../shared/domain.ts';

export type NumberSummary = {
  /** null: the calls without a number (withheld, unavailable, no caller ID). */
  number: string | null;
  firstSeen: string;
  lastSeen: string;
  calls: number;
  blocked: number;
  rings: number;
  oneRing: number;
  /** Distinct local days with calls, and the most calls on one of them. */
  days: number;
  maxPerDay: number;
  byAction: Record<Action, number>;
  /** The number called during a flood incident. */
  inIncident?: boolean;
};

export type ComplaintKind = 'call-bombing' | 'one-ring' | 'repeated' | 'campaign';

/**
 * What kind of harassment the pattern shows. One-ring ("响一声") when most calls hung up after a ring (the
 * callback scam); call bombing ("呼死你") when one day saw ten or more calls or the total passed thirty;
 * otherwise repeated nuisance calls.
 */
export function complaintKind(s: NumberSummary): ComplaintKind {
  if (s.calls >= 3 && s.oneRing * 2 >= s.calls) return 'one-ring';
  if (s.maxPerDay >= 10 || s.calls >= 30) return 'call-bombing';
  // "Repeated" only when it was: a number that called once or twice is named as part of the flood it joined.
  if (s.calls < 3) return 'campaign';
  return 'repeated';
}

/**
 * Which numbers get a complaint text of their own: three or more calls in the period, or a call during a
 * flood incident. (Trusted numbers, the user's own, excluded ones and simulated calls never reach here.)
 */
export const deservesComplaint = (s: NumberSummary): boolean => s.number !== null && (s.calls >= 3 || s.inIncident === true);

const kindText: Record<Language, Record<ComplaintKind, string>> = {
  en: {
    'call-bombing': 'harassment by mass repeated calls ("call bombing")',
    'one-ring': 'one-ring calls (the phone rings once to make me call back)',
    repeated: 'repeated nuisance / harassing calls',
    campaign: 'one of the numbers of a call-bombing flood (see the incident)',
  },
  zh: {
    'call-bombing': '呼死你式骚扰（短时间内大量反复呼叫）',
    'one-ring': '响一声电话（响一声即挂断，诱导回拨）',
    repeated: '反复骚扰电话',
    campaign: '呼死你式电话轰炸中使用的号码之一（见对应事件）',
  },
};

export function complaintText(s: NumberSummary, language: Language, line: { label: string; number?: string }): string {
  const kind = kindText[language][complaintKind(s)];
  const first = localTime(s.firstSeen, true);
  const last = localTime(s.lastSeen, true);
  if (language === 'zh') {
    return [
      `投诉：骚扰电话${line.number ? `（被叫号码：${line.number}）` : ''}`,
      `来电号码：${s.number ?? '隐藏号码（无来电显示）'}`,
      `类型：${kind}`,
      `首次来电：${first}；最近来电：${last}`,
      `来电次数：共 ${s.calls} 次，涉及 ${s.days} 天（单日最多 ${s.maxPerDay} 次）；其中 ${s.blocked} 次被自动挂断` +
        `${s.oneRing > 0 ? `；${s.oneRing} 次响一声即挂断` : ''}。`,
      '以上来电由来电拦截软件 Ringfence 自动记录，记录带防篡改哈希链，可提供完整的来电时间清单。',
    ].join('\n');
  }
  return [
    `Complaint: harassing calls${line.number ? ` to my number ${line.number}` : ''}`,
    `Calling number: ${s.number ?? 'withheld (no caller ID)'}`,
    `Type: ${kind}`,
    `First call: ${first}; last call: ${last}`,
    `Calls: ${s.calls} on ${s.days} day${s.days === 1 ? '' : 's'} (up to ${s.maxPerDay} in one day); ${s.blocked} hung up automatically` +
      `${s.oneRing > 0 ? `; ${s.oneRing} rang once and hung up` : ''}.`,
    'The calls were recorded by call-screening software (Ringfence) in a tamper-evident, hash-chained record; the full list of call times is available.',
  ].join('\n');
}
