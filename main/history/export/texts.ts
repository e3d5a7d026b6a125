// Every sentence the exports say to a person, in English and Chinese: the evidence report's words, the CSV's
// display words, the pack's HOW-TO-VERIFY.txt and the errors an export can end with. Kept apart from the
// layout so a translator can work on this file alone (test/lint/texts.test.ts checks every sentence has its
// Chinese, and that no Chinese is written anywhere else in main/history/export).
import type { Action, CallOutcome, Presentation, ShieldTrigger, Text } from '../../../shared/domain.ts';

export type { Language } from '../../../shared/domain.ts';
import type { Language } from '../../../shared/domain.ts';

const en = {
  simulatedNote: (n: number) =>
    `${n === 1 ? 'One simulated call' : `${n} simulated calls`} (the demo line) ${n === 1 ? 'is' : 'are'} in this period: marked "simulated" in the list and left out of the incidents and complaints.`,
  simulated: 'Simulated calls (demo)',
  simulatedMark: 'simulated',
  ownNumbers: 'My number(s)',
  excluded: 'Numbers left out at my request',
  incidentHeading: 'Flood incident',
  incidentsIntro:
    "Each flood is one harassment campaign, however many numbers it rang from: these are the units to complain about. Figures count the calls from the shield's window before it engaged to its end, leaving out trusted callers, my own numbers and simulated calls.",
  incidentSpan: 'Calls from – to',
  shieldOn: 'Shield switched on',
  shieldOff: 'Shield switched off',
  incidentCalls: 'Calls',
  incidentBefore: 'Rang before the shield engaged',
  incidentBeforeValue: (calls: number, rang: number) => `${calls} call${calls === 1 ? '' : 's'} in the window before it, ${rang} rang through`,
  incidentRejectedAll: 'Rejected automatically',
  incidentRang: 'Rang',
  incidentSms: 'Text messages (SMS) received',
  incidentSmsValue: (n: number, flagged: number) =>
    `${n} message${n === 1 ? '' : 's'}${flagged ? `, ${flagged} flagged as extortion or fraud (quoted below in full)` : ''}`,
  flaggedSms: 'Flagged text messages, quoted in full',
  messagesSection: 'Text messages (SMS)',
  messagesTotals: (received: number, flagged: number, codes: number) =>
    `${received} message${received === 1 ? '' : 's'} received in this period; ${flagged} flagged as extortion or fraud, ${codes} verification-code message${codes === 1 ? '' : 's'}. Every message is in the same hash chain as the calls.`,
  smsFrom: 'from',
  smsKeywords: 'keywords',
  topPrefixes: 'Number ranges',
  virtualRange: 'virtual-operator range',
  places: 'Registered in (归属地) and operator',
  unknownPlace: 'unknown',
  leftOut: 'Left out',
  leftOutValue: (trusted: number, simulated: number, excluded: number) => `${trusted} trusted, ${simulated} simulated, ${excluded} excluded`,
  incidentComplaint: 'Complaint for the whole incident',
  form12321: '12321 web form (report.12321.cn)',
  formType: 'Report type',
  formNumbers: 'Reported number(s)',
  formTime: 'Time range',
  formCount: 'Number of calls',
  formDescription: 'Description',
  operatorSms: 'Complaint SMS to your operator (send only to your own operator; nothing is sent by Ringfence)',
  smsOperators: "Send to your own operator's report number:",
  smsTo: 'to',
  numbersRule:
    'Numbers with 3 or more calls in the period, or that called during a flood incident (callers who rang before the shield included). Trusted numbers, my own numbers, numbers I excluded and simulated calls are never listed.',
  complaintsRule:
    "A complaint text for each number listed above (the 30 busiest); the other numbers of a flood are covered by the incident's complaint and the CSV.",
  police: 'Summary for the police (110 / local police station)',
  noIncidentsLead: 'No flood incident in this period.',
  simulatedIncidents: (n: number) =>
    n === 1
      ? 'One shield incident raised only by simulated (demo) calls is left out.'
      : `${n} shield incidents raised only by simulated (demo) calls are left out.`,
  title: 'Nuisance and harassing calls: evidence report',
  subtitle: 'Produced by Ringfence from its tamper-evident call record.',
  about: 'About',
  line: 'Line',
  lineNumber: 'Number',
  checkpointsHere: 'This report is itself a checkpoint: the head above, written down outside the database.',
  period: 'Period',
  generated: 'Generated',
  timeZones: 'Time zones',
  numbersAsked: 'Numbers covered',
  allNumbers: 'all callers',
  summary: 'Summary',
  totalCalls: 'Calls',
  blocked: 'Blocked (hung up automatically)',
  rangThrough: 'Rang through',
  silenced: 'Rang silently',
  distinctNumbers: 'Different numbers',
  withheld: 'Withheld number',
  noNumber: 'No number available',
  daysWithCalls: 'Days with calls',
  busiestDay: 'Busiest day',
  incidents: 'Flood-shield incidents',
  perDay: 'Calls per day',
  chartLegendBlocked: 'blocked',
  chartLegendOther: 'not blocked',
  noCalls: 'No calls in this period.',
  incidentStart: 'Started',
  incidentEnd: 'Ended',
  incidentTrigger: 'Trigger',
  incidentRejected: 'Calls rejected',
  incidentNumbers: 'Different numbers',
  incidentWithheld: 'Withheld share',
  ongoing: 'ongoing',
  noIncidents: 'No incidents in this period.',
  numbers: 'Calls per number',
  number: 'Number',
  firstSeen: 'First call',
  lastSeen: 'Last call',
  calls: 'Calls',
  rings: 'Rings',
  handling: 'How the calls were handled',
  oneRing: 'One-ring calls',
  days: 'Days',
  complaints: 'Complaint text, ready to paste (operator, 12321, police)',
  complaintHint: 'One block per number: copy it into the complaint form and attach this report.',
  callList: 'All calls',
  time: 'Time',
  caller: 'Caller',
  name: 'Name',
  decision: 'Decision',
  outcome: 'Outcome',
  latency: 'Hang-up (ms)',
  hash: 'Hash',
  verification: 'How to check this record',
  chainHead: 'Chain head (SHA-256)',
  records: 'Last record in the chain',
  verifyHow:
    "Every call record carries the SHA-256 hash of the previous record's hash and its own content, so changing, removing or reordering any record breaks every hash after it. " +
    'To check the original data, run the command below on the computer that recorded the calls; it must report that the chain holds and that it contains the head printed above.',
  withheldRow: 'Withheld / no number',
  inZone: (label: string, offset: string) => `${label} (UTC${offset})`,
  trigger: { calls: 'many calls', withheld: 'withheld calls', 'same-number': 'one number calling repeatedly', manual: 'switched on by hand' } satisfies Record<
    ShieldTrigger,
    string
  >,
  action: { reject: 'rejected', 'answer-hangup': 'answered and hung up', silent: 'rang silently', allow: 'rang through' } satisfies Record<Action, string>,
  outcomeName: {
    rejected: 'rejected',
    answered: 'answered',
    'caller-hung-up': 'caller hung up',
    'rang-through': 'rang through',
    'line-lost': 'line lost',
    'waiting-rejected': 'waiting call rejected',
    'waiting-let-through': 'waiting call let through',
    'gate-passed': 'answered the gate',
    'gate-failed': 'failed the gate',
    'gate-withheld': 'told to show the number',
  } satisfies Record<CallOutcome, string>,
  presentation: { allowed: '', withheld: 'withheld', unavailable: 'unavailable', none: 'no caller ID' } satisfies Record<Presentation, string>,
};

