// Where a complaint SMS goes, and in what form. Each operator runs a free short number for reporting
// nuisance messages and calls; all of them, and 12321 (the MIIT's reporting centre, for any operator),
// take the reported number first, a half-width asterisk, then the content. Sources, each checked on the
// public pages (README "The complaint SMS" lists them with dates). One table for the complaint SMS
// Ringfence sends (main/messages) and the texts the evidence report prints (main/history/filing.ts):
//   China Mobile 10086999 — "要举报的号码*垃圾短信内容" (dixionglia.com/flzs/9336; kjw.cc 2011-07-11;
//     China Daily/法制晚报 2013-11-02: "垃圾短信發送號碼*垃圾短信內容 發送到10086999"; yunzhuji.net 2024:
//     "编辑短信'被举报号码*原因'发送至10086999")
//   China Unicom 10010999, China Telecom 10000999 — the operators' own report numbers beside 10086999
//     (glnlw.com: "运营商自身举报渠道（如10086999、10000999、10010999）"); the same "号码*内容" form
//     (zs.xiangyang.net 2022 for Telecom; Unicom's older form "LJDXJB#号码#内容" to 10010 is also known).
//   12321 — "在举报内容前输入被举报号码，然后加'*'号隔开，发送到12321" (glnlw.com, 12321 举报中心).
// The user can change the number and the form in Settings if their operator asks for another.
import type { Text } from './domain.ts';

export type OperatorId = 'china-mobile' | 'china-unicom' | 'china-telecom' | 'other';

/** `operator`: whose desk it is (null for 12321, which takes reports about any operator). */
export type ReportNumber = {
  id: 'china-mobile' | 'china-unicom' | 'china-telecom' | '12321';
  number: string;
  name: Text;
  operator: Text | null;
  format: string;
};

/** `{number}`: the reported number; `{content}`: what happened. */
export const reportNumbers: readonly ReportNumber[] = [
  {
    id: 'china-mobile',
    number: '10086999',
    name: { en: 'China Mobile report line', zh: '中国移动举报平台' },
    operator: { en: 'China Mobile', zh: '中国移动' },
    format: '{number}*{content}',
  },
  {
    id: 'china-unicom',
    number: '10010999',
    name: { en: 'China Unicom report line', zh: '中国联通举报平台' },
    operator: { en: 'China Unicom', zh: '中国联通' },
    format: '{number}*{content}',
  },
  {
    id: 'china-telecom',
    number: '10000999',
    name: { en: 'China Telecom report line', zh: '中国电信举报平台' },
    operator: { en: 'China Telecom', zh: '中国电信' },
    format: '{number}*{content}',
  },
  {
    id: '12321',
    number: '12321',
    name: { en: '12321 reporting centre (any operator)', zh: '12321 网络不良与垃圾信息举报受理中心（任何运营商）' },
    operator: null,
    format: '{number}*{content}',
  },
];
