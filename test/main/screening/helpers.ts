// Builders for the pure screening tests: rules straight into an index, a context with a fixed clock.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CallerId, RuleKind, RuleList } from '../../../shared/domain.ts';
import { defaultSettings } from '../../../shared/settings.ts';
import type { Settings } from '../../../shared/settings.ts';
import type { DecideContext } from '../../../main/screening/decide.ts';
import type { IndexedRule } from '../../../main/screening/indexed-rule.ts';
import { numberNormalizer } from '../../../main/screening/numbers.ts';
import { parseRuleValue } from '../../../main/screening/patterns.ts';
import { RecentCalls } from '../../../main/screening/recent.ts';
import { RuleIndex } from '../../../main/screening/rule-index.ts';
import { displayValue } from '../../../main/screening/rule-input.ts';
import { idleShield, manualCause } from '../../../main/screening/shield.ts';
import type { Shield, ShieldCause } from '../../../main/screening/shield.ts';

let nextId = 1;

export function rule(list: RuleList, value: string, extra: Partial<IndexedRule> & { kind?: RuleKind } = {}): IndexedRule {
  const parsed = parseRuleValue(value, extra.kind, 'CN');
  return {
    id: String(nextId++),
    list,
    display: displayValue(parsed.kind, parsed.value),
    label: '',
    action: list === 'trusted' ? 'allow' : 'reject',
    category: null,
    schedule: null,
    expiresAtMs: null,
    ...extra,
    ...{ kind: parsed.kind, value: parsed.value },
  };
}

export function indexOf(rules: IndexedRule[], homeCountry = 'CN'): RuleIndex {
  const index = new RuleIndex(homeCountry);
  for (const r of rules) index.list(r.list).put(r);
  return index;
}

export function context(
  over: { rules?: IndexedRule[]; settings?: Settings; shield?: Shield; recent?: RecentCalls; now?: Date; oneRing?: string[] } = {},
): DecideContext {
  const settings = over.settings ?? defaultSettings();
  return {
    rules: indexOf(over.rules ?? [], settings.homeCountry),
    recent: over.recent ?? new RecentCalls(),
    shield: over.shield ?? idleShield(),
    settings,
    normalize: numberNormalizer(settings.homeCountry),
    oneRingFlagged: (n) => (over.oneRing ?? []).includes(n),
    now: over.now ?? new Date(2025, 0, 6, 14, 0),
  };
}

export const caller = (
  number: string | null,
  presentation: CallerId['presentation'] = number ? 'allowed' : 'withheld',
  name: string | null = null,
): CallerId => ({
  number,
  presentation,
  name,
  raw: [],
});

export function settingsWith(patch: (s: Settings) => void): Settings {
  const s = defaultSettings();
  patch(s);
  return s;
}

export const tempDbPath = () => join(mkdtempSync(join(tmpdir(), 'rf-screening-')), 'ringfence.db');

/** A shield cause with only its trigger known (what the pure decision tests need). */
export const cause = (trigger: ShieldCause['trigger']): ShieldCause => ({ ...manualCause(), trigger });
