import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Reason } from '../../../shared/domain.ts';
import { decide } from '../../../main/screening/decide.ts';
import { RecentCalls } from '../../../main/screening/recent.ts';
import { engage, idleShield } from '../../../main/screening/shield.ts';
import { caller, cause, context, rule, settingsWith } from './helpers.ts';

const now = new Date(2025, 0, 6, 14, 0); // a Monday afternoon, local time
const at = now.getTime();
const mobile = fc.tuple(fc.constantFrom('130', '138', '150', '177', '186', '199'), fc.stringMatching(/^\d{8}$/)).map(([a, b]) => `${a}${b}`);

describe('decision precedence', () => {
  it('takes the highest applicable level for any generated caller and rule set', () => {
    const flags = fc.record({
      explicit: fc.boolean(),
      trusted: fc.boolean(),
      trustedKind: fc.constantFrom('number', 'prefix', 'wildcard'),
      redial: fc.boolean(),
      shield: fc.boolean(),
      quiet: fc.boolean(),
      pattern: fc.boolean(),
      patternKind: fc.constantFrom('prefix', 'wildcard', 'regex'),
      rateLimited: fc.boolean(),
      form: fc.constantFrom('national', 'plus', 'idd'),
    });
    fc.assert(
      fc.property(mobile, flags, (nsn, f) => {
        const rules = [];
        if (f.explicit) rules.push(rule('blocked', `+86${nsn}`));
        if (f.trusted)
          rules.push(
            rule('trusted', f.trustedKind === 'number' ? nsn : f.trustedKind === 'prefix' ? `${nsn.slice(0, 7)}*` : `${nsn.slice(0, 3)}????${nsn.slice(7)}`),
          );
        if (f.pattern) {
          const value =
            f.patternKind === 'prefix'
              ? `+86${nsn.slice(0, 5)}*`
              : f.patternKind === 'wildcard'
                ? `+86${nsn.slice(0, 3)}*${nsn.slice(-2)}`
                : `^\\+86${nsn.slice(0, 4)}\\d+$`;
          rules.push(rule('blocked', value, f.patternKind === 'regex' ? { kind: 'regex' } : {}));
        }
        const settings = settingsWith((s) => {
          s.screening.quietHours = { enabled: f.quiet, schedule: { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '00:00' } };
          s.screening.rateLimit = { enabled: true, perDay: 3 };
        });
        const recent = new RecentCalls();
        const e164 = `+86${nsn}`;
        if (f.rateLimited) for (let i = 0; i < 3; i++) recent.addUntrusted(at - (5 + i) * 3_600_000, e164, false);
        if (f.redial) recent.ended(e164, at - 60_000);
        const shield = f.shield ? engage(idleShield(), cause('manual'), at - 600_000, 1) : idleShield();
        const raw = f.form === 'national' ? nsn : f.form === 'plus' ? e164 : `0086${nsn}`;
        const d = decide(caller(raw), context({ rules, settings, recent, shield, now }));

        const patternReason: Record<string, Reason> = { prefix: 'blocked-prefix', wildcard: 'blocked-pattern', regex: 'blocked-regex' };
        let expected: Reason = 'default';
        if (f.explicit) expected = 'explicit-block';
        else if (f.trusted) expected = 'trusted';
        // By default a redial breaks through quiet hours but never the shield (bots redial too).
        else if (f.quiet && !f.shield && f.redial && !f.pattern && !f.rateLimited) expected = 'breakthrough';
        // The most specific rule names the decision, shield or not.
        else if (f.pattern) expected = patternReason[f.patternKind] as Reason;
        else if (f.rateLimited) expected = 'rate-limit';
        else if (f.shield) expected = 'shield';
        else if (f.quiet) expected = 'schedule';
        expect(d.reason).toBe(expected);
        expect(d.action).toBe(['trusted', 'breakthrough', 'default'].includes(expected) ? 'allow' : 'reject');
        expect(d.text.en.length).toBeGreaterThan(0);
        expect(d.text.zh.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });
});

describe('decisions', () => {
  it('explains a prefix block in one sentence in both languages', () => {
    const d = decide(caller('17012345678'), context({ rules: [rule('blocked', '+86170*', { label: 'virtual operators' })] }));
    expect(d).toMatchObject({ action: 'reject', reason: 'blocked-prefix', ruleLabel: 'virtual operators' });
    expect(d.text).toEqual({ en: "Blocked: matched prefix +86 170 (list 'virtual operators')", zh: '已拦截：匹配号段 +86 170（名单“virtual operators”）' });
  });

  it('lets a trusted caller through unless that exact number is blocked', () => {
    const trusted = rule('trusted', '13800138000', { label: 'Mum' });
    expect(decide(caller('+8613800138000'), context({ rules: [trusted, rule('blocked', '+86138*')] })).reason).toBe('trusted');
    expect(decide(caller('+8613800138000'), context({ rules: [trusted, rule('blocked', '13800138000')] })).reason).toBe('explicit-block');
  });

  it('rejects a withheld caller while the shield is on', () => {
    const d = decide(caller(null, 'withheld'), context({ shield: engage(idleShield(), cause('withheld'), at - 120_000, 7) }));
    expect(d).toMatchObject({ action: 'reject', reason: 'shield' });
    expect(d.text.en).toBe('Blocked: Shield on since 13:58: 1 call without a number in 2 min; only trusted callers ring through');
    const e = decide(caller('13900001111'), context({ shield: engage(idleShield(), cause('calls'), at - 60_000, 7) }));
    expect(e.text.en).toBe('Blocked: Shield on since 13:59: 1 call from 1 number in 1 min; only trusted callers ring through');
    expect(e.text.zh).toBe('已拦截：防护已于 13:59 开启：1 分钟内 1 个号码来电 1 次；仅信任的来电可接通');
  });

  it('names the block-list rule, not the shield, when both would stop the call', () => {
    const prefix = rule('blocked', '400*', { label: 'imported' });
    const shield = engage(idleShield(), cause('calls'), at - 60_000, 1);
    const d = decide(caller('4001234567'), context({ rules: [prefix], shield }));
    expect(d).toMatchObject({ action: 'reject', reason: 'blocked-prefix', ruleId: prefix.id, ruleLabel: 'imported' });
    expect(d.text.en).toBe("Blocked: matched prefix 400 (list 'imported')");
    // Quiet hours the same way: the rule is what stopped it.
    const quiet = settingsWith((s) => (s.screening.quietHours = { enabled: true, schedule: { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '00:00' } }));
    expect(decide(caller('4001234567'), context({ rules: [prefix], settings: quiet })).reason).toBe('blocked-prefix');
  });

  it('lets the shield decide when it is stricter than a rule that only silences', () => {
    const silent = rule('blocked', '400*', { action: 'silent' });
    const shield = engage(idleShield(), cause('calls'), at - 60_000, 1);
    expect(decide(caller('4001234567'), context({ rules: [silent], shield }))).toMatchObject({ action: 'reject', reason: 'shield', ruleId: null });
    expect(decide(caller('4001234567'), context({ rules: [silent] }))).toMatchObject({ action: 'silent', reason: 'blocked-prefix', ruleId: silent.id });
  });

  it('applies presentation rules with their own action', () => {
    const rules = [rule('blocked', 'withheld', { action: 'answer-hangup' }), rule('blocked', 'none', { action: 'silent' })];
    expect(decide(caller(null, 'withheld'), context({ rules }))).toMatchObject({ action: 'answer-hangup', reason: 'presentation' });
    expect(decide(caller(null, 'none'), context({ rules }))).toMatchObject({ action: 'silent', reason: 'presentation' });
    expect(decide(caller(null, 'unavailable'), context({ rules })).reason).toBe('default');
  });

  it('matches landline caller names case-insensitively', () => {
    const d = decide(caller('+861012345678', 'allowed', 'LOAN OFFERS Ltd'), context({ rules: [rule('blocked', 'loan offers', { kind: 'name' })] }));
    expect(d.reason).toBe('blocked-name');
  });

  it('blocks numbers that cannot exist only when asked to', () => {
    const on = settingsWith((s) => (s.screening.blockInvalidNumbers = true));
    expect(decide(caller('+8612012345678'), context({ settings: on })).reason).toBe('invalid-number');
    expect(decide(caller('+8612012345678'), context({ settings: on })).text.en).toMatch(/cannot exist in China/);
    expect(decide(caller('+8613800138000'), context({ settings: on })).reason).toBe('default');
    expect(decide(caller('+8612012345678'), context()).reason).toBe('default');
  });

  it('ignores an entry after its expiry and outside its schedule', () => {
    const expired = rule('blocked', '13900001111', { expiresAtMs: at - 1 });
    expect(decide(caller('13900001111'), context({ rules: [expired] })).reason).toBe('default');
    const weekends = rule('blocked', '+86139*', { schedule: { days: [0, 6], start: '00:00', end: '00:00' } });
    expect(decide(caller('13900001111'), context({ rules: [weekends] })).reason).toBe('default');
    expect(decide(caller('13900001111'), context({ rules: [weekends], now: new Date(2025, 0, 11, 9, 0) })).reason).toBe('blocked-prefix');
  });

  it('keeps quiet hours across midnight for untrusted callers only', () => {
    const settings = settingsWith((s) => (s.screening.quietHours.enabled = true)); // 22:00–07:00 every day
    const trusted = rule('trusted', '13800138000');
    expect(decide(caller('13900001111'), context({ settings, now: new Date(2025, 0, 6, 23, 30) })).reason).toBe('schedule');
    expect(decide(caller('13900001111'), context({ settings, now: new Date(2025, 0, 7, 6, 59) })).reason).toBe('schedule');
    expect(decide(caller('13900001111'), context({ settings, now: new Date(2025, 0, 7, 7, 0) })).reason).toBe('default');
    expect(decide(caller('13800138000'), context({ settings, rules: [trusted], now: new Date(2025, 0, 6, 23, 30) })).reason).toBe('trusted');
  });

  it('applies the unknown-callers rule only inside its schedule', () => {
    const settings = settingsWith(
      (s) => (s.screening.unknownCallers = { enabled: true, action: 'silent', schedule: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } }),
    );
    expect(decide(caller('13900001111'), context({ settings }))).toMatchObject({ action: 'silent', reason: 'unknown-caller' });
    expect(decide(caller('13900001111'), context({ settings, now: new Date(2025, 0, 6, 18, 0) })).reason).toBe('default');
  });
});

describe('repeated-call breakthrough', () => {
  const quiet = settingsWith((s) => (s.screening.quietHours = { enabled: true, schedule: { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '00:00' } }));
  const redial = (secondsAfterEnd: number, setup?: (r: RecentCalls) => void, settings = quiet) => {
    const recent = new RecentCalls();
    recent.ended('+8613900001111', at - secondsAfterEnd * 1000);
    setup?.(recent);
    return decide(caller('13900001111'), context({ settings, recent })).reason;
  };

  it('lets a human redial within three minutes ring through quiet hours', () => {
    expect(redial(60)).toBe('breakthrough');
    expect(redial(179)).toBe('breakthrough');
  });

  it('does not let a bot that redials instantly through', () => {
    expect(redial(2)).toBe('schedule');
    expect(redial(19)).toBe('schedule');
  });

  it('does not apply after the window', () => {
    expect(redial(181)).toBe('schedule');
  });

  it('breaks through at most once an hour per number', () => {
    expect(redial(60, (r) => r.brokeThrough('+8613900001111', at - 30 * 60_000))).toBe('schedule');
    expect(redial(60, (r) => r.brokeThrough('+8613900001111', at - 61 * 60_000))).toBe('breakthrough');
  });

  it('does not pierce the shield unless the user turned that on', () => {
    const recent = new RecentCalls();
    recent.ended('+8613900001111', at - 60_000);
    const shield = engage(idleShield(), cause('calls'), at - 60_000, 1);
    expect(decide(caller('13900001111'), context({ recent, shield })).reason).toBe('shield');
    const duringFlood = settingsWith((s) => (s.screening.breakthrough.duringFlood = true));
    expect(decide(caller('13900001111'), context({ settings: duringFlood, recent, shield })).reason).toBe('breakthrough');
  });

  it('never lets a blocked prefix through', () => {
    const recent = new RecentCalls();
    recent.ended('+8613900001111', at - 60_000);
    expect(decide(caller('13900001111'), context({ settings: quiet, recent, rules: [rule('blocked', '+86139*')] })).reason).toBe('blocked-prefix');
  });
});

describe('rate limit and one-ring callers', () => {
  it('blocks the same number after K calls in a day, for a day', () => {
    const recent = new RecentCalls();
    for (let i = 0; i < 10; i++) recent.addUntrusted(at - (i + 1) * 3_600_000, '+8613900001111', false);
    const d = decide(caller('13900001111'), context({ recent }));
    expect(d).toMatchObject({ action: 'reject', reason: 'rate-limit' });
    expect(d.text.en).toMatch(/called 11 times in a day \(limit 10\)/);
    const nine = new RecentCalls();
    for (let i = 0; i < 9; i++) nine.addUntrusted(at - (i + 1) * 3_600_000, '+8613900001111', false);
    expect(decide(caller('13900001111'), context({ recent: nine })).reason).toBe('default');
  });

  it('blocks flagged one-ring callers only when that is on', () => {
    const on = settingsWith((s) => (s.screening.oneRing.block = true));
    expect(decide(caller('13900001111'), context({ settings: on, oneRing: ['+8613900001111'] })).reason).toBe('one-ring');
    expect(decide(caller('13900001111'), context({ oneRing: ['+8613900001111'] })).reason).toBe('default');
  });
});
