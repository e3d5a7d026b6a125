// The one sentence, in English and Chinese, that explains each decision. The UI shows it as is, so every
// sentence says what happened and why in words a person under a call flood can take in at a glance.
// Below them, why a rule is refused (ruleTexts, regexTexts): what was wrong and what to type instead.
import type { Action, Presentation, RuleList, ShieldTrigger, Text } from '../../shared/domain.ts';
import { isolateBidi } from '../../shared/line-text.ts';

const VERB: Record<Action, Text> = {
  reject: { en: 'Blocked', zh: '已拦截' },
  'answer-hangup': { en: 'Blocked (answered and hung up)', zh: '已拦截（接听后挂断）' },
  silent: { en: 'Silenced (rings without a notification)', zh: '已静音（响铃但不提醒）' },
  allow: { en: 'Allowed', zh: '已放行' },
};

const PRESENTATION: Record<Presentation, Text> = {
  allowed: { en: 'a shown number', zh: '显示号码的来电' },
  withheld: { en: 'a withheld number', zh: '隐藏号码的来电' },
  unavailable: { en: 'a number the network could not provide', zh: '网络无法提供号码的来电' },
  none: { en: 'a call with no caller ID', zh: '无来电显示的来电' },
};

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** " ('Mum')" — omitted when the rule has no label. */
function named(label: string): Text {
  label = isolateBidi(label); // a label may come from an imported list: its direction controls end with it
  return label ? { en: ` ('${label}')`, zh: `（“${label}”）` } : { en: '', zh: '' };
}

/** "(list 'virtual operators')" — omitted when the rule has no label. */
function list(label: string): Text {
  label = isolateBidi(label);
  return label ? { en: ` (list '${label}')`, zh: `（名单“${label}”）` } : { en: '', zh: '' };
}

/** "1 call", "5 calls": English counts agree with their noun (Chinese nouns do not change). */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Whole minutes a span covers, at least one: "within 3 minutes" for 2 min 10 s of calls. */
export const spanMinutes = (ms: number): number => Math.max(1, Math.ceil(ms / 60_000));

/** What engaged the shield, as counted then (ShieldCause in shield.ts; zero calls: counted before causes were kept). */
export type CauseFacts = { trigger: ShieldTrigger; calls: number; numbers: number; noNumber: number; spanMs: number; number: string | null };

function sentence(action: Action, en: string, zh: string): Text {
  const verb = VERB[action];
  return { en: `${verb.en}: ${en}`, zh: `${verb.zh}：${zh}` };
}

