// Ready-to-file texts, generated from the record (never typed): the complaint for a flood incident as a whole,
// the fields of the 12321 web form, the complaint SMS in the form the operators' report numbers accept, and a
// one-page summary for the police (110 / 派出所). Pure: figures in, text out. Nothing here sends anything; the
// user copies a text, or (issue 17) confirms an SMS before it goes.
//
// The operators' report numbers take "被举报号码*内容": the reported number, a half-width *, the facts.
// - China Mobile 10086999: yunzhuji.net/kahao/625014.html ("编辑短信'被举报号码*原因'发送至10086999"); the same
//   "号码*内容" in China Daily / 法制晚报, 2013-11-02 (ming7.cn/dfpd/shehui/2013-11/02/content_17077117_2.htm).
// - China Unicom 10010999 and China Telecom 10000999, the operators' own report lines beside 10086999
//   (glnlw.com: "运营商自身举报渠道（如10086999、10000999、10010999）"), in the same form — as the messages
//   capability (issue 17) sends them. Unicom's older "LJDXJB#号码#内容" to 10010 (zs.xiangyang.net/zs/20220613/
//   62244.html) is for spam SMS, not calls.
import { reportNumbers } from '../../shared/report-numbers.ts';
import { localTime } from './export/format.ts';
import type { IncidentFigures } from './export/incidents.ts';
import type { Language } from '../../shared/domain.ts';

export type FilingContext = { ownNumbers: string[]; head: string | null; lastId: number; generatedAt: string };

const pct = (share: number) => `${Math.round(share * 100)}%`;
const count = (n: number, language: Language) => n.toLocaleString(language === 'zh' ? 'zh-CN' : 'en-GB');
const span = (f: IncidentFigures) => `${localTime(f.firstCall ?? f.startedAt, true)} – ${localTime(f.lastCall ?? f.endedAt ?? f.startedAt, true)}`;
const shortSpan = (f: IncidentFigures) => `${localTime(f.firstCall ?? f.startedAt).slice(0, 16)}–${localTime(f.lastCall ?? f.startedAt).slice(5, 16)}`;

function prefixes(f: IncidentFigures, language: Language): string {
  const list = f.topPrefixes.filter((p) => p.share >= 0.05).slice(0, 3);
  if (list.length === 0) return '';
  if (language === 'zh') return list.map((p) => `${p.prefix}${p.virtual ? '（虚拟运营商号段）' : ''} ${pct(p.share)}`).join('，');
  return list.map((p) => `${p.prefix}${p.virtual ? ' (virtual-operator range)' : ''} ${pct(p.share)}`).join(', ');
}

function places(f: IncidentFigures, language: Language): string {
  const known = f.places.filter((p) => p.place || p.carrier).slice(0, 3);
  const sep = language === 'zh' ? '，' : '; ';
  return known.map((p) => `${[p.place, p.carrier].filter(Boolean).join(language === 'zh' ? ' ' : ', ')} ${pct(p.share)}`).join(sep);
}

