import { describe, expect, it } from 'vitest';
import { decide } from '../../../main/screening/decide.ts';
import { decisionWhateverName } from '../../../main/screening/final.ts';
import { RecentCalls } from '../../../main/screening/recent.ts';
import { engage, idleShield } from '../../../main/screening/shield.ts';
import { caller, cause, context, rule, settingsWith } from './helpers.ts';

const now = new Date(2025, 0, 6, 14, 0);
const at = now.getTime();
const shieldOn = () => engage(idleShield(), cause('manual'), at - 600_000, 1);

describe('a decision the name cannot change (decide at NMBR)', () => {
  it('is final for a blocked number, a withheld caller under a presentation rule and a trusted number when no rule looks at names', () => {
    const rules = [rule('blocked', '+8613800138000'), rule('blocked', 'withheld', { kind: 'presentation' }), rule('trusted', '+8613900139000')];
    expect(decisionWhateverName(caller('13800138000'), context({ rules, now }))).toMatchObject({ action: 'reject', reason: 'explicit-block' });
    expect(decisionWhateverName(caller(null, 'withheld'), context({ rules, now }))).toMatchObject({ action: 'reject', reason: 'presentation' });
    expect(decisionWhateverName(caller('13900139000'), context({ rules, now }))).toMatchObject({ action: 'allow', reason: 'trusted' });
    expect(decisionWhateverName(caller('13700137000'), context({ rules, now }))).toMatchObject({ action: 'allow', reason: 'default' });
  });

  it('waits for the name when a trusted name rule could let the caller through', () => {
    const rules = [rule('blocked', '+86170*'), rule('trusted', 'Mum', { kind: 'name' })];
    expect(decisionWhateverName(caller('17012345678'), context({ rules, now }))).toBeNull();
    // …except for an explicitly blocked number, which outranks every trusted rule.
    expect(decisionWhateverName(caller('17012345678'), context({ rules: [...rules, rule('blocked', '+8617012345678')], now }))).toMatchObject({
      reason: 'explicit-block',
    });
  });

  it('with a blocked name rule, is final only where number rules outrank names or the shield holds everyone back', () => {
    const rules = [rule('blocked', '+86170*'), rule('blocked', 'LOAN', { kind: 'name' })];
    expect(decisionWhateverName(caller('17012345678'), context({ rules, now }))).toMatchObject({ reason: 'blocked-prefix' });
    expect(decisionWhateverName(caller('13700137000'), context({ rules, now }))).toBeNull();
    expect(decisionWhateverName(caller('13700137000'), context({ rules, now, shield: shieldOn() }))).toMatchObject({ reason: 'shield' });
  });

  it('waits for the name when a name could deny a breakthrough', () => {
    const settings = settingsWith((s) => {
      s.screening.breakthrough = { ...s.screening.breakthrough, enabled: true, duringFlood: true };
    });
    const recent = new RecentCalls();
    recent.ended('+8613700137000', at - 3 * 60_000);
    const ctx = (rules: ReturnType<typeof rule>[]) => context({ rules, now, settings, recent, shield: shieldOn() });
    expect(decide(caller('13700137000'), ctx([]))).toMatchObject({ reason: 'breakthrough' });
    expect(decisionWhateverName(caller('13700137000'), ctx([]))).toMatchObject({ reason: 'breakthrough' });
    expect(decisionWhateverName(caller('13700137000'), ctx([rule('blocked', 'LOAN', { kind: 'name' })]))).toBeNull();
  });

  it('agrees with decide() for the name that did not come', () => {
    const rules = [rule('blocked', '+86170*'), rule('blocked', '+8613800138000')];
    for (const n of ['17012345678', '13800138000', '13700137000']) {
      const ctx = context({ rules, now });
      expect(decisionWhateverName(caller(n), ctx)).toEqual(decide(caller(n), ctx));
    }
  });
});
