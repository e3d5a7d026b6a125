// A rule as the matcher holds it: only what a decision needs, with the expiry as a number so the hot path
// compares numbers, not date strings.
import type { Action, Category, RuleKind, RuleList, Schedule } from '../../shared/domain.ts';
import { scheduleActive } from './schedule.ts';

export type IndexedRule = {
  id: string;
  list: RuleList;
  kind: RuleKind;
  /** Canonical value: E.164 or a short code for numbers, the prefix digits, the pattern, regex, name or presentation. */
  value: string;
  /** How a sentence shows the value: "+86 170" for a prefix. */
  display: string;
  label: string;
  action: Action;
  category: Category | null;
  schedule: Schedule | null;
  expiresAtMs: number | null;
};

/** In force at `at`: not expired, and inside its schedule when it has one. */
export function ruleActive(rule: IndexedRule, at: Date): boolean {
  if (rule.expiresAtMs !== null && at.getTime() >= rule.expiresAtMs) return false;
  return rule.schedule === null || scheduleActive(rule.schedule, at);
}