/** The complaint for one flood incident as a whole: one campaign, not a list of numbers. */
export function incidentComplaint(f: IncidentFigures, language: Language, ctx: FilingContext): string {
  const own = ctx.ownNumbers.join(language === 'zh' ? '、' : ', ');
  const p = prefixes(f, language);
  const where = places(f, language);
  if (language === 'zh') {
    return [
      `投诉：呼死你式电话轰炸${own ? `（被叫号码：${own}）` : ''}`,
      `时间：${span(f)}`,
      `来电：共 ${count(f.calls, 'zh')} 次，来自 ${count(f.distinctNumbers, 'zh')} 个不同号码，其中隐藏号码 ${count(f.withheld, 'zh')} 次（${pct(f.withheldShare)}）。`,
      ...(p ? [`主要号段：${p}。`] : []),
      ...(where ? [`主要归属地及运营商：${where}。`] : []),
      `来电拦截软件在 ${localTime(f.startedAt, true)} 开启防轰炸保护；此前已有 ${f.beforeShield.calls} 次来电（${f.beforeShield.rang} 次振铃接通）。全部来电中 ${count(f.rejected, 'zh')} 次被自动拒接，${count(f.rang, 'zh')} 次振铃。`,
      `以上来电由 Ringfence 自动记录，记录带防篡改哈希链${ctx.head ? `（链头 ${ctx.head.slice(0, 16)}）` : ''}，可提供全部号码和来电时间清单。请核查这些号码并依法处理。`,
    ].join('\n');
  }
  return [
    `Complaint: call bombing${own ? ` of my number ${own}` : ''}`,
    `When: ${span(f)}`,
    `Calls: ${count(f.calls, 'en')} from ${count(f.distinctNumbers, 'en')} different numbers; ${count(f.withheld, 'en')} withheld (${pct(f.withheldShare)}).`,
    ...(p ? [`Main number ranges: ${p}.`] : []),
    ...(where ? [`Where the numbers are registered: ${where}.`] : []),
    `My call screener switched its flood shield on at ${localTime(f.startedAt, true)}; ${f.beforeShield.calls} call${f.beforeShield.calls === 1 ? '' : 's'} came before (${f.beforeShield.rang} rang through). Of all the calls, ${count(f.rejected, 'en')} were rejected automatically and ${count(f.rang, 'en')} rang.`,
    `The calls were recorded by call-screening software (Ringfence) in a tamper-evident hash-chained record${ctx.head ? ` (chain head ${ctx.head.slice(0, 16)})` : ''}; the full list of numbers and call times is attached. Please investigate these numbers.`,
  ].join('\n');
}

export type Form12321 = { type: string; numbers: string; timeRange: string; count: string; description: string };

