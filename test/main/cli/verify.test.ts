import { describe, expect, it } from 'vitest';
import { dataDirWithCalls, ringfence } from '../history/cli-support.ts';
import { tempDir } from '../history/support.ts';
import { openDataStore } from '../../../main/store/open.ts';
import { join } from 'node:path';

describe('ringfence verify', () => {
  it('says the chain holds, with the record count and head, and exits 0', () => {
    const { dir, history, close } = dataDirWithCalls(12);
    const head = history.head();
    close();
    const r = ringfence('verify', '--data-dir', dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`chain holds: 12 records, head ${head}\n`);
  });

  it('exits 1 naming the first record that was changed, and why', () => {
    const { dir, close } = dataDirWithCalls(12);
    close();
    const { db } = openDataStore(dir);
    db.exec("DROP TRIGGER history_calls_append_only; UPDATE history_calls SET action = 'silent' WHERE id = 5");
    db.close();
    const r = ringfence('verify', '--data-dir', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^ringfence: chain broken at record 5: record 5: action changed \(it says "silent"/);
    expect(r.stderr).toMatch(/4 records before it hold/);
  });

  it("confirms an export's chain head belongs to this history, and refuses one that does not", () => {
    const { dir, history, close } = dataDirWithCalls(12);
    const exported = history.head()!;
    close();
    const ok = ringfence('verify', '--data-dir', dir, '--head', exported);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`head ${exported} is record 12 of this chain`);
    const bad = ringfence('verify', '--data-dir', dir, '--head', 'ab'.repeat(32));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/is not in this history/);
  });

  it('takes the shortened fingerprint the app shows as --head: any unique prefix of 8 or more hex digits', () => {
    const { dir, history, close } = dataDirWithCalls(12);
    const head = history.head()!;
    close();
    const shown = `${head.slice(0, 16)}…`; // as the Evidence page shows it
    const ok = ringfence('verify', '--data-dir', dir, '--head', shown);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain(`head ${head} is record 12 of this chain`);
    expect(ringfence('verify', '--data-dir', dir, '--head', head.slice(0, 8).toUpperCase()).status).toBe(0);
    const short = ringfence('verify', '--data-dir', dir, '--head', head.slice(0, 7));
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/at least the first 8 of them/);
  });

  it('says which checkpoints match, and names a tail cut after the last checkpoint', () => {
    const { dir, history, close } = dataDirWithCalls(12);
    history.checkpoint(join(dir, 'exports', 'checkpoints'), 'test');
    close();
    expect(ringfence('verify', '--data-dir', dir).stdout).toMatch(/checkpoint matches: record 12 of /);
    const { db } = openDataStore(dir);
    db.exec(
      'DROP TRIGGER history_calls_append_only; DELETE FROM history_calls WHERE id > 10; UPDATE history_chain SET last_id = 10, head = (SELECT hash FROM history_calls WHERE id = 10)',
    );
    db.close();
    const r = ringfence('verify', '--data-dir', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/problem: tail cut after record 10: the checkpoint of .* says the chain reached record 12/);
  });

  it('explains a folder with no Ringfence data, and creates nothing there', () => {
    const dir = tempDir('rf-cli-empty-');
    const r = ringfence('verify', '--data-dir', dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/There is no Ringfence data in .* \(no ringfence\.db there\)/);
  });
});