export const texts = {
  explicitBlock: (action: Action, label: string) =>
    sentence(action, `this number is on your block list${named(label).en}`, `此号码在您的拦截名单中${named(label).zh}`),
  trusted: (label: string) => sentence('allow', `a trusted caller${named(label).en}`, `信任的来电${named(label).zh}`),
  breakthrough: (minutes: number) =>
    sentence('allow', `the same number called again within ${minutes} min, so it may be urgent`, `同一号码 ${minutes} 分钟内再次来电，可能有急事`),
  shield: (since: Date, calls: number, numbers: number, minutes: number): Text => ({
    en: `Shield on since ${hhmm(since)}: ${count(calls, 'call', 'calls')} ${numbers > 0 ? `from ${count(numbers, 'number', 'numbers')}` : 'without a number'} in ${minutes} min`,
    zh:
      numbers > 0
        ? `防护已于 ${hhmm(since)} 开启：${minutes} 分钟内 ${numbers} 个号码来电 ${calls} 次`
        : `防护已于 ${hhmm(since)} 开启：${minutes} 分钟内未显示号码的来电 ${calls} 次`,
  }),
  /** The one sentence that says what engaged the shield: the banner and the incident show it as is. */
  shieldCause: (c: CauseFacts): Text => {
    const m = spanMinutes(c.spanMs);
    const within = { en: `within ${count(m, 'minute', 'minutes')}`, zh: `${m} 分钟内` };
    if (c.trigger === 'manual') return { en: 'Turned on by hand', zh: '手动开启' };
    if (c.calls === 0) {
      // An incident recorded before causes were kept: only the kind of trigger is known.
      const generic: Record<Exclude<ShieldTrigger, 'manual'>, Text> = {
        calls: { en: 'Too many calls from unknown numbers', zh: '陌生号码来电过多' },
        withheld: { en: 'Too many withheld calls', zh: '隐藏号码来电过多' },
        'same-number': { en: 'Too many calls from one number', zh: '同一号码来电过多' },
      };
      return generic[c.trigger];
    }
    if (c.trigger === 'withheld') {
      return { en: `${count(c.calls, 'withheld call', 'withheld calls')} ${within.en}`, zh: `${within.zh}隐藏号码来电 ${c.calls} 次` };
    }
    if (c.trigger === 'same-number') {
      const n = c.number ?? '';
      return { en: `${count(c.calls, 'call', 'calls')} from ${n} ${within.en}`, zh: `${within.zh}号码 ${n} 来电 ${c.calls} 次` };
    }
    if (c.numbers === 0) {
      return { en: `${count(c.calls, 'call', 'calls')} without a number ${within.en}`, zh: `${within.zh}未显示号码的来电 ${c.calls} 次` };
    }
    const from = count(c.numbers, 'unknown number', 'unknown numbers');
    if (c.noNumber === 0)
      return { en: `${count(c.calls, 'call', 'calls')} from ${from} ${within.en}`, zh: `${within.zh} ${c.numbers} 个陌生号码来电 ${c.calls} 次` };
    return {
      en: `${count(c.calls, 'call', 'calls')} from ${from} and ${count(c.noNumber, 'caller', 'callers')} without a number ${within.en}`,
      zh: `${within.zh}来电 ${c.calls} 次：${c.numbers} 个陌生号码，另有 ${c.noNumber} 次未显示号码`,
    };
  },
  shieldDecision: (since: Date, calls: number, numbers: number, minutes: number): Text => {
    const s = texts.shield(since, calls, numbers, minutes);
    return { en: `${VERB.reject.en}: ${s.en}; only trusted callers ring through`, zh: `${VERB.reject.zh}：${s.zh}；仅信任的来电可接通` };
  },
  /** The shield would reject this unknown caller; the pass gate answers it instead. */
  gateShield: (shield: Text): Text => ({
    en: `Pass gate: ${shield.en}; an unknown caller is asked to press a digit`,
    zh: `按键验证：${shield.zh}；陌生来电需按指定数字键`,
  }),
  gateUnknown: (): Text => ({ en: 'Pass gate: an unknown caller is asked to press a digit', zh: '按键验证：陌生来电需按指定数字键' }),
  gatePass: (until: Date) =>
    sentence(
      'allow',
      `this number pressed the digit the gate asked for; its pass runs until ${hhmm(until)}`,
      `此号码已通过按键验证，${hhmm(until)} 前来电可接通`,
    ),
  /** The record's sentence once the gate is over (what the caller did, and what follows). */
  gatePassed: (asked: string, until: Date): Text => ({
    en: `Answered the gate: pressed ${asked} as asked; a call again before ${hhmm(until)} rings through`,
    zh: `通过验证：按了要求的 ${asked}，${hhmm(until)} 前再次来电可接通`,
  }),
  gateWrong: (asked: string, pressed: string): Text => ({
    en: `Failed the gate: asked for ${asked}, pressed ${pressed}; hung up`,
    zh: `未通过验证：要求按 ${asked}，按了 ${pressed}，已挂断`,
  }),
  gateNoKey: (asked: string, seconds: number): Text => ({
    en: `Failed the gate: asked for ${asked}, no key within ${seconds} s; hung up`,
    zh: `未通过验证：要求按 ${asked}，${seconds} 秒内未按键，已挂断`,
  }),
  gateHungUp: (asked: string | null): Text => ({
    en: `Failed the gate: hung up${asked ? ` when asked for ${asked}` : ''} without pressing a key`,
    zh: `未通过验证：${asked ? `要求按 ${asked} 时` : ''}未按键即挂断`,
  }),
  gateWithheld: (): Text => ({
    en: 'Told to show the number: a withheld caller cannot be given a pass; asked to call again with the number shown, hung up',
    zh: '已提示显示号码：隐藏号码无法获得通行，已提示显示号码后再拨，已挂断',
  }),
  gateError: (detail: string): Text => ({
    en: `${VERB.reject.en}: the pass gate could not run (${detail}); hung up`,
    zh: `${VERB.reject.zh}：按键验证未能进行（${detail}），已挂断`,
  }),
  quietHours: (span: Text) => sentence('reject', `quiet hours ${span.en}, only trusted callers ring through`, `免打扰时段 ${span.zh}，仅信任的来电可接通`),
  unknownCaller: (action: Action, span: Text | null) =>
    span
      ? sentence(action, `not a trusted caller during ${span.en}`, `${span.zh} 期间不是信任的来电`)
      : sentence(action, 'not a trusted caller', '不是信任的来电'),
  prefix: (action: Action, display: string, label: string) =>
    sentence(action, `matched prefix ${display}${list(label).en}`, `匹配号段 ${display}${list(label).zh}`),
  pattern: (action: Action, display: string, label: string) =>
    sentence(action, `matched pattern ${display}${list(label).en}`, `匹配通配号码 ${display}${list(label).zh}`),
  regex: (action: Action, source: string, label: string) =>
    sentence(action, `matched expert pattern /${source}/${list(label).en}`, `匹配高级规则 /${source}/${list(label).zh}`),
  name: (action: Action, name: string, label: string) =>
    sentence(action, `caller name contains "${isolateBidi(name)}"${list(label).en}`, `来电名称包含“${isolateBidi(name)}”${list(label).zh}`),
  presentation: (action: Action, presentation: Presentation, label: string) =>
    sentence(action, `${PRESENTATION[presentation].en}${list(label).en}`, `${PRESENTATION[presentation].zh}${list(label).zh}`),
  invalidNumber: (country: Text) =>
    sentence('reject', `this number cannot exist in ${country.en}, a sign of a spoofed caller ID`, `此号码在${country.zh}不可能存在，可能是伪造的来电号码`),
  /** An international number whose country code no country has: "cannot exist in China" would not be true. */
  invalidNumberAnywhere: () =>
    sentence('reject', 'this number cannot exist in any country, a sign of a spoofed caller ID', '此号码在任何国家或地区都不可能存在，可能是伪造的来电号码'),
  /** The line presented text that is not a phone number (`+8*`, letters, symbols): nothing to match. */
  unusableNumber: () =>
    sentence('reject', 'the caller ID is not a usable phone number, a sign of a spoofed caller ID', '来电号码不是可用的电话号码，可能是伪造的来电号码'),
  rateLimit: (calls: number, limit: number, until: Date) =>
    sentence(
      'reject',
      `this number called ${count(calls, 'time', 'times')} in a day (limit ${limit}); blocked until ${hhmm(until)}`,
      `此号码一天内来电 ${calls} 次（上限 ${limit} 次），拦截至 ${hhmm(until)}`,
    ),
  oneRing: () => sentence('reject', 'this number hung up after one ring before, a call-back scam sign', '此号码曾响一声就挂断，疑似诱导回拨诈骗'),
  default: () => sentence('allow', 'no rule matched', '未匹配任何规则'),
  /** The default for a caller whose number field held no usable number: no number rule could have matched. */
  defaultUnusable: () =>
    sentence(
      'allow',
      'no rule matched; the caller ID is not a usable phone number, so no number rule could apply',
      '未匹配任何规则；来电号码不是可用的电话号码，号码规则无法匹配',
    ),
};