const zh: typeof en = {
  simulatedNote: (n: number) => `此时间范围内有 ${n} 条模拟来电（演示线路）：在来电列表中标为“模拟”，不计入事件和投诉。`,
  simulated: '模拟来电（演示）',
  simulatedMark: '模拟',
  ownNumbers: '本人号码',
  excluded: '应本人要求排除的号码',
  incidentHeading: '电话轰炸事件',
  incidentsIntro:
    '每次轰炸无论使用多少号码，都是一次骚扰行动，应作为一个整体投诉。数字统计从防护开启前的判定窗口到防护结束的全部来电，不含白名单来电、本人号码和模拟来电。',
  incidentSpan: '来电时间',
  shieldOn: '防护开启',
  shieldOff: '防护结束',
  incidentCalls: '来电次数',
  incidentBefore: '防护开启前振铃',
  incidentBeforeValue: (calls: number, rang: number) => `开启前窗口内 ${calls} 次来电，其中 ${rang} 次振铃接通`,
  incidentRejectedAll: '自动拒接',
  incidentRang: '振铃',
  incidentSms: '收到的短信',
  incidentSmsValue: (n: number, flagged: number) => `${n} 条${flagged ? `，其中 ${flagged} 条含勒索或诈骗内容（全文见下）` : ''}`,
  flaggedSms: '含勒索或诈骗内容的短信（全文）',
  messagesSection: '短信',
  messagesTotals: (received: number, flagged: number, codes: number) =>
    `此时间范围内共收到短信 ${received} 条，其中含勒索或诈骗内容 ${flagged} 条，验证码短信 ${codes} 条。每条短信与来电记录在同一条哈希链中。`,
  smsFrom: '发送方',
  smsKeywords: '关键词',
  topPrefixes: '号段',
  virtualRange: '虚拟运营商号段',
  places: '归属地及运营商',
  unknownPlace: '未知',
  leftOut: '未计入',
  leftOutValue: (trusted: number, simulated: number, excluded: number) => `白名单 ${trusted} 次，模拟 ${simulated} 次，排除 ${excluded} 次`,
  incidentComplaint: '整体投诉文本',
  form12321: '12321 网站举报表单（report.12321.cn）',
  formType: '举报类型',
  formNumbers: '被举报号码',
  formTime: '骚扰时间',
  formCount: '骚扰次数',
  formDescription: '情况描述',
  operatorSms: '发给运营商的投诉短信（只发给本人号码所属的运营商；Ringfence 不会自动发送）',
  smsOperators: '发送到本人所属运营商的举报号码：',
  smsTo: '发送至',
  numbersRule:
    '列出在此期间来电 3 次及以上、或在轰炸事件中来电的号码（包括防护开启前已振铃的来电）。白名单号码、本人号码、本人排除的号码和模拟来电一律不列出。',
  complaintsRule: '上表每个号码一段投诉文本（最多 30 个来电最多的号码）；轰炸中的其他号码已包含在事件的整体投诉和 CSV 清单中。',
  police: '报警材料（110 / 派出所）',
  noIncidentsLead: '此时间范围内没有电话轰炸事件。',
  simulatedIncidents: (n: number) => `另有 ${n} 次仅由模拟（演示）来电触发的防护事件，未列入。`,
  title: '骚扰电话证据报告',
  subtitle: '由 Ringfence 根据其防篡改通话记录生成。',
  about: '报告对象',
  line: '线路',
  lineNumber: '号码',
  checkpointsHere: '本报告本身就是一个校验点：上面的链头已记录在数据库之外。',
  period: '时间范围',
  generated: '生成时间',
  timeZones: '时区',
  numbersAsked: '涉及号码',
  allNumbers: '全部来电号码',
  summary: '概况',
  totalCalls: '来电总数',
  blocked: '已拦截（自动挂断）',
  rangThrough: '已接通振铃',
  silenced: '静音振铃',
  distinctNumbers: '不同号码数',
  withheld: '隐藏号码来电',
  noNumber: '无号码来电',
  daysWithCalls: '有来电的天数',
  busiestDay: '来电最多的一天',
  incidents: '防轰炸保护事件',
  perDay: '每日来电',
  chartLegendBlocked: '已拦截',
  chartLegendOther: '未拦截',
  noCalls: '此时间范围内没有来电。',
  incidentStart: '开始',
  incidentEnd: '结束',
  incidentTrigger: '触发原因',
  incidentRejected: '拒接次数',
  incidentNumbers: '不同号码数',
  incidentWithheld: '隐藏号码比例',
  ongoing: '进行中',
  noIncidents: '此时间范围内没有保护事件。',
  numbers: '各号码来电情况',
  number: '号码',
  firstSeen: '首次来电',
  lastSeen: '最近来电',
  calls: '次数',
  rings: '振铃次数',
  handling: '处理方式',
  oneRing: '响一声',
  days: '天数',
  complaints: '投诉文本（可直接粘贴到运营商、12321 或公安机关的表单）',
  complaintHint: '每个号码一段：复制到投诉表单中，并附上本报告。',
  callList: '全部来电',
  time: '时间',
  caller: '来电号码',
  name: '名称',
  decision: '处理决定',
  outcome: '结果',
  latency: '挂断耗时（毫秒）',
  hash: '哈希',
  verification: '如何校验本记录',
  chainHead: '哈希链头（SHA-256）',
  records: '链中最后一条记录',
  verifyHow:
    '每条通话记录都带有“上一条记录的哈希 + 本条内容”的 SHA-256 哈希，任何记录被修改、删除或调换顺序，其后所有哈希都会失配。' +
    '如需校验原始数据，请在记录这些来电的电脑上运行下面的命令：它必须报告哈希链完整，并且包含上面的链头。',
  withheldRow: '隐藏号码 / 无号码',
  inZone: (label: string, offset: string) => `${label}（UTC${offset}）`,
  trigger: { calls: '短时间大量来电', withheld: '隐藏号码来电', 'same-number': '同一号码反复来电', manual: '手动开启' },
  action: { reject: '已拒接', 'answer-hangup': '接听后挂断', silent: '静音振铃', allow: '已接通振铃' },
  outcomeName: {
    rejected: '已拒接',
    answered: '已接听',
    'caller-hung-up': '对方挂断',
    'rang-through': '已振铃',
    'line-lost': '线路断开',
    'waiting-rejected': '已拒接呼叫等待来电',
    'waiting-let-through': '已放行呼叫等待来电',
    'gate-passed': '通过验证',
    'gate-failed': '未通过验证',
    'gate-withheld': '已提示显示号码',
  },
  presentation: { allowed: '', withheld: '隐藏号码', unavailable: '号码不可用', none: '无来电显示' },
};

