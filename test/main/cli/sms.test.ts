// ringfence messages list|export, run from source against a real data folder whose SMS are in the chain:
// long messages joined, the extortion text found with --flag alert, the sender's text never reaching the
// terminal as control characters or a spreadsheet as a formula.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { messageCsvColumns } from '../../../main/messages/index.ts';
import { dataDirWithCalls, ringfence } from '../history/cli-support.ts';
import { makeSms, t0 } from '../history/support.ts';

const extortion = '加微信 hk8899 转账了事，否则后果自负';

function dataDirWithSms() {
  const { dir, history, close } = dataDirWithCalls(3);
  for (let i = 0; i < 20; i++) history.recordSms(makeSms(t0 + i * 60_000, { text: `您的验证码是 ${100000 + i}` }));
  history.recordSms(makeSms(t0 + 30 * 60_000, { party: '13800138000', normalized: '+8613800138000', text: extortion }));
  const concat = (sequence: number) => ({ reference: 7, referenceBits: 8 as const, total: 2, sequence });
  history.recordSms(makeSms(t0 + 40 * 60_000, { party: '95555', normalized: null, text: '第一部分，', concat: concat(1) }));
  history.recordSms(makeSms(t0 + 40 * 60_000 + 500, { party: '95555', normalized: null, text: '第二部分。', concat: concat(2) }));
  history.recordSms(makeSms(t0 + 50 * 60_000, { party: '=HYPERLINK("x")\u001b[2J', partyKind: 'alphanumeric', normalized: null, text: '=1+1 \u202eevil' }));
  const head = history.head();
  close();
  return { dir, head };
}

describe('ringfence messages', () => {
  it('lists whole messages oldest first, and finds the one extortion text with --flag alert', () => {
    const { dir } = dataDirWithSms();
    const all = ringfence('messages', 'list', '--data-dir', dir);
    expect(all.stderr).toBe('');
    expect(all.status).toBe(0);
    const lines = all.stdout.trim().split('\n');
    expect(lines).toHaveLength(23);
    expect(lines.find((l) => l.includes('95555'))).toContain('第一部分，第二部分。');
    const alert = ringfence('messages', 'list', '--data-dir', dir, '--flag', 'alert');
    expect(alert.stdout.trim().split('\n')).toEqual([expect.stringMatching(/13800138000 \[!微信,转账,后果自负\] {2}加微信 hk8899/)]);
    // The sender's text cannot clear the screen or reverse the line.
    expect(all.stdout.includes('\u001b') || all.stdout.includes('\u202e')).toBe(false);
    expect(all.stdout).toContain('␛[2J');
  });

  it('takes the same period and number options as export, in any common form', () => {
    const { dir } = dataDirWithSms();
    const r = ringfence('messages', 'list', '--data-dir', dir, '--number', '138 0013 8000', '--json');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).map((m: { text: string }) => m.text)).toEqual([extortion]);
    const bad = ringfence('messages', 'list', '--data-dir', dir, '--from', 'yesterday');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--from "yesterday" is not a date or time');
  });

  it('exports CSV a spreadsheet reads safely and JSON with the chain head', () => {
    const { dir, head } = dataDirWithSms();
    const csv = join(dir, 'messages.csv');
    const r = ringfence('messages', 'export', '--data-dir', dir, '--format', 'csv', '--out', csv);
    expect(r.stdout).toBe(`exported 23 messages to ${csv} (chain head ${head})\n`);
    const rows = Papa.parse<string[]>(readFileSync(csv, 'utf8').slice(1), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...messageCsvColumns]);
    expect(rows).toHaveLength(24);
    const hostile = rows.find((row) => row[17]!.includes('evil'))!;
    expect(hostile[6]).toBe('\'=HYPERLINK("x")\u001b[2J');
    expect(hostile[17]!.startsWith("'=1+1")).toBe(true);
    expect(rows.find((row) => row[6] === '13800138000')![10]).toBe('微信 转账 后果自负');

    const json = join(dir, 'messages.json');
    ringfence('messages', 'export', '--data-dir', dir, '--format', 'json', '--out', json, '--from', '2025-03-01', '--number', '95555');
    const doc = JSON.parse(readFileSync(json, 'utf8'));
    expect(doc).toMatchObject({ format: 'ringfence-messages', count: 1, head });
    expect(doc.messages[0]).toMatchObject({ text: '第一部分，第二部分。', complete: true, total: 2 });
  });
});
