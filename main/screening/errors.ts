// Bad rule input is refused with a code a program can test and a sentence, in both languages, saying what
// was wrong, where, and what to do. Nothing is changed when one is thrown.
import type { Text } from '../../shared/domain.ts';

export class RuleError extends Error {
  readonly code: string;
  readonly text: Text;
  /** 1-based line of an import file, when the problem is on one line. */
  line?: number;
  constructor(code: string, text: Text, line?: number) {
    super(text.en);
    this.name = 'RuleError';
    this.code = code;
    this.text = text;
    if (line !== undefined) this.line = line;
  }
}
