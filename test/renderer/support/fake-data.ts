// Seed data for the fake service: lines, a few days of calls with every kind of decision, some rules,
// one flood. Relative to a given clock so "today" on the Overview means today. Also a generator for a
// synthetic history of any size (the 1,000,000-call benchmark) without holding it in memory.
import { createHash } from 'node:crypto';
import type { Action, CallRecord, Decision, LineStatus, Presentation, Reason, Rule } from '../../../shared/domain.ts';

export const gsmLine: LineStatus = {
  id: 'line-1',
  path: '/dev/ttyUSB2',
  label: 'Home SIM',
  simulated: false,
  kind: 'gsm',
  state: 'ready',
  profile: 'huawei',
  manufacturer: 'Huawei',
  model: 'E173',
  firmware: '11.126.85.00.209',
  imei: '861234567890123',
  sim: 'READY',
  operator: 'China Mobile',
  signal: { csq: 20, dbm: -73, bars: 4 },
  callerIdConfirmed: true,
  hangupMethod: 'auto',
  problem: null,
  gate: {
    supported: false,
    method: null,
    text: {
      en: "Cannot gate yet: choose this dongle's audio port in the line's settings (the port that is not an AT port). Until then the shield rejects unknown callers.",
      zh: '暂时无法验证：请在线路设置中选择此上网卡的音频端口（不响应 AT 指令的那个端口）。在此之前，护盾期间将直接拒接陌生来电。',
    },
  },
};

export const demoLine: LineStatus = {
  ...gsmLine,
  id: 'demo',
  path: 'demo',
  label: '',
  simulated: true,
  manufacturer: null,
  model: null,
  firmware: null,
  imei: null,
  operator: null,
  signal: { csq: 25, dbm: -63, bars: 5 },
};

const decisionText: Record<Reason, { en: string; zh: string }> = {
  'explicit-block': { en: 'Blocked: on your blocked list', zh: '已拦截：在黑名单中' },
  trusted: { en: 'Allowed: a trusted caller', zh: '已放行：信任的来电者' },
  breakthrough: { en: 'Allowed: called again urgently', zh: '已放行：紧急重拨' },
  shield: { en: 'Blocked: the shield is on', zh: '已拦截：护盾开启中' },
  schedule: { en: 'Blocked: quiet hours', zh: '已拦截：免打扰时段' },
  'blocked-number': { en: 'Blocked: number on your list', zh: '已拦截：号码在黑名单中' },
  'blocked-prefix': { en: 'Blocked: matched prefix +86 170', zh: '已拦截：匹配号段 +86 170' },
  'blocked-pattern': { en: 'Blocked: matched a pattern', zh: '已拦截：匹配模式' },
  'blocked-regex': { en: 'Blocked: matched an expert pattern', zh: '已拦截：匹配高级模式' },
  'blocked-name': { en: 'Blocked: caller name on your list', zh: '已拦截：来电名称在黑名单中' },
  presentation: { en: 'Blocked: the number was withheld', zh: '已拦截：号码被隐藏' },
  'unknown-caller': { en: 'Blocked: not a trusted caller', zh: '已拦截：不是信任的来电者' },
  'invalid-number': { en: 'Blocked: this number cannot exist', zh: '已拦截：号码不可能存在' },
  'rate-limit': { en: 'Blocked: called 11 times today', zh: '已拦截：今天已来电 11 次' },
  'one-ring': { en: 'Blocked: rang once and hung up before', zh: '已拦截：曾响一声就挂断' },
  paused: { en: 'Allowed: screening is paused', zh: '已放行：拦截已暂停' },
  default: { en: 'Allowed: no rule matched', zh: '已放行：未匹配任何规则' },
  gate: { en: 'Pass gate: an unknown caller is asked to press a digit', zh: '按键验证：陌生来电需按指定数字键' },
  'gate-pass': { en: 'Allowed: this number pressed the digit the gate asked for', zh: '已放行：此号码已通过按键验证' },
};

