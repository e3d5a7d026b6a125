// A rule as the user gives it (API, CLI, an import line) checked and turned into the fields we store.
// Every refusal says what was wrong and what to do, in both languages, and nothing is written.
import type { Action, Category, Rule, RuleKind, RuleList, Schedule as ScheduleT, Text } from '../../shared/domain.ts';
import { Action as ActionSchema, Category as CategorySchema, Schedule } from '../../shared/domain.ts';
import type { RuleInput } from '../../shared/api.ts';
import { RuleError } from './errors.ts';
import type { IndexedRule } from './indexed-rule.ts';
import { numericKey, splitCallingCode } from './numbers.ts';
import { parseRuleValue } from './patterns.ts';
import { ruleTexts } from './texts.ts';

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

const bad = (code: string, text: Text): never => {
  throw new RuleError(code, text);
};

export function checkList(list: unknown): RuleList {
  if (list !== 'blocked' && list !== 'trusted') bad('invalid-list', ruleTexts.unknownList(String(list)));
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
  if (typeof input.value !== 'string') bad('invalid-value', ruleTexts.valueMissing());
  if (input.value.length > 256) bad('invalid-value', ruleTexts.valueTooLong());
  const parsed = parseRuleValue(input.value, input.kind, homeCountry);
  if (list === 'trusted' && parsed.kind === 'presentation') {
    bad('invalid-rule', ruleTexts.presentationTrusted());
  }
  let action: Action = list === 'trusted' ? 'allow' : 'reject';
  if (input.action !== undefined) {
    if (!ActionSchema.safeParse(input.action).success) bad('invalid-action', ruleTexts.unknownAction(String(input.action)));
    action = input.action;
  }
  if (list === 'trusted' && action !== 'allow') bad('invalid-action', ruleTexts.trustedAllows());
  if (list === 'blocked' && action === 'allow') bad('invalid-action', ruleTexts.blockedCannotAllow());
  const category = input.category ?? null;
  if (category !== null && !CategorySchema.safeParse(category).success) {
    bad('invalid-category', ruleTexts.unknownCategory(String(category), CategorySchema.options));
  }
  let schedule: ScheduleT | null = null;
  if (input.schedule != null) {
    const s = Schedule.safeParse(input.schedule);
    if (!s.success) bad('invalid-schedule', ruleTexts.invalidSchedule(s.error.issues[0]?.message ?? null));
    schedule = s.data ?? null;
  }
  let expiresMs: number | null = null;
  if (input.expiresAt != null) {
    expiresMs = parseExpiry(input.expiresAt, now);
    if (expiresMs === null) bad('invalid-expiry', ruleTexts.notExpiry(input.expiresAt));
    if ((expiresMs as number) <= now.getTime()) bad('invalid-expiry', ruleTexts.expiryPast(input.expiresAt));
  }
  const note = input.note ?? '';
  if (note.length > 2000) bad('invalid-note', ruleTexts.noteTooLong());
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
