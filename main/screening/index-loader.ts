// Loading the rules from SQLite into the in-memory index, and keeping it in step with the change journal.
// A million exact numbers load as a handful of long strings (group_concat) split in JS: reading a million
// row objects through the driver takes several times longer.
import type { DatabaseSync } from 'node:sqlite';
import type { RuleKind, RuleList, Schedule } from '../../shared/domain.ts';
import { ACTIONS, CATEGORIES } from './exact-table.ts';
import type { ExactColumns } from './exact-table.ts';
import type { IndexedRule } from './indexed-rule.ts';
import { RuleIndex } from './rule-index.ts';
import { toIndexed } from './rule-input.ts';
import type { RuleRow } from './rule-input.ts';
import { query } from '../store/index.ts';

/** Separates labels in the concatenated column; labels never contain control characters (cleanLabel). */
const RS = '\u001e';

const ACTION_CODE = new Map<string, number>(ACTIONS.map((a, i) => [a, i]));
const CATEGORY_CODE = new Map<string, number>(CATEGORIES.map((c, i) => [c, i + 1]));

function loadExact(db: DatabaseSync, list: RuleList): ExactColumns {
  // Two passes, each the cheap way round: numbers in order straight from the (list, num) index, which also
  // holds the rowid; the few other fields in table order, kept by rowid until the slots pick them up.
  const ordered = query<{ n: number; nums: string | null; ids: string | null }>(
    db,
    `SELECT count(*) AS n, group_concat(num, ',') AS nums, group_concat(id, ',') AS ids
       FROM (SELECT num, id FROM screening_rules WHERE list = ? AND num IS NOT NULL ORDER BY num)`,
  ).one(list);
  const n = ordered.n;
  const keys = new Float64Array(n);
  const ids = new Int32Array(n);
  const actions = new Uint8Array(n);
  const categories = new Uint8Array(n);
  const labels = new Uint32Array(n);
  const labelTexts: string[] = [''];
  if (n > 0) {
    const numParts = (ordered.nums as string).split(',');
    const idParts = (ordered.ids as string).split(',');
    let sorted = true;
    let maxId = 0;
    for (let i = 0; i < n; i++) {
      keys[i] = Number(numParts[i]);
      if (i > 0 && (keys[i] as number) <= (keys[i - 1] as number)) sorted = false;
      const id = Number(idParts[i]);
      ids[i] = id;
      if (id > maxId) maxId = id;
    }
    // The inner ORDER BY gives sorted input in practice; SQL does not promise it for aggregates, so check.
    if (!sorted) throw new Error('screening: exact numbers did not load in order; the index would be wrong');
    const meta = query<{ ids: string; actions: string; categories: string; labels: string | null }>(
      db,
      `SELECT group_concat(id, ',') AS ids, group_concat(action, ',') AS actions, group_concat(coalesce(category, ''), ',') AS categories,
              group_concat(label, char(30)) AS labels
         FROM screening_rules NOT INDEXED WHERE list = ? AND num IS NOT NULL`,
    ).one(list);
    const metaIds = meta.ids.split(',');
    const actionParts = meta.actions.split(',');
    const categoryParts = meta.categories.split(',');
    const labelParts = (meta.labels ?? '').split(RS);
    const actionByRow = new Uint8Array(maxId + 1);
    const categoryByRow = new Uint8Array(maxId + 1);
    const labelByRow = new Uint32Array(maxId + 1);
    const labelIndex = new Map<string, number>([['', 0]]);
    for (let i = 0; i < metaIds.length; i++) {
      const id = Number(metaIds[i]);
      actionByRow[id] = ACTION_CODE.get(actionParts[i] as string) ?? 0;
      categoryByRow[id] = CATEGORY_CODE.get(categoryParts[i] as string) ?? 0;
      const label = labelParts[i] ?? '';
      let li = labelIndex.get(label);
      if (li === undefined) {
        li = labelTexts.length;
        labelTexts.push(label);
        labelIndex.set(label, li);
      }
      labelByRow[id] = li;
    }
    for (let i = 0; i < n; i++) {
      const id = ids[i] as number;
      actions[i] = actionByRow[id] as number;
      categories[i] = categoryByRow[id] as number;
      labels[i] = labelByRow[id] as number;
    }
  }
  const extras = new Map<number, { schedule: Schedule | null; expiresAtMs: number | null }>();
  // The planner prefers the (list, num) index, which would visit every number; the partial index holds only these.
  const timed = query<{ id: number; schedule: string | null; expires_ms: number | null }>(
    db,
    'SELECT id, schedule, expires_ms FROM screening_rules INDEXED BY screening_rules_timed_numbers WHERE list = ? AND num IS NOT NULL AND (schedule IS NOT NULL OR expires_ms IS NOT NULL)',
  ).all(list);
  for (const t of timed) extras.set(t.id, { schedule: t.schedule ? (JSON.parse(t.schedule) as Schedule) : null, expiresAtMs: t.expires_ms });
  return { keys, ids, actions, categories, labels, labelTexts, extras };
}

