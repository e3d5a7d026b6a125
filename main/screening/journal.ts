// The change journal (screening_changes): every rule write appends to it, which is how a running service
// learns about rules another connection wrote (the CLI, an import worker).
import type { DatabaseSync } from 'node:sqlite';
import type { RuleKind, RuleList } from '../../shared/domain.ts';

export function appendJournal(
  db: DatabaseSync,
  list: RuleList,
  ruleId: number | null,
  op: 'put' | 'delete' | 'reload',
  rule?: { kind: RuleKind; value: string },
): void {
  const seq = Number(
    db
      .prepare('INSERT INTO screening_changes (list, rule_id, kind, value, op) VALUES (?, ?, ?, ?, ?)')
      .run(list, ruleId, rule?.kind ?? null, rule?.value ?? null, op).lastInsertRowid,
  );
  // Readers that fall further behind than this reload the whole list, so the journal stays short.
  if (seq % 500 === 0) db.prepare('DELETE FROM screening_changes WHERE seq <= ?').run(seq - 5000);
}
