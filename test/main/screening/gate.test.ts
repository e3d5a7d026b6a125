// The pass gate in the screening core: who is gated, who holds a pass, and what the record says after.
import { describe, expect, it } from 'vitest';
import type { GateReport } from '../../../shared/domain.ts';
import { defaultSettings } from '../../../shared/settings.ts';
import { decide } from '../../../main/screening/decide.ts';
import { afterGate, openScreening } from '../../../main/screening/index.ts';
import type { Screening } from '../../../main/screening/index.ts';
import { RecentCalls } from '../../../main/screening/recent.ts';
import { engage } from '../../../main/screening/shield.ts';
import { idleShield } from '../../../main/screening/shield.ts';
import { openDatabase } from '../../../main/store/database.ts';
import { caller, cause, context, rule, settingsWith, tempDbPath } from './helpers.ts';

const now = new Date(2025, 0, 6, 14, 0);
const shieldOn = () => engage(idleShield(), cause('calls'), now.getTime() - 60_000, 1);

describe('who the gate answers', () => {
  it('answers an unknown caller the shield would reject, where the line can gate (default: during the shield)', () => {
    const d = decide(caller('13912345678'), { ...context({ shield: shieldOn() }), canGate: true });
    expect(d).toMatchObject({ action: 'answer-hangup', reason: 'gate' });
    expect(d.text.en).toMatch(/^Pass gate: Shield on since 13:59/);
    expect(d.text.zh).toMatch(/^按键验证：防护已于 13:59 开启/);
  });

  it('falls back to the shield on a line that cannot gate, and when the gate is off', () => {
    expect(decide(caller('13912345678'), { ...context({ shield: shieldOn() }), canGate: false }).reason).toBe('shield');
    const off = settingsWith((s) => (s.screening.gate.mode = 'off'));
    expect(decide(caller('13912345678'), { ...context({ shield: shieldOn(), settings: off }), canGate: true }).reason).toBe('shield');
  });

  it('never gates a trusted caller or a caller a block rule stops, shield or not', () => {
    const rules = [rule('trusted', '13800138000'), rule('blocked', '170', { kind: 'prefix' })];
    const always = settingsWith((s) => (s.screening.gate.mode = 'always'));
    for (const settings of [defaultSettings(), always]) {
      const ctx = { ...context({ rules, shield: shieldOn(), settings }), canGate: true };
      expect(decide(caller('13800138000'), ctx).reason).toBe('trusted');
      expect(decide(caller('17012345678'), ctx).reason).toBe('blocked-prefix');
    }
  });

  it('without the shield rings unknown callers through, unless the gate is set to always', () => {
    expect(decide(caller('13912345678'), { ...context(), canGate: true }).reason).toBe('default');
    const always = settingsWith((s) => (s.screening.gate.mode = 'always'));
    expect(decide(caller('13912345678'), { ...context({ settings: always }), canGate: true })).toMatchObject({ reason: 'gate', action: 'answer-hangup' });
    // Quiet hours stay quiet: the gate does not open them.
    const quiet = settingsWith((s) => {
      s.screening.gate.mode = 'always';
      s.screening.quietHours = { enabled: true, schedule: { days: [0, 1, 2, 3, 4, 5, 6], start: '13:00', end: '15:00' } };
    });
    expect(decide(caller('13912345678'), { ...context({ settings: quiet }), canGate: true }).reason).toBe('schedule');
  });

  it('gates a withheld caller too (the gate tells it to show its number)', () => {
    expect(decide(caller(null, 'withheld'), { ...context({ shield: shieldOn() }), canGate: true }).reason).toBe('gate');
  });
});

describe('passes', () => {
  it('a number holding a pass rings through despite the shield until the pass runs out', () => {
    const recent = new RecentCalls();
    recent.passed('+8613912345678', now.getTime() + 60_000);
    const ctx = { ...context({ shield: shieldOn(), recent }), canGate: true };
    const d = decide(caller('13912345678'), ctx);
    expect(d).toMatchObject({ action: 'allow', reason: 'gate-pass' });
    expect(d.text.en).toMatch(/until 14:01/);
    const later = { ...context({ shield: shieldOn(), recent, now: new Date(now.getTime() + 61_000) }), canGate: true };
    expect(decide(caller('13912345678'), later).reason).toBe('gate');
  });

  it('a pass does not open a block rule', () => {
    const recent = new RecentCalls();
    recent.passed('+8617012345678', now.getTime() + 60_000);
    const ctx = { ...context({ rules: [rule('blocked', '170', { kind: 'prefix' })], recent }), canGate: true };
    expect(decide(caller('17012345678'), ctx).reason).toBe('blocked-prefix');
  });
});