export const reportText: Record<Language, typeof en> = { en, zh };

/** The sentences an export ends with when it cannot be written (HistoryError texts). */
export const exportTexts = {
  unknownFormat: (format: string): Text => ({
    en: `Unknown export format "${format}": use csv, json, html or pack.`,
    zh: `未知的导出格式“${format}”：请使用 csv、json、html 或 pack。`,
  }),
  packFailed: (out: string, detail: string): Text => ({
    en: `The evidence pack could not be written to ${out}: ${detail}. Nothing was left behind; check the disk and try again.`,
    zh: `无法将证据包写入 ${out}：${detail}。未留下不完整的文件；请检查磁盘后重试。`,
  }),
  exportFailed: (out: string, detail: string): Text => ({
    en: `The export to ${out} failed: ${detail}. Nothing was left behind; check the disk and try again.`,
    zh: `导出到 ${out} 失败：${detail}。未留下不完整的文件；请检查磁盘后重试。`,
  }),
  packNotEmpty: (out: string): Text => ({
    en: `${out} already exists and is not empty: choose a new folder for the evidence pack.`,
    zh: `${out} 已存在且不为空：请为证据包选择一个新文件夹。`,
  }),
  packFolderMissing: (out: string, dir: string): Text => ({
    en: `Cannot write the evidence pack to ${out}: the folder ${dir} does not exist.`,
    zh: `无法写入证据包 ${out}：文件夹 ${dir} 不存在。`,
  }),
  folderMissing: (path: string, dir: string): Text => ({
    en: `Cannot write the export to ${path}: the folder ${dir} does not exist. Create it or choose another --out.`,
    zh: `无法写入导出文件 ${path}：文件夹 ${dir} 不存在。请创建该文件夹或选择其他 --out。`,
  }),
  notIsoTime: (name: string, value: string): Text => ({
    en: `--${name} "${value}" is not an ISO 8601 time: use e.g. 2025-03-01T00:00:00+08:00.`,
    zh: `--${name} “${value}” 不是 ISO 8601 时间：请使用如 2025-03-01T00:00:00+08:00 的格式。`,
  }),
  numberTooShort: (asked: string): Text => ({
    en: `"${asked}" is too short to name a number: give at least 3 digits.`,
    zh: `“${asked}”太短，无法指定号码：请至少输入 3 位数字。`,
  }),
  rangeBackwards: (from: string | undefined, to: string | undefined): Text => ({
    en: `The export range ends (${to}) before it starts (${from}).`,
    zh: `导出时间范围的结束（${to}）早于开始（${from}）。`,
  }),
};

