// Bad rule input is refused with a code a program can test and a sentence, in both languages, saying what
// was wrong, where, and what to do. Nothing is changed when one is thrown.
import type { Text } from '../../shared/domain.ts';
import { DomainError, type ErrorStatus } from '../../shared/errors.ts';

/** Most refusals are bad input (400); these say the rule or the preview is not there, or is there already. */
const statuses: Record<string, ErrorStatus> = {
  'rule-not-found': 404,
  'import-expired': 404,
  'duplicate-rule': 409,
  'import-busy': 409,
  'import-replaced': 409,
  'import-too-many': 413,
  'import-too-large': 413,
  'import-line-too-long': 413,
  'import-failed': 503,
};

export class RuleError extends DomainError {
  /** 1-based line of an import file, when the problem is on one line. */
  line?: number;
  constructor(code: string, text: Text, line?: number) {
    super(code, text, { status: statuses[code] ?? 400 });
    this.name = 'RuleError';
    if (line !== undefined) this.line = line;
  }
}