const INDEXED_COLUMNS = 'id, list, kind, value, label, category, action, schedule, expires_ms';

/** Every rule that is not an E.164 number: patterns, names, presentations and short codes. */
function loadOthers(db: DatabaseSync, list: RuleList): { patterns: IndexedRule[]; shortNumbers: IndexedRule[] } {
  const rows = query<RuleRow>(db, `SELECT ${INDEXED_COLUMNS} FROM screening_rules WHERE list = ? AND num IS NULL`).all(list);
  const patterns: IndexedRule[] = [];
  const shortNumbers: IndexedRule[] = [];
  for (const row of rows) (row.kind === 'number' ? shortNumbers : patterns).push(toIndexed(row));
  return { patterns, shortNumbers };
}

export function loadIndex(db: DatabaseSync, homeCountry: string): RuleIndex {
  const blocked = loadOthers(db, 'blocked');
  const trusted = loadOthers(db, 'trusted');
  const index = new RuleIndex(homeCountry, {
    blocked: { exact: loadExact(db, 'blocked'), patterns: blocked.patterns },
    trusted: { exact: loadExact(db, 'trusted'), patterns: trusted.patterns },
  });
  for (const r of blocked.shortNumbers) index.blocked.exact.set(r);
  for (const r of trusted.shortNumbers) index.trusted.exact.set(r);
  return index;
}

export function lastChange(db: DatabaseSync): number {
  return query<{ seq: number }>(db, 'SELECT coalesce(max(seq), 0) AS seq FROM screening_changes').one().seq;
}

/**
 * Applies the journal after `since` to `index`. Returns the lists that changed and whether the index must
 * be reloaded whole instead (a bulk import, or a journal pruned past what we saw).
 */
export function applyChanges(db: DatabaseSync, index: RuleIndex, since: number): { seq: number; lists: Set<RuleList>; reload: boolean } {
  const changes = query<{ seq: number; list: RuleList; rule_id: number | null; kind: RuleKind | null; value: string | null; op: 'put' | 'delete' | 'reload' }>(
    db,
    'SELECT seq, list, rule_id, kind, value, op FROM screening_changes WHERE seq > ? ORDER BY seq',
  ).all(since);
  const lists = new Set<RuleList>();
  if (changes.length === 0) return { seq: since, lists, reload: false };
  const seq = changes.at(-1)!.seq;
  const oldest = query<{ seq: number }>(db, 'SELECT coalesce(min(seq), 0) AS seq FROM screening_changes').one().seq;
  for (const c of changes) lists.add(c.list);
  if (oldest > since + 1 || changes.some((c) => c.op === 'reload')) return { seq, lists, reload: true };
  const byId = query<RuleRow>(db, `SELECT ${INDEXED_COLUMNS} FROM screening_rules WHERE id = ?`);
  for (const c of changes) {
    if (c.rule_id === null || c.kind === null || c.value === null) continue;
    if (c.op === 'delete') {
      index.list(c.list).remove({ id: String(c.rule_id), kind: c.kind, value: c.value });
      continue;
    }
    // A later change may have removed or altered it again: put what the row is now, if it still exists.
    const row = byId.get(c.rule_id);
    if (row && row.list === c.list) index.list(row.list).put(toIndexed(row));
  }
  const overlay = index.blocked.exact.overlaySize + index.trusted.exact.overlaySize;
  return { seq, lists, reload: overlay > 50_000 };
}
