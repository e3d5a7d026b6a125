// Bulk input is hostile input too: a list may be huge, binary, or built to turn a phone field into a pattern.
// These run the real import path: a preview in a worker thread staged on disk, then the commit.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRuleStore } from '../../../main/screening/index.ts';
import { openDatabase } from '../../../main/store/database.ts';
import { tempDbPath } from './helpers.ts';

function open(options: { maxEntries?: number; maxEntryBytes?: number } = {}) {
  const path = tempDbPath();
  const db = openDatabase(path);
  const rules = openRuleStore(db, { homeCountry: () => 'CN', now: () => new Date(2025, 0, 6, 14, 0), importLimits: options });
  return { db, rules, path, close: () => (rules.closeImports(), db.close()) };
}

describe('list import', () => {
  it('imports vCard TEL fields as exact numbers: *611 and *86 never become wildcards that trust strangers', async () => {
    const { rules, close } = open();
    const vcf = ['BEGIN:VCARD', 'VERSION:3.0', 'FN:Carrier', 'TEL:*611', 'TEL:*86', 'TEL:+86 138 0013 8000', 'END:VCARD'].join('\r\n');
    const preview = await rules.previewImport({ list: 'trusted', content: vcf, fileName: 'contacts.vcf' });
    expect(preview).toMatchObject({ format: 'vcard', added: 1, invalidCount: 2, patterns: 0 });
    expect(preview.invalid.map((i) => i.value)).toEqual(['*611', '*86']);
    expect(preview.invalid[0]?.reason.en).toMatch(/exact number only/);
    await expect(rules.commitImport(preview.token)).rejects.toThrow(/Nothing was imported: 2 line/);
    expect(rules.list({ list: 'trusted' }).total).toBe(0);
    close();
  });

  it('takes patterns only from explicit syntax, and the preview counts them as patterns', async () => {
    const { rules, close } = open();
    const csv = 'number,label,kind\n+86170*,virtual,prefix\n13900001111,sales,\n';
    const preview = await rules.previewImport({ list: 'blocked', content: csv, fileName: 'list.csv' });
    expect(preview).toMatchObject({ added: 2, patterns: 1, invalidCount: 0 });
    expect(preview.sample).toEqual([
      { value: '+86170', label: 'virtual', kind: 'prefix' },
      { value: '+8613900001111', label: 'sales', kind: 'number' },
    ]);
    close();
  });

  it('imports the good lines when asked, and keeps every bad line for saving', async () => {
    const { rules, close } = open();
    const text = '13900001111\nnot a number\n13900002222\n\u001b[31mred\n13900001111\n';
    const preview = await rules.previewImport({ list: 'blocked', content: text });
    expect(preview).toMatchObject({ added: 2, duplicates: 1, invalidCount: 2 });
    expect([...rules.invalidLines(preview.token)].map((l) => l.line)).toEqual([2, 4]);
    expect(await rules.commitImport(preview.token, { skipInvalid: true })).toEqual({ imported: 2, skipped: 2 });
    expect(
      rules
        .list({ list: 'blocked' })
        .rules.map((r) => r.value)
        .sort(),
    ).toEqual(['+8613900001111', '+8613900002222']);
    close();
  });

  it('refuses a list over the maximum with a sentence naming the maximum, and changes nothing', async () => {
    const { rules, close, path } = open({ maxEntries: 5 });
    const lines = Array.from({ length: 6 }, (_, i) => `1390000${String(i).padStart(4, '0')}`).join('\n');
    const failure = rules.previewImport({ list: 'blocked', content: lines });
    await expect(failure).rejects.toMatchObject({ code: 'import-too-many', status: 413 });
    await expect(failure).rejects.toThrow(/more than 5 entries, the most one import takes/);
    expect(rules.list({ list: 'blocked' }).total).toBe(0);
    // Nothing is left behind in the staging folder.
    const folder = join(dirname(path), 'imports');
    expect(existsSync(folder) ? readdirSync(folder) : []).toEqual([]);
    close();
  });

  it('refuses a file with no line breaks (a binary blob) without holding it whole', async () => {
    const { rules, close, path } = open({ maxEntryBytes: 64 * 1024 });
    const blob = join(dirname(path), 'blob.bin');
    writeFileSync(blob, Buffer.alloc(300 * 1024, 0x41));
    await expect(rules.previewImportFile({ list: 'blocked', path: blob })).rejects.toMatchObject({ code: 'import-line-too-long' });
    close();
  });

  it('keeps one pending preview per client: a new preview replaces the older one', async () => {
    const { rules, close } = open();
    const first = await rules.previewImport({ list: 'blocked', content: '13900001111\n', client: 'page:a' });
    const other = await rules.previewImport({ list: 'blocked', content: '13900003333\n', client: 'page:b' });
    const second = await rules.previewImport({ list: 'blocked', content: '13900002222\n', client: 'page:a' });
    await expect(rules.commitImport(first.token)).rejects.toMatchObject({ code: 'import-expired' });
    expect(await rules.commitImport(second.token)).toMatchObject({ imported: 1 });
    expect(await rules.commitImport(other.token)).toMatchObject({ imported: 1 });
    close();
  });

  it('keeps one pending preview per client when two arrive at once: the later one wins, the earlier is told so', async () => {
    const { rules, close, path } = open();
    const first = await rules.previewImport({ list: 'blocked', content: '13900001111\n', client: 'page:a' });
    // Both replace `first`; its staging file is removed off the screening thread while they wait.
    const [older, newer] = await Promise.allSettled([
      rules.previewImport({ list: 'blocked', content: '13900002222\n', client: 'page:a' }),
      rules.previewImport({ list: 'blocked', content: '13900003333\n', client: 'page:a' }),
    ]);
    expect(older).toMatchObject({ status: 'rejected', reason: { code: 'import-replaced' } });
    expect(newer.status).toBe('fulfilled');
    await expect(rules.commitImport(first.token)).rejects.toMatchObject({ code: 'import-expired' });
    if (newer.status === 'fulfilled') expect(await rules.commitImport(newer.value.token)).toMatchObject({ imported: 1 });
    expect(rules.list({ list: 'blocked' }).rules.map((r) => r.value)).toEqual(['+8613900003333']);
    // Nothing of the replaced previews is left in the staging folder.
    expect(readdirSync(join(dirname(path), 'imports'))).toEqual([]);
    close();
  });

  it('round-trips labels that look like formulas: guarded in the CSV, the same text imported back', async () => {
    const { rules, close } = open();
    rules.add({ list: 'blocked', value: '13900001111', label: "=cmd|' /C calc'!A0" });
    rules.add({ list: 'blocked', value: '13900002222', label: "x;=cmd|' /C calc'!A0;y" });
    const csv = rules.export({ list: 'blocked', format: 'csv' }).content;
    expect(csv).toContain(`,'=cmd|' /C calc'!A0,`);
    expect(csv).toContain(`"x;'=cmd|' /C calc'!A0;y"`);
    const again = open();
    const preview = await again.rules.previewImport({ list: 'blocked', content: csv, fileName: 'x.csv' });
    await again.rules.commitImport(preview.token);
    // The guard inside the cell stays (it is the cell's own text now); a leading one comes off again.
    expect(
      again.rules
        .list({ list: 'blocked' })
        .rules.map((r) => r.label)
        .sort(),
    ).toEqual(["=cmd|' /C calc'!A0", "x;'=cmd|' /C calc'!A0;y"]);
    again.close();
    close();
  });
});