/** "China" / "中国" for the invalid-number sentence, from the runtime's own country names. */
export function countryName(code: string): Text {
  const name = (locale: string) => {
    try {
      return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
    } catch {
      return code;
    }
  };
  return { en: name('en'), zh: name('zh-Hans') };
}

const weekdays: Record<'en' | 'zh', readonly string[]> = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  zh: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
};

/** "Mon, Fri 22:00–07:00": a schedule's days (0 = Sunday) before its span. */
export const scheduleText = (days: readonly number[], span: string): Text => ({
  en: `${days.map((d) => weekdays.en[d]).join(', ')} ${span}`,
  zh: `${days.map((d) => weekdays.zh[d]).join('、')} ${span}`,
});

/** Why a rule, or the value it matches, is refused (rule-input.ts, patterns.ts), and what to do instead. */
export const ruleTexts = {
  notFound: (id: string): Text => ({
    en: `There is no rule with id ${id}; it may have been removed already.`,
    zh: `没有编号为 ${id} 的规则，可能已被删除。`,
  }),
  alreadyListed: (value: string, list: RuleList, id: number): Text => ({
    en: `${value} is already on the ${list} list (rule ${id}); edit that rule instead.`,
    zh: `${value} 已在${list === 'blocked' ? '拦截' : '信任'}名单中（规则 ${id}），请编辑该规则。`,
  }),
  alreadyRule: (value: string, id: number): Text => ({
    en: `${value} is already rule ${id} on that list.`,
    zh: `${value} 已是该名单中的规则 ${id}。`,
  }),
  unknownExportFormat: (format: string): Text => ({
    en: `Unknown export format "${format}": use csv, text, vcard or ncid.`,
    zh: `未知导出格式“${format}”：请使用 csv、text、vcard 或 ncid。`,
  }),
  shieldUntilPast: (until: string): Text => ({
    en: `The shield end time ${until} is not a future time: give an ISO time such as 2025-03-01T07:00:00+08:00.`,
    zh: `防护结束时间 ${until} 不是将来的时间：请填写如 2025-03-01T07:00:00+08:00 的 ISO 时间。`,
  }),
  requestNotJson: (detail: string): Text => ({
    en: `The request body is not valid JSON: ${detail}`,
    zh: `请求正文不是有效的 JSON：${detail}`,
  }),
  requestInvalid: (detail: string): Text => ({
    en: `The request is not valid: ${detail}.`,
    zh: `请求无效：${detail}。`,
  }),

  // --- the fields of a rule (rule-input.ts) ---
  unknownList: (list: string): Text => ({
    en: `Unknown list "${list}": use blocked or trusted.`,
    zh: `未知名单“${list}”：请使用 blocked 或 trusted。`,
  }),
  valueMissing: (): Text => ({
    en: 'The value is missing: give a number, a prefix such as +86170* or withheld.',
    zh: '缺少值：请填写号码、号段（如 +86170*）或 withheld。',
  }),
  valueTooLong: (): Text => ({ en: 'The value is longer than 256 characters.', zh: '值超过 256 个字符。' }),
  presentationTrusted: (): Text => ({
    en: 'A presentation (withheld, unavailable, none) cannot be trusted: it says nothing about who calls.',
    zh: '来电显示类型（隐藏、不可用、无）不能加入信任名单：它无法说明来电者是谁。',
  }),
  unknownAction: (action: string): Text => ({
    en: `Unknown action "${action}": use reject, answer-hangup, silent or allow.`,
    zh: `未知操作“${action}”：请使用 reject、answer-hangup、silent 或 allow。`,
  }),
  trustedAllows: (): Text => ({ en: 'Trusted callers always ring through: their action is allow.', zh: '信任的来电总是接通：操作只能是 allow。' }),
  blockedCannotAllow: (): Text => ({
    en: 'A blocked entry cannot allow calls: add the number to the trusted list instead.',
    zh: '拦截条目不能放行来电：请改为加入信任名单。',
  }),
  unknownCategory: (category: string, options: readonly string[]): Text => ({
    en: `Unknown category "${category}": use ${options.join(', ')}.`,
    zh: `未知类别“${category}”：请使用 ${options.join('、')}。`,
  }),
  /** `problem`: the schema's own words (English), or null when it gave none. */
  invalidSchedule: (problem: string | null): Text => ({
    en: `The schedule is invalid: ${problem ?? 'check days and times'}.`,
    zh: `时间表无效：${problem ?? '请检查日期和时间'}。`,
  }),
  notExpiry: (text: string): Text => ({
    en: `"${text}" is not an expiry: use a date such as 2025-03-01, a time with its offset, or 24h / 7d.`,
    zh: `“${text}”不是有效的到期时间：请使用如 2025-03-01 的日期、带时区的时间，或 24h / 7d。`,
  }),
  expiryPast: (text: string): Text => ({
    en: `The expiry ${text} is already past: choose a later time.`,
    zh: `到期时间 ${text} 已经过去：请选择更晚的时间。`,
  }),
  noteTooLong: (): Text => ({ en: 'The note is longer than 2000 characters.', zh: '备注超过 2000 个字符。' }),

  // --- the value a rule matches (patterns.ts) ---
  valueEmpty: (): Text => ({
    en: 'The value is empty: give a number, a prefix such as +86170*, or withheld.',
    zh: '值为空：请填写号码、号段（如 +86170*）或 withheld。',
  }),
  notPresentation: (text: string): Text => ({
    en: `"${text}" is not a presentation: use withheld, unavailable or none.`,
    zh: `“${text}”不是来电显示类型：请使用 withheld、unavailable 或 none。`,
  }),
  notNumber: (text: string): Text => ({
    en: `"${text}" is not a phone number: use digits with an optional leading + (e.g. +8613800138000 or 13800138000), a prefix ending in *, or withheld.`,
    zh: `“${text}”不是电话号码：请使用数字，可带前导 +（如 +8613800138000 或 13800138000），或以 * 结尾的号段，或 withheld。`,
  }),
  notPrefix: (text: string): Text => ({
    en: `"${text}" is not a prefix: use at least two digits ending in *, e.g. +86170* or 400*.`,
    zh: `“${text}”不是号段：请至少使用两位数字并以 * 结尾，如 +86170* 或 400*。`,
  }),
  notWildcard: (text: string): Text => ({
    en: `"${text}" is not a wildcard pattern: use digits, ? for one digit and * for any digits, e.g. +86138****0000.`,
    zh: `“${text}”不是通配号码：请使用数字、? 代表一位数字、* 代表任意位数字，如 +86138****0000。`,
  }),
  nameTooLong: (): Text => ({ en: 'A caller name to match is at most 100 characters.', zh: '要匹配的来电名称最多 100 个字符。' }),
  regexRefused: (source: string, why: Text): Text => ({
    en: `The regex /${source}/ is refused: ${why.en}`,
    zh: `正则表达式 /${source}/ 不被接受：${why.zh}`,
  }),
};

