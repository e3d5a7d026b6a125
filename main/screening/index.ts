// The screening engine's public face: the service, the CLI and the history code against exactly this.
export { openScreening } from './screening.ts';
export type { ObservedCall, Screening, ScreeningOptions } from './screening.ts';
export { SqliteRuleStore } from './rule-store.ts';
export type { RuleStore, RuleStoreOptions } from './rule-store.ts';
export { RuleError } from './errors.ts';
export { normalizeNumber, formatNumber } from './numbers.ts';
export { afterGate, stoppedByGate, type AfterGate } from './gate.ts';

import type { DatabaseSync } from 'node:sqlite';
import { applyMigrations } from '../store/index.ts';
import { SqliteRuleStore, type RuleStoreOptions } from './rule-store.ts';
import { migrations } from './schema.ts';

/** The rules alone, without loading the in-memory index: what a one-shot CLI command needs. */
export function openRuleStore(db: DatabaseSync, options: RuleStoreOptions): SqliteRuleStore {
  applyMigrations(db, 'screening', migrations);
  return new SqliteRuleStore(db, options);
}
