// The one sentence, in English and Chinese, that explains each decision. The UI shows it as is, so every
// sentence says what happened and why in words a person under a call flood can take in at a glance.
import type { Action, Presentation, Text } from '../../shared/domain.ts';
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
    en: `Shield on since ${hhmm(since)}: ${calls} calls from ${numbers} numbers in ${minutes} min`,
    zh: `防护已于 ${hhmm(since)} 开启：${minutes} 分钟内 ${numbers} 个号码来电 ${calls} 次`,
  }),
  shieldDecision: (since: Date, calls: number, numbers: number, minutes: number): Text => {
    const s = texts.shield(since, calls, numbers, minutes);
    return { en: `${VERB.reject.en}: ${s.en}; only trusted callers ring through`, zh: `${VERB.reject.zh}：${s.zh}；仅信任的来电可接通` };
  },
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
    sentence('reject', `this number called ${calls} times in a day (limit ${limit}); blocked until ${hhmm(until)}`, `此号码一天内来电 ${calls} 次（上限 ${limit} 次），拦截至 ${hhmm(until)}`),
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