/** The 12321 web form's fields for one incident (举报类型, 被举报号码, 骚扰时间, 骚扰次数, 情况描述). */
export function form12321(f: IncidentFigures, language: Language, ctx: FilingContext): Form12321 {
  const shown = f.numbers.slice(0, 10).map((n) => `${n.number} (${n.calls})`);
  const more = f.numbers.length - shown.length;
  if (language === 'zh') {
    return {
      type: '骚扰电话 — 呼死你（电话轰炸）',
      numbers: `${shown.join('，')}${more > 0 ? ` 等共 ${count(f.distinctNumbers, 'zh')} 个号码（完整清单见证据包 calls.csv）` : ''}`,
      timeRange: span(f),
      count: `${count(f.calls, 'zh')} 次`,
      description: incidentComplaint(f, 'zh', ctx).split('\n').slice(2).join(''),
    };
  }
  return {
    type: 'Harassing calls — call bombing (呼死你)',
    numbers: `${shown.join(', ')}${more > 0 ? ` and ${count(more, 'en')} more (${count(f.distinctNumbers, 'en')} numbers; full list in the pack's calls.csv)` : ''}`,
    timeRange: span(f),
    count: `${count(f.calls, 'en')} calls`,
    description: incidentComplaint(f, 'en', ctx).split('\n').slice(2).join(' '),
  };
}

export type OperatorSms = { operator: string; to: string; number: string; text: string };

/**
 * One complaint SMS per reported number (the busiest of the incident), for each operator that takes them by
 * SMS. The text stays within one SMS (70 Chinese characters): the number, the kind, the time and the count.
 */
export function operatorSms(f: IncidentFigures, ctx: FilingContext, limit = 3): OperatorSms[] {
  const own = ctx.ownNumbers[0] ? `本机${ctx.ownNumbers[0]}` : '本机';
  return f.numbers.slice(0, limit).flatMap(({ number, calls }) => {
    const national = number.replace(/^\+86/, '');
    // The count never follows the own number directly ("本机13512345678 1次" would read as one long number).
    const reason = `呼死你骚扰：${shortSpan(f)}呼叫${own}共${calls}次，同期${f.distinctNumbers}个号码共轰炸${f.calls}次`;
    // The operators' own desks, in the form each takes (the one table: shared/report-numbers.ts).
    return reportNumbers.flatMap((r) =>
      r.operator
        ? [
            {
              operator: `${r.operator.zh} ${r.operator.en}`,
              to: r.number,
              number,
              text: r.format.replace('{number}', () => national).replace('{content}', () => reason),
            },
          ]
        : [],
    );
  });
}

/** A one-page summary for the police (110 / 派出所): who, what, when, how much, where the evidence is. */
export function policeSummary(
  incidents: readonly IncidentFigures[],
  totals: { calls: number; from: string; to: string },
  language: Language,
  ctx: FilingContext,
): string {
  const own = ctx.ownNumbers.join(language === 'zh' ? '、' : ', ');
  const sum = (k: 'calls' | 'distinctNumbers') => incidents.reduce((s, i) => s + i[k], 0);
  const head = ctx.head ? ctx.head : '—';
  if (language === 'zh') {
    return [
      '关于遭受“呼死你”电话轰炸的情况说明',
      '',
      `报案人：________________  身份证号：________________  联系电话：${own || '________________'}`,
      `被骚扰号码：${own || '________________'}`,
      '',
      `自 ${localTime(totals.from, true)} 至 ${localTime(totals.to, true)}，本人电话共收到 ${count(totals.calls, 'zh')} 次来电，其中 ${incidents.length} 次集中轰炸（“呼死你”）共 ${count(sum('calls'), 'zh')} 次，来自 ${count(sum('distinctNumbers'), 'zh')} 个号码（按次计）：`,
      ...incidents.map(
        (i, k) =>
          `${k + 1}. ${span(i)}：${count(i.calls, 'zh')} 次，${count(i.distinctNumbers, 'zh')} 个号码，隐藏号码 ${pct(i.withheldShare)}${prefixes(i, 'zh') ? `，主要号段 ${prefixes(i, 'zh')}` : ''}。`,
      ),
      '',
      '来电均由来电拦截软件 Ringfence 自动记录（号码、时间、处理方式及调制解调器原始数据），记录以 SHA-256 哈希链防篡改，并在数据库之外留有校验点。随附证据包（报告、全部来电 CSV/JSON、校验点及校验方法），任何人可用 Node.js 独立校验。',
      `哈希链头：${head}（第 ${ctx.lastId} 条记录）`,
      '',
      '上述行为严重干扰本人正常生活，请依法立案调查，查明幕后指使者。',
      '',
      `报案人签名：________________  日期：${ctx.generatedAt.slice(0, 10)}`,
    ].join('\n');
  }
  return [
    'Statement: call bombing ("呼死你") of my telephone',
    '',
    `Complainant: ________________  ID number: ________________  Phone: ${own || '________________'}`,
    `Number harassed: ${own || '________________'}`,
    '',
    `From ${localTime(totals.from, true)} to ${localTime(totals.to, true)} my phone received ${count(totals.calls, 'en')} calls, of which ${incidents.length} flood${incidents.length === 1 ? '' : 's'} ("call bombing") made ${count(sum('calls'), 'en')} calls from ${count(sum('distinctNumbers'), 'en')} numbers (counted per flood):`,
    ...incidents.map(
      (i, k) =>
        `${k + 1}. ${span(i)}: ${count(i.calls, 'en')} calls, ${count(i.distinctNumbers, 'en')} numbers, ${pct(i.withheldShare)} withheld${prefixes(i, 'en') ? `, mostly ${prefixes(i, 'en')}` : ''}.`,
    ),
    '',
    "Every call was recorded automatically by call-screening software (Ringfence): number, time, how it was handled and the modem's own lines. The record is protected by a SHA-256 hash chain with checkpoints kept outside its database. The attached evidence pack (report, every call as CSV and JSON, checkpoints, how to verify) can be checked by anyone with Node.js alone.",
    `Chain head: ${head} (record ${ctx.lastId})`,
    '',
    'These calls seriously disrupt my life. I ask you to open a case and find who is behind them.',
    '',
    `Signed: ________________  Date: ${ctx.generatedAt.slice(0, 10)}`,
  ].join('\n');
}