/** Why a regex rule is refused: the second half of ruleTexts.regexRefused. */
export const regexTexts = {
  tooLong: (): Text => ({ en: 'it is longer than 200 characters.', zh: '超过 200 个字符。' }),
  loneBackslash: (): Text => ({ en: 'it ends with a lone backslash.', zh: '以单独的反斜杠结尾。' }),
  backreference: (): Text => ({ en: 'backreferences (\\1, \\k<…>) are not allowed.', zh: '不允许反向引用（\\1、\\k<…>）。' }),
  escape: (next: string): Text => ({
    en: `the escape \\${next} is not supported; use \\d, \\+ or a digit.`,
    zh: `不支持转义 \\${next}；请使用 \\d、\\+ 或数字。`,
  }),
  unclosedClass: (): Text => ({ en: 'a [ has no matching ].', zh: '[ 没有对应的 ]。' }),
  classBody: (body: string): Text => ({
    en: `the class [${body}] may hold only digits, ranges such as 0-9, \\d and +.`,
    zh: `字符类 [${body}] 只能包含数字、如 0-9 的范围、\\d 和 +。`,
  }),
  lookaround: (): Text => ({
    en: 'lookahead, lookbehind and named groups are not allowed; use (…) or (?:…).',
    zh: '不允许先行断言、后行断言和命名分组；请使用 (…) 或 (?:…)。',
  }),
  unopenedGroup: (): Text => ({ en: 'a ) has no matching (.', zh: ') 没有对应的 (。' }),
  repeatedGroup: (): Text => ({
    en: 'a group may not be repeated (only made optional with ?): nested repetition can backtrack without end.',
    zh: '分组不能重复（只能用 ? 设为可选）：嵌套重复可能导致无休止的回溯。',
  }),
  nothingToRepeat: (quantifier: string): Text => ({
    en: `the quantifier ${quantifier} has nothing to repeat.`,
    zh: `量词 ${quantifier} 前面没有可重复的内容。`,
  }),
  braces: (): Text => ({ en: 'use {n}, {n,} or {n,m} with numbers up to 99.', zh: '请使用 {n}、{n,} 或 {n,m}，数字不超过 99。' }),
  notPhoneCharacter: (c: string): Text => ({
    en: `the character "${c}" cannot appear in a phone number; numbers hold only digits and +.`,
    zh: `字符“${c}”不会出现在电话号码中；号码只含数字和 +。`,
  }),
  unclosedGroup: (): Text => ({ en: 'a ( has no matching ).', zh: '( 没有对应的 )。' }),
  tooManyRepeats: (): Text => ({
    en: 'it has more than four unbounded repeats (*, +, {n,}); simplify it.',
    zh: '无上限的重复（*、+、{n,}）超过四个；请简化。',
  }),
  /** The regex engine's own message (English in both: it comes from the JavaScript engine). */
  engine: (message: string): Text => ({ en: `${message}.`, zh: `${message}。` }),
};
