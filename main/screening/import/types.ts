// What every list format parses into: entries with the line they came from, and lines that are not
// entries at all (with the reason). Checking the values themselves is the same for every format (preview.ts).
import type { Rule, RuleKind, Text } from '../../../shared/domain.ts';

export type ImportEntry = {
  line: number;
  value: string;
  kind?: RuleKind;
  /** A phone field (vCard TEL, a CSV number column without a kind): an exact number, never a pattern. */
  phoneField?: true;
  label?: string;
  category?: string;
  action?: string;
  expires?: string;
};

export type InvalidLine = { line: number; value: string; reason: Text };

/** Parsers hand each entry to a callback as they read it, so a million-line file is never held twice. */
export type ParsedFile = { invalid: InvalidLine[] };

/**
 * A parser fed one segment at a time (whole entries, \n line breaks, see segments.ts), keeping what it must
 * between segments (a CSV's header, an open vCard); `end` gives the lines that never became entries.
 */
export type ListParser = { feed(text: string, firstLine: number): void; end(): ParsedFile };

export type FileFormat = 'csv' | 'text' | 'vcard' | 'ncid';

/** How a rule's value is written in a file so that importing the file gives the same rule back. */
export function fileValue(rule: Pick<Rule, 'kind' | 'value'>): string {
  return rule.kind === 'prefix' ? `${rule.value}*` : rule.value;
}
