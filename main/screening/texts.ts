// The one sentence, in English and Chinese, that explains each decision. The UI shows it as is, so every
// sentence says what happened and why in words a person under a call flood can take in at a glance.
import type { Action, Presentation, ShieldTrigger, Text } from '../../shared/domain.ts';
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
    zh: numbers > 0 ? `防护已于 ${hhmm(since)} 开启：${minutes} 分钟内 ${numbers} 个号码来电 ${calls} 次` : `防护已于 ${hhmm(since)} 开启：${minutes} 分钟内未显示号码的来电 ${calls} 次`,
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
    if (c.noNumber === 0) return { en: `${count(c.calls, 'call', 'calls')} from ${from} ${within.en}`, zh: `${within.zh} ${c.numbers} 个陌生号码来电 ${c.calls} 次` };
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
    sentence('allow', `this number pressed the digit the gate asked for; its pass runs until ${hhmm(until)}`, `此号码已通过按键验证，${hhmm(until)} 前来电可接通`),
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
  quietHours: (span: Text) =>
    sentence('reject', `quiet hours ${span.en}, only trusted callers ring through`, `免打扰时段 ${span.zh}，仅信任的来电可接通`),
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
    sentence('reject', `this number called ${count(calls, 'time', 'times')} in a day (limit ${limit}); blocked until ${hhmm(until)}`, `此号码一天内来电 ${calls} 次（上限 ${limit} 次），拦截至 ${hhmm(until)}`),
  oneRing: () =>
    sentence('reject', 'this number hung up after one ring before, a call-back scam sign', '此号码曾响一声就挂断，疑似诱导回拨诈骗'),
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