describe('after the gate', () => {
  const gated = decide(caller('13912345678'), { ...context({ shield: shieldOn() }), canGate: true });
  const report = (over: Partial<GateReport>): GateReport => ({
    method: 'simcom-tts',
    result: 'failed',
    asked: '7',
    pressed: null,
    heldMs: 9000,
    waitSeconds: 8,
    detail: null,
    ...over,
  });
  const end = new Date(2025, 0, 6, 14, 0, 30);

  it('says in each outcome what the caller did, in both languages', () => {
    const passed = afterGate(gated, report({ result: 'passed', pressed: '7' }), end, 3);
    expect(passed.outcome).toBe('gate-passed');
    expect(passed.decision.text).toEqual({
      en: 'Answered the gate: pressed 7 as asked; a call again before 14:03 rings through',
      zh: '通过验证：按了要求的 7，14:03 前再次来电可接通',
    });
    expect(afterGate(gated, report({ pressed: '3' }), end, 3)).toMatchObject({
      outcome: 'gate-failed',
      decision: { text: { en: 'Failed the gate: asked for 7, pressed 3; hung up' } },
    });
    expect(afterGate(gated, report({}), end, 3).decision.text.zh).toBe('未通过验证：要求按 7，8 秒内未按键，已挂断');
    expect(afterGate(gated, report({ result: 'hung-up' }), end, 3).outcome).toBe('gate-failed');
    expect(afterGate(gated, report({ result: 'withheld', asked: null }), end, 3).outcome).toBe('gate-withheld');
  });

  it('records a gate the modem could not run as a rejected call that says why', () => {
    const r = afterGate(gated, report({ result: 'error', detail: 'AT+CTTS: ERROR' }), end, 3);
    expect(r).toMatchObject({ outcome: 'rejected', decision: { action: 'reject', reason: 'gate' } });
    expect(r.decision.text.en).toMatch(/could not run \(AT\+CTTS: ERROR\)/);
  });
});

describe('the engine', () => {
  function ring(s: Screening, clock: { t: number }, number: string, outcome?: 'gate-passed' | 'gate-failed') {
    const who = caller(number);
    const startedAt = new Date(clock.t);
    const decision = s.decide(who, { lineId: 'l1', canGate: true });
    clock.t += 10_000;
    const out = outcome ?? (decision.action === 'allow' ? 'rang-through' : 'rejected');
    s.observe({ lineId: 'l1', startedAt, endedAt: new Date(clock.t), callerId: who, decision, outcome: out, rings: 1, oneRing: false });
    return decision;
  }

  it('gives a pass to a number that answered the gate, keeps none for one that failed, and a restart keeps the pass', () => {
    const path = tempDbPath();
    const clock = { t: now.getTime() };
    const open = () => openScreening(openDatabase(path), { settings: () => defaultSettings(), now: () => new Date(clock.t) });
    const s = open();
    s.setShield(true);
    expect(ring(s, clock, '13912345678', 'gate-passed').reason).toBe('gate');
    expect(ring(s, clock, '13700000000', 'gate-failed').reason).toBe('gate');
    clock.t += 60_000;
    expect(ring(s, clock, '13912345678').reason).toBe('gate-pass');
    expect(ring(s, clock, '13700000000').reason).toBe('gate');
    // A fresh engine learns passes from the replayed history (warm-up), as after a restart.
    const again = open();
    again.warmUp([
      {
        id: 1,
        lineId: 'l1',
        startedAt: new Date(now.getTime()).toISOString(),
        number: '13912345678',
        presentation: 'allowed',
        name: null,
        decision: { action: 'answer-hangup', reason: 'gate', ruleId: null, ruleLabel: null, text: { en: '', zh: '' } },
        outcome: 'gate-passed',
        rings: 1,
        timings: { firstRing: 0, callerId: 0, decision: 0, hangupSent: 9000, hangupConfirmed: 9100, end: 10_000 },
      } as never,
    ]);
    expect(again.decide(caller('13912345678'), { lineId: 'l2', canGate: true }).reason).toBe('gate-pass');
    clock.t += 3 * 60_000;
    expect(again.decide(caller('13912345678'), { lineId: 'l2', canGate: true }).reason).toBe('gate');
  });
});
