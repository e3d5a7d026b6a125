// A rule as the user gives it (API, CLI, an import line) checked and turned into the fields we store.
// Every refusal says what was wrong and what to do, in both languages, and nothing is written.
import type { Action, Category, Rule, RuleKind, RuleList, Schedule as ScheduleT } from '../../shared/domain.ts';
import { Action as ActionSchema, Category as CategorySchema, Schedule } from '../../shared/domain.ts';
import type { RuleInput } from '../../shared/api.ts';
import { RuleError } from './errors.ts';
import type { IndexedRule } from './indexed-rule.ts';
import { numericKey, splitCallingCode } from './numbers.ts';
import { parseRuleValue } from './patterns.ts';

export type RuleFields = {
  list: RuleList;
  kind: RuleKind;
  value: string;
  num: number | null;
  label: string;
  category: Category | null;
  action: Action;
  note: string;
  schedule: ScheduleT | null;
  expiresAt: string | null;
  expiresMs: number | null;
};

/** One line of text: control characters (which would break exports and the index) become spaces. */
export const cleanLabel = (label: string): string =>
  label
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim()
    .slice(0, 200);

const bad = (code: string, en: string, zh: string): never => {
  throw new RuleError(code, { en, zh });
};

export function checkList(list: unknown): RuleList {
  if (list !== 'blocked' && list !== 'trusted') bad('invalid-list', `Unknown list "${String(list)}": use blocked or trusted.`, `未知名单“${String(list)}”：请使用 blocked 或 trusted。`);
  return list as RuleList;
}

/** Parses "2025-03-01T08:00:00+08:00", "2025-03-01" (the end of that local day) or "24h" / "7d" from now. */
export function parseExpiry(text: string, now: Date): number | null {
  const t = text.trim();
  const relative = /^(\d{1,4})\s*(h|d)$/i.exec(t);
  if (relative) return now.getTime() + Number(relative[1]) * (relative[2]!.toLowerCase() === 'h' ? 3_600_000 : 86_400_000);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1).getTime();
  if (!/^\d{4}-\d{2}-\d{2}T/.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

export function checkRule(input: RuleInput, homeCountry: string, now: Date): RuleFields {
  const list = checkList(input.list);
  if (typeof input.value !== 'string') bad('invalid-value', 'The value is missing: give a number, a prefix such as +86170* or withheld.', '缺少值：请填写号码、号段（如 +86170*）或 withheld。');
  if (input.value.length > 256) bad('invalid-value', 'The value is longer than 256 characters.', '值超过 256 个字符。');
  const parsed = parseRuleValue(input.value, input.kind, homeCountry);
  if (list === 'trusted' && parsed.kind === 'presentation') {
    bad('invalid-rule', 'A presentation (withheld, unavailable, none) cannot be trusted: it says nothing about who calls.', '来电显示类型（隐藏、不可用、无）不能加入信任名单：它无法说明来电者是谁。');
  }
  let action: Action = list === 'trusted' ? 'allow' : 'reject';
  if (input.action !== undefined) {
    if (!ActionSchema.safeParse(input.action).success) bad('invalid-action', `Unknown action "${String(input.action)}": use reject, answer-hangup, silent or allow.`, `未知操作“${String(input.action)}”：请使用 reject、answer-hangup、silent 或 allow。`);
    action = input.action;
  }
  if (list === 'trusted' && action !== 'allow') bad('invalid-action', 'Trusted callers always ring through: their action is allow.', '信任的来电总是接通：操作只能是 allow。');
  if (list === 'blocked' && action === 'allow') bad('invalid-action', 'A blocked entry cannot allow calls: add the number to the trusted list instead.', '拦截条目不能放行来电：请改为加入信任名单。');
  const category = input.category ?? null;
  if (category !== null && !CategorySchema.safeParse(category).success) {
    bad('invalid-category', `Unknown category "${String(category)}": use ${CategorySchema.options.join(', ')}.`, `未知类别“${String(category)}”：请使用 ${CategorySchema.options.join('、')}。`);
  }
  let schedule: ScheduleT | null = null;
  if (input.schedule != null) {
    const s = Schedule.safeParse(input.schedule);
    if (!s.success) bad('invalid-schedule', `The schedule is invalid: ${s.error.issues[0]?.message ?? 'check days and times'}.`, `时间表无效：${s.error.issues[0]?.message ?? '请检查日期和时间'}。`);
    schedule = s.data ?? null;
  }
  let expiresMs: number | null = null;
  if (input.expiresAt != null) {
    expiresMs = parseExpiry(input.expiresAt, now);
    if (expiresMs === null) bad('invalid-expiry', `"${input.expiresAt}" is not an expiry: use a date such as 2025-03-01, a time with its offset, or 24h / 7d.`, `“${input.expiresAt}”不是有效的到期时间：请使用如 2025-03-01 的日期、带时区的时间，或 24h / 7d。`);
    if ((expiresMs as number) <= now.getTime()) bad('invalid-expiry', `The expiry ${input.expiresAt} is already past: choose a later time.`, `到期时间 ${input.expiresAt} 已经过去：请选择更晚的时间。`);
  }
  const note = input.note ?? '';
  if (note.length > 2000) bad('invalid-note', 'The note is longer than 2000 characters.', '备注超过 2000 个字符。');
  return {
    list,
    kind: parsed.kind,
    value: parsed.value,
    num: parsed.kind === 'number' ? numericKey(parsed.value) : null,
    label: cleanLabel(input.label ?? ''),
    category,
    action,
    note,
    schedule,
    expiresAt: expiresMs === null ? null : new Date(expiresMs).toISOString(),
    expiresMs,
  };
}

export type RuleRow = {
  id: number;
  list: RuleList;
  kind: RuleKind;
  value: string;
  label: string;
  category: Category | null;
  action: Action;
  note: string;
  schedule: string | null;
  expires_at: string | null;
  expires_ms: number | null;
  created_at: string;
  updated_at: string;
  hit_count: number;
  last_hit_at: string | null;
};

export function toRule(row: RuleRow): Rule {
  return {
    id: String(row.id),
    list: row.list,
    kind: row.kind,
    value: row.value,
    label: row.label,
    category: row.category,
    action: row.action,
    note: row.note,
    schedule: row.schedule ? (JSON.parse(row.schedule) as ScheduleT) : null,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    hitCount: row.hit_count,
    lastHitAt: row.last_hit_at,
  };
}

/** How a sentence shows a value: "+86 170" for an international prefix, the rest as stored. */
export function displayValue(kind: RuleKind, value: string): string {
  if ((kind === 'prefix' || kind === 'wildcard') && value.startsWith('+')) {
    const split = splitCallingCode(value);
    return split ? `${split.code} ${split.rest}`.trim() : value;
  }
  return value;
}

export function toIndexed(row: Pick<RuleRow, 'id' | 'list' | 'kind' | 'value' | 'label' | 'category' | 'action' | 'schedule' | 'expires_ms'>): IndexedRule {
  return {
    id: String(row.id),
    list: row.list,
    kind: row.kind,
    value: row.value,
    display: displayValue(row.kind, row.value),
    label: row.label,
    action: row.action,
    category: row.category,
    schedule: row.schedule ? (JSON.parse(row.schedule) as ScheduleT) : null,
    expiresAtMs: row.expires_ms,
  };
}