export function decision(action: Action, reason: Reason, ruleLabel: string | null = null): Decision {
  return { action, reason, ruleId: ruleLabel ? `rule-${ruleLabel}` : null, ruleLabel, text: decisionText[reason] };
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** ISO 8601 with the machine's local offset, like the service writes. */
export function localIso(ms: number): string {
  const d = new Date(ms);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
}

export function callRecord(fields: {
  id: number;
  startedAtMs: number;
  number: string | null;
  presentation?: Presentation;
  name?: string | null;
  decision: Decision;
  lineId?: string;
  simulated?: boolean;
  oneRing?: boolean;
}): CallRecord {
  const blocked = fields.decision.action === 'reject' || fields.decision.action === 'answer-hangup';
  const presentation = fields.presentation ?? (fields.number ? 'allowed' : 'withheld');
  const raw = [
    'RING',
    fields.number ? `+CLIP: "${fields.number}",145,,,,0` : `+CLIP: "",128,,,,${presentation === 'withheld' ? 1 : 2}`,
    ...(blocked ? ['AT+CHUP', 'OK'] : ['RING', 'NO CARRIER']),
  ];
  const base = {
    id: fields.id,
    lineId: fields.lineId ?? gsmLine.id,
    simulated: fields.simulated ?? false,
    startedAt: localIso(fields.startedAtMs),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    timings: { firstRing: 0, callerId: 212, decision: 213, hangupSent: blocked ? 214 : null, hangupConfirmed: blocked ? 301 : null, end: blocked ? 305 : 9000 },
    number: fields.number,
    normalized: fields.number,
    presentation,
    name: fields.name ?? null,
    rings: blocked ? 1 : 3,
    oneRing: fields.oneRing ?? false,
    decision: fields.decision,
    outcome: blocked ? ('rejected' as const) : ('rang-through' as const),
    hangupLatencyMs: blocked ? 89 : null,
    raw,
  };
  return { ...base, hash: hashOf(base) };
}

/** A few days of ordinary life plus one flood: every decision, withheld calls, a one-ring call. */
export function seedCalls(now: number): CallRecord[] {
  const hour = 3600_000;
  const calls: CallRecord[] = [];
  let id = 0;
  const add = (agoMs: number, number: string | null, d: Decision, extra: Partial<Parameters<typeof callRecord>[0]> = {}) =>
    calls.push(callRecord({ id: ++id, startedAtMs: now - agoMs, number, decision: d, ...extra }));
  add(70 * hour, '+8613800138000', decision('allow', 'trusted', 'Mum'), { name: 'Mum' });
  add(50 * hour, '+8617012345678', decision('reject', 'blocked-prefix', 'Virtual operators'));
  add(49 * hour, null, decision('reject', 'presentation'), { presentation: 'withheld' });
  add(30 * hour, '+8613912345678', decision('allow', 'default'));
  add(29 * hour, '+8617099990000', decision('reject', 'blocked-prefix', 'Virtual operators'), { oneRing: true });
  // A flood two hours ago: twelve calls from rotating numbers in a few minutes.
  for (let i = 0; i < 12; i++) add(2 * hour - i * 20_000, `+86171${String(10000000 + i * 7919).slice(0, 8)}`, decision('reject', 'shield'));
  add(1 * hour, '+8613800138000', decision('allow', 'trusted', 'Mum'), { name: 'Mum' });
  add(30 * 60_000, '+8618612345678', decision('silent', 'schedule'));
  add(20 * 60_000, '+8618600001111', decision('answer-hangup', 'rate-limit'));
  return calls;
}

const ruleBase = { label: '', category: null, action: 'reject' as const, note: '', schedule: null, expiresAt: null, hitCount: 0, lastHitAt: null };

export function seedRules(now: number): Rule[] {
  const at = localIso(now - 86_400_000 * 5);
  return [
    {
      ...ruleBase,
      id: 'r-mum',
      list: 'trusted',
      kind: 'number',
      value: '+8613800138000',
      label: 'Mum',
      action: 'allow',
      createdAt: at,
      updatedAt: at,
      hitCount: 2,
      lastHitAt: localIso(now - 3600_000),
    },
    {
      ...ruleBase,
      id: 'r-170',
      list: 'blocked',
      kind: 'prefix',
      value: '+86170*',
      label: 'Virtual operators',
      category: 'harassment',
      createdAt: at,
      updatedAt: at,
      hitCount: 2,
      lastHitAt: localIso(now - 29 * 3600_000),
    },
    {
      ...ruleBase,
      id: 'r-withheld',
      list: 'blocked',
      kind: 'presentation',
      value: 'withheld',
      createdAt: at,
      updatedAt: at,
      hitCount: 1,
      lastHitAt: localIso(now - 49 * 3600_000),
    },
  ];
}

const syntheticActions: Action[] = ['reject', 'reject', 'reject', 'allow', 'silent', 'answer-hangup'];
const syntheticReasons: Record<Action, Reason> = { reject: 'shield', allow: 'default', silent: 'schedule', 'answer-hangup': 'rate-limit' };

/**
 * Call `id` of a synthetic history of `count` calls ending at `now`, one a minute: built on demand so a
 * million-call history costs no memory. Deterministic, so pages are stable across requests.
 */
export function syntheticCall(id: number, count: number, now: number): CallRecord {
  const action = syntheticActions[id % syntheticActions.length]!;
  const withheld = id % 11 === 0;
  const number = withheld ? null : `+8617${String((id * 2654435761) % 1_000_000_000).padStart(9, '0')}`;
  const d = decision(action, withheld && action === 'reject' ? 'presentation' : syntheticReasons[action]);
  const record = callRecord({ id, startedAtMs: now - (count - id) * 60_000, number, decision: d, oneRing: id % 17 === 0 });
  return record;
}
