// The chain covers every column: the declared fields and the tables must agree, so a column added by a later
// migration without a chained field fails here (and `verify` refuses such a table at run time too).
import { describe, expect, it } from 'vitest';
import { callFields, canonicalVersion, eventFields, smsFields, unhashedCallColumns, unhashedEventColumns } from '../../../main/history/index.ts';
import { openTestHistory } from './support.ts';

const columnsOf = (table: string) => {
  const { db } = openTestHistory();
  return (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[]).map((c) => c.name).sort();
};

describe('the chained fields', () => {
  it('are every column of a call record, except the hash itself', () => {
    expect([...callFields.map((f) => f.column), ...unhashedCallColumns].sort()).toEqual(columnsOf('history_calls'));
  });

  it('are every column of a chained event, except the hash itself', () => {
    expect([...eventFields.map((f) => f.column), ...unhashedEventColumns].sort()).toEqual(columnsOf('history_events'));
  });

  it('are every column of a chained SMS entry, except the hash itself', () => {
    expect([...smsFields.map((f) => f.column), 'hash'].sort()).toEqual(columnsOf('history_sms'));
  });

  it('grow only at the end, each version a prefix of the next, none newer than the version written', () => {
    const since = callFields.map((f) => f.since);
    expect(since).toEqual([...since].sort((a, b) => a - b));
    expect(Math.max(...since)).toBe(canonicalVersion);
    for (const f of callFields) if (f.since > 2) expect(f).toHaveProperty('absent');
  });
});