/** What HOW-TO-VERIFY.txt needs to know about its pack. */
export type PackFacts = { head: string | null; lastId: number; fromId: number; rows: number; pdf: boolean };

/** The pack's HOW-TO-VERIFY.txt, one part per language (the file carries both, English first). */
export const howToVerifyText: Record<Language, (o: PackFacts) => string> = {
  en: (o) => `RINGFENCE EVIDENCE PACK — HOW TO VERIFY
==========================================

What is here
  report.html         the evidence report (open in any browser; prints to A4)
${o.pdf ? '  report.pdf          the same report, printed to A4\n' : ''}  calls.csv           every call the report covers (${o.rows}), one row each (Excel-ready, UTF-8)
  calls.json          the same calls with every stored field
  messages.json       the text messages (SMS) of the period, joined and flagged (when the pack has them)
  chain.jsonl         the hash chain from record ${o.fromId} to the head: covered calls, events and SMS in full,
                      other callers' calls (and SMS outside the period) only as the SHA-256 digest of
                      their content (their privacy)
  checkpoints.json    the chain head as written down outside the database at other times
  verify.mjs          checks all of the above with Node.js alone
  HOW-TO-VERIFY.txt   this file

Chain head: ${o.head ?? 'none'} (record ${o.lastId})

Check it (needs only Node.js, https://nodejs.org):
  node verify.mjs
It recomputes every hash, checks that the chain ends at the head above, that the checkpoints it reaches match,
and that every call in calls.json is the call the chain holds. "the pack holds" and exit code 0 mean it does.

How the chain is built (any SHA-256 tool can redo it):
  content  = the JSON array on each line of chain.jsonl (for a call: "ringfence-call/2", id, chain_version,
             call_key, line_id, simulated, started_at, started_ms, local_day, time_zone, t_first_ring,
             t_caller_id, t_decision, t_hangup_sent, t_hangup_confirmed, t_end, number, normalized,
             presentation, name, rings, one_ring, action, reason, rule_id, rule_label, text_en, text_zh,
             outcome, hangup_latency_ms, raw — and for "ringfence-call/3" then presented_number,
             controls_replaced: what the line presented when it was no usable number, and how many control
             characters were replaced; for an event: "ringfence-event/1", id, chain_version, kind, at,
             recorded_at, body; for an SMS: "ringfence-sms/1", id, chain_version, line_id, simulated,
             direction, received_at, received_ms, time_zone, network_time, party, party_kind, normalized,
             text, encoding, concat_reference, concat_bits, concat_total, concat_sequence, pdu, source,
             label, rule_id, rule_label, problems, incident_id, reference, status), serialised with
             JSON.stringify (no spaces)
  digest_n = hex(SHA-256(content_n))   (given directly for calls this pack does not cover)
  hash_n   = hex(SHA-256(hash_{n-1} + "\\n" + digest_n)), starting from the startHash in chain.jsonl's first line

Against the original data (on the computer that recorded the calls):
  ringfence verify --data-dir <data folder> --head ${o.head ?? ''}
checks the whole database, its statistics and incidents, and every checkpoint it can find.
`,
  zh: (o) => `RINGFENCE 证据包 — 校验方法

本文件夹包含：证据报告（report.html${o.pdf ? '、report.pdf' : ''}）、本报告涉及的全部来电（calls.csv、calls.json）、
从第 ${o.fromId} 条记录到链头的哈希链（chain.jsonl；未涉及的来电只给出内容摘要，保护他人隐私）、
数据库之外的校验点（checkpoints.json）以及校验脚本 verify.mjs。

哈希链头：${o.head ?? '无'}（第 ${o.lastId} 条记录）

校验：安装 Node.js 后在本文件夹运行
  node verify.mjs
输出 “the pack holds” 且退出码为 0，即表示哈希链完整、与链头一致、校验点相符，calls.json 中的每条来电都与哈希链一致。
计算方法：digest = SHA-256(每行的 JSON 数组)，hash = SHA-256(上一条 hash + 换行 + digest)。
在记录来电的电脑上还可运行：ringfence verify --data-dir <数据文件夹> --head ${o.head ?? ''}
`,
};
