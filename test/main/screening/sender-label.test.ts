// SMS senders labelled by the same lists as callers, without touching the call counts or the shield.
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings.ts';
import { openScreening } from '../../../main/screening/index.ts';
import { openDatabase } from '../../../main/store/database.ts';
import { tempDbPath } from './helpers.ts';

describe('SMS sender labels', () => {
  it('says trusted, blocked (exact or pattern) or unknown, and an explicit block beats trust', () => {
    const screening = openScreening(openDatabase(tempDbPath()), { settings: () => defaultSettings() });
    const mum = screening.rules.add({ list: 'trusted', value: '13800138000', label: 'Mum' });
    screening.rules.add({ list: 'blocked', value: '+86170*', label: 'virtual operators' });
    screening.rules.add({ list: 'blocked', value: '13900000000' });
    screening.rules.add({ list: 'trusted', value: '13900000000' });
    screening.rules.add({ list: 'blocked', value: 'LOAN', kind: 'name' });
    expect(screening.labelSender('+8613800138000')).toEqual({ label: 'trusted', ruleId: mum.id, ruleLabel: 'Mum' });
    expect(screening.labelSender('17012345678')).toMatchObject({ label: 'blocked', ruleLabel: 'virtual operators' });
    expect(screening.labelSender('13900000000').label).toBe('blocked');
    expect(screening.labelSender('FastLoan')).toMatchObject({ label: 'blocked' });
    expect(screening.labelSender('10690000')).toEqual({ label: 'unknown', ruleId: null, ruleLabel: null });
    // Labelling is not screening: a thousand senders do not raise the shield.
    for (let i = 0; i < 1000; i++) screening.labelSender(`+8617${String(i).padStart(9, '0')}`);
    expect(screening.shield().active).toBe(false);
    screening.close();
  });
});
