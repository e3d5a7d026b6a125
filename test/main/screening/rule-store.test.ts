import { describe, expect, it } from 'vitest';
import type { RuleList } from '../../../shared/domain.ts';
import { defaultSettings } from '../../../shared/settings.ts';
import { openRuleStore, openScreening, RuleError } from '../../../main/screening/index.ts';
import { openDatabase } from '../../../main/store/database.ts';
import { caller, tempDbPath } from './helpers.ts';

/** The shield is off here: these tests call the same number within seconds, which would engage it. */
const noShield = () => {
  const s = defaultSettings();
  s.screening.shield.enabled = false;
  return s;
};

function open(path = tempDbPath(), now = () => new Date(2025, 0, 6, 14, 0)) {
  const db = openDatabase(path);
  const screening = openScreening(db, { settings: noShield, now });
  return { db, screening, rules: screening.rules, path };
}

describe('rule store', () => {
  it('adds, finds, updates and removes rules in any written form', async () => {
    const { rules, db } = open();
    const added = rules.add({ list: 'blocked', value: '0086 139-0000-1111', label: 'sales', category: 'sales' });
    expect(added).toMatchObject({ kind: 'number', value: '+8613900001111', label: 'sales', action: 'reject', hitCount: 0 });
    expect(() => rules.add({ list: 'blocked', value: '13900001111' })).toThrow(/already on the blocked list/);
    expect(rules.list({ list: 'blocked', search: '139 0000 1111' }).total).toBe(1);
    expect(rules.update(added.id, { label: 'loan sales', action: 'answer-hangup' })).toMatchObject({
      label: 'loan sales',
      action: 'answer-hangup',
      kind: 'number',
    });
    expect(rules.removeByValue('blocked', '+8613900001111')).toBe(true);
    expect(rules.removeByValue('blocked', '+8613900001111')).toBe(false);
    expect(rules.list({ list: 'blocked' }).total).toBe(0);
    db.close();
  });

  it('searches one list by value, label or note, the wildcard characters taken literally', () => {
    const { rules, db } = open();
    rules.add({ list: 'blocked', value: '+8617012345678', label: 'loan 100% sales', note: 'calls at night' });
    rules.add({ list: 'blocked', value: '+8617012340000', label: 'loan 1000 sales' });
    rules.add({ list: 'trusted', value: '+8613800138000', label: 'loan officer (real)', note: 'calls at night' });
    const found = (list: RuleList, search: string) => rules.list({ list, search }).rules.map((r) => r.value);
    // Each condition stays inside its list: the trusted rule's matching note never shows on the blocked list.
    expect(found('blocked', 'at night')).toEqual(['+8617012345678']);
    expect(found('trusted', 'at night')).toEqual(['+8613800138000']);
    expect(found('blocked', 'loan')).toEqual(['+8617012340000', '+8617012345678']);
    // "%" is a character to find, not SQL's any-run: "100%" matches the first label only.
    expect(found('blocked', '100%')).toEqual(['+8617012345678']);
    // A number typed in another form finds the stored one.
    expect(found('blocked', '170 1234 0000')).toEqual(['+8617012340000']);
    expect(rules.list({ list: 'blocked', search: 'loan', limit: 1 })).toMatchObject({ total: 2, rules: [{ value: '+8617012340000' }] });
    db.close();
  });

  it('refuses bad input with a specific error and changes nothing', async () => {
    const { rules, db } = open();
    const attempts: [Parameters<typeof rules.add>[0], RegExp][] = [
      [{ list: 'blocked', value: 'not a number' }, /not a phone number/],
      [{ list: 'trusted', value: 'withheld' }, /cannot be trusted/],
      [{ list: 'trusted', value: '13800138000', action: 'reject' }, /always ring through/],
      [{ list: 'blocked', value: '13800138000', action: 'allow' }, /trusted list instead/],
      [{ list: 'blocked', value: '(\\d+)+', kind: 'regex' }, /may not be repeated/],
      [{ list: 'blocked', value: '13800138000', expiresAt: '2020-01-01T00:00:00Z' }, /already past/],
      [{ list: 'nope' as RuleList, value: '13800138000' }, /Unknown list/],
    ];
    for (const [input, message] of attempts) {
      expect(() => rules.add(input)).toThrow(RuleError);
      expect(() => rules.add(input)).toThrow(message);
    }
    expect(rules.list({ list: 'blocked' }).total + rules.list({ list: 'trusted' }).total).toBe(0);
    db.close();
  });

  it('previews an import with new, duplicate and invalid lines, and imports nothing while any line is invalid', async () => {
    const { rules, db } = open();
    rules.add({ list: 'blocked', value: '13900001111' });
    const csv =
      'number,label,category,action,expires\n13900001111,dup,,,\n+86170*,virtual,harassment,,\nfoo,bad,,,\n17100000000,x,nonsense,,\n95555,bank,,,7d\n';
    const preview = await rules.previewImport({ list: 'blocked', content: csv, fileName: 'list.csv' });
    expect(preview).toMatchObject({ format: 'csv', added: 1, duplicates: 1, invalidCount: 3, patterns: 0 });
    expect(preview.invalid.map((i) => [i.line, i.value])).toEqual([
      [3, '+86170*'],
      [4, 'foo'],
      [5, '17100000000'],
    ]);
    // A CSV phone column holds exact numbers: a pattern needs a kind column saying so.
    expect(preview.invalid[0]?.reason.en).toMatch(/imported as an exact number only/);
    expect(preview.invalid[2]?.reason.en).toMatch(/Unknown category "nonsense"/);
    await expect(rules.commitImport(preview.token)).rejects.toThrow(/Nothing was imported: 3 line\(s\) are invalid \(first: line 3/);
    expect(rules.list({ list: 'blocked' }).total).toBe(1);

    const good = await rules.previewImport({ list: 'blocked', content: '+86170*\n# comment\n\n95555 # bank\n13900001111\n' });
    expect(good).toMatchObject({ format: 'text', added: 2, duplicates: 1, invalid: [] });
    expect(await rules.commitImport(good.token)).toEqual({ imported: 2, skipped: 0 });
    await expect(rules.commitImport(good.token)).rejects.toThrow(/unknown or has expired/);
    expect(rules.list({ list: 'blocked' }).total).toBe(3);
    db.close();
  });

  it('imports vCard contacts, including Android quoted-printable Chinese names, into the trusted list', async () => {
    const { rules, screening, db } = open();
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0;=E4=B8=89;;;',
      'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=E5=BC=A0=E4=B8=89',
      'TEL;CELL:138-0013-8000',
      'TEL;HOME:010 1234 5678',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Dr. Li',
      'TEL;TYPE=work:+86 21 1234 5678',
      'END:VCARD',
    ].join('\r\n');
    const preview = await rules.previewImport({ list: 'trusted', content: vcf, fileName: 'contacts.vcf' });
    expect(preview).toMatchObject({ format: 'vcard', added: 3, invalid: [] });
    expect(preview.sample).toContainEqual({ value: '+8613800138000', label: '张三', kind: 'number' });
    await rules.commitImport(preview.token);
    expect(screening.decide(caller('13800138000'), { lineId: 'l' })).toMatchObject({ reason: 'trusted', ruleLabel: '张三' });
    expect(rules.export({ list: 'trusted', format: 'vcard' }).content).toContain('FN:张三\r\nTEL;TYPE=VOICE:+8613800138000');
    db.close();
  });

  it('reads and writes NCID blacklists', async () => {
    const { rules, db } = open();
    const ncid = '# ncidd.blacklist\n"4075551212" # telemarketer\n^400 # 400 numbers\n"SPAM LIKELY"\n';
    const preview = await rules.previewImport({ list: 'blocked', content: ncid, fileName: 'ncidd.blacklist' });
    expect(preview).toMatchObject({ format: 'ncid', added: 3, invalid: [] });
    await rules.commitImport(preview.token);
    const out = rules.export({ list: 'blocked', format: 'ncid' });
    expect(out.fileName).toBe('ncidd.blacklist');
    expect(out.content).toContain('^400 # 400 numbers');
    expect(out.content).toContain('"SPAM LIKELY"');
    db.close();
  });

  it('exports CSV that imports back as the same rules', async () => {
    const first = open();
    first.rules.add({ list: 'blocked', value: '+86170*', label: 'virtual, operators', category: 'harassment' });
    first.rules.add({ list: 'blocked', value: '^95\\d{3}$', kind: 'regex' });
    first.rules.add({ list: 'blocked', value: 'withheld', action: 'answer-hangup' });
    first.rules.add({ list: 'blocked', value: '13900001111', expiresAt: '2025-01-13T14:00:00.000Z' });
    const csv = first.rules.export({ list: 'blocked', format: 'csv' }).content;
    const second = open();
    const preview = await second.rules.previewImport({ list: 'blocked', content: csv, fileName: 'x.csv' });
    expect(preview.invalid).toEqual([]);
    await second.rules.commitImport(preview.token);
    const strip = (r: { kind: string; value: string; label: string; action: string; category: string | null; expiresAt: string | null }) => ({
      kind: r.kind,
      value: r.value,
      label: r.label,
      action: r.action,
      category: r.category,
      expiresAt: r.expiresAt,
    });
    const sorted = (l: ReturnType<typeof strip>[]) => l.sort((a, b) => a.value.localeCompare(b.value));
    expect(sorted(second.rules.list({ list: 'blocked' }).rules.map(strip))).toEqual(sorted(first.rules.list({ list: 'blocked' }).rules.map(strip)));
    first.db.close();
    second.db.close();
  });

  it('lets a rule added by another process take effect for the next call', async () => {
    const path = tempDbPath();
    const service = open(path);
    expect(service.screening.decide(caller('13900001111'), { lineId: 'l' }).reason).toBe('default');
    const cliDb = openDatabase(path);
    const cli = openRuleStore(cliDb, { homeCountry: () => 'CN' });
    cli.add({ list: 'blocked', value: '139 0000 1111', label: 'from the CLI' });
    cli.add({ list: 'blocked', value: '+86170*' });
    const changed: RuleList[] = [];
    service.rules.onChange((l) => changed.push(l));
    service.screening.refresh();
    expect(changed).toContain('blocked');
    expect(service.screening.decide(caller('13900001111'), { lineId: 'l' })).toMatchObject({ reason: 'explicit-block', ruleLabel: 'from the CLI' });
    expect(service.screening.decide(caller('17012345678'), { lineId: 'l' }).reason).toBe('blocked-prefix');
    cli.removeByValue('blocked', '13900001111');
    service.screening.refresh();
    expect(service.screening.decide(caller('13900001111'), { lineId: 'l' }).reason).toBe('default');
    cliDb.close();
    service.db.close();
  });

  it('reloads the whole list after another process imports in bulk', async () => {
    const path = tempDbPath();
    const service = open(path);
    const cliDb = openDatabase(path);
    const cli = openRuleStore(cliDb, { homeCountry: () => 'CN' });
    const lines = Array.from({ length: 1500 }, (_, i) => `+86139${String(i).padStart(8, '0')}`).join('\n');
    await cli.commitImport((await cli.previewImport({ list: 'blocked', content: lines })).token);
    service.screening.refresh();
    expect(service.screening.decide(caller('13900001499'), { lineId: 'l' }).reason).toBe('explicit-block');
    cliDb.close();
    service.db.close();
  });

  it('lets expiring entries disappear by themselves and counts hits', async () => {
    let t = new Date(2025, 0, 6, 14, 0).getTime();
    const { rules, screening, db } = open(tempDbPath(), () => new Date(t));
    const r = rules.add({ list: 'blocked', value: '13900001111', expiresAt: '24h' });
    const d = screening.decide(caller('13900001111'), { lineId: 'l' });
    expect(d.reason).toBe('explicit-block');
    screening.observe({
      lineId: 'l',
      startedAt: new Date(t),
      endedAt: new Date(t + 1000),
      callerId: caller('13900001111'),
      decision: d,
      outcome: 'rejected',
      rings: 0,
      oneRing: false,
    });
    expect(rules.list({ list: 'blocked' }).rules[0]).toMatchObject({ id: r.id, hitCount: 1 });
    t += 24 * 3_600_000;
    screening.tick();
    expect(rules.list({ list: 'blocked' }).total).toBe(0);
    expect(screening.decide(caller('13900001111'), { lineId: 'l' }).reason).toBe('default');
    db.close();
  });
});
