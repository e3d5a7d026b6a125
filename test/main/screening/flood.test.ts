// A scripted call-bombing flood against the real engine on a real SQLite file: rotating numbers, withheld
// bursts, trusted family calls in between, then quiet, a restart and the evidence.
import { describe, expect, it } from 'vitest';
import type { CallerId, ShieldState } from '../../../shared/domain.ts';
import { defaultSettings } from '../../../shared/settings.ts';
import { openScreening } from '../../../main/screening/index.ts';
import type { Screening } from '../../../main/screening/index.ts';
import { openDatabase } from '../../../main/store/database.ts';
import { caller, tempDbPath } from './helpers.ts';

function engine(path: string, clock: { t: number }) {
  const db = openDatabase(path);
  const screening = openScreening(db, { settings: () => defaultSettings(), now: () => new Date(clock.t) });
  return { db, screening };
}

/** One call: decide, then observe it ending `seconds` later. */
function ring(s: Screening, clock: { t: number }, who: CallerId, seconds = 5) {
  const startedAt = new Date(clock.t);
  const decision = s.decide(who, { lineId: 'sim-1' });
  clock.t += seconds * 1000;
  s.observe({
    lineId: 'sim-1',
    startedAt,
    endedAt: new Date(clock.t),
    callerId: who,
    decision,
    outcome: decision.action === 'allow' ? 'rang-through' : 'rejected',
    rings: 1,
    oneRing: false,
  });
  return decision;
}

const rotating = (i: number) => `+86170${String(10_000_000 + i * 7919).slice(-8)}`;

describe('flood shield', () => {
  it('engages at the threshold, rejects every later untrusted call, lets family through and records the incident', () => {
    const path = tempDbPath();
    const clock = { t: new Date(2025, 0, 6, 14, 0).getTime() };
    const { db, screening } = engine(path, clock);
    screening.rules.add({ list: 'trusted', value: '13800138000', label: 'Mum' });
    const changes: ShieldState[] = [];
    screening.onShieldChange((s) => changes.push(s));

    // Four rotating numbers in four minutes: under the 5-in-10-minutes threshold, they ring through.
    for (let i = 0; i < 4; i++) {
      expect(ring(screening, clock, caller(rotating(i))).reason).toBe('default');
      clock.t += 55_000;
    }
    expect(screening.shield().active).toBe(false);
    // The fifth crosses the threshold and is itself rejected — without a write while the caller waits.
    const writes = () => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const before = writes();
    const fifth = screening.decide(caller(rotating(4)), { lineId: 'sim-1' });
    expect(writes()).toBe(before);
    screening.observe({
      lineId: 'sim-1',
      startedAt: new Date(clock.t),
      endedAt: new Date(clock.t + 5000),
      callerId: caller(rotating(4)),
      decision: fifth,
      outcome: 'rejected',
      rings: 0,
      oneRing: false,
    });
    clock.t += 5000;
    expect(fifth).toMatchObject({ action: 'reject', reason: 'shield' });
    expect(writes()).toBeGreaterThan(before);
    expect(screening.shield()).toMatchObject({ active: true, trigger: 'calls' });
    expect(changes[0]).toMatchObject({ active: true, trigger: 'calls' });

    // The flood: 200 calls from rotating numbers with withheld bursts, family calling in the middle.
    let rejected = 1;
    for (let i = 5; i < 205; i++) {
      clock.t += 7_000;
      const who = i % 10 < 3 ? caller(null, 'withheld') : caller(rotating(i));
      expect(ring(screening, clock, who).action).toBe('reject');
      rejected++;
      if (i % 50 === 0) expect(ring(screening, clock, caller('+86 138 0013 8000'), 60)).toMatchObject({ action: 'allow', reason: 'trusted' });
    }
    const state = screening.shield();
    expect(state).toMatchObject({ active: true, callsBlocked: rejected });
    expect(state.text?.en).toMatch(/^Shield on since 14:0\d: 201 calls from 141 numbers in \d+ min$/);

    // Restart: the shield is still on, with its counters.
    screening.close();
    db.close();
    const again = engine(path, clock);
    expect(again.screening.shield()).toMatchObject({ active: true, trigger: 'calls', callsBlocked: rejected, distinctNumbers: 141 });
    clock.t += 1000;
    const lastRejected = clock.t;
    expect(ring(again.screening, clock, caller(rotating(999))).reason).toBe('shield');

    // An hour of quiet ends it; the incident is on record.
    clock.t += 59 * 60_000;
    again.screening.tick();
    expect(again.screening.shield().active).toBe(true);
    clock.t += 61_000;
    again.screening.tick();
    expect(again.screening.shield().active).toBe(false);
    const [incident, ...more] = again.screening.incidents();
    expect(more).toHaveLength(0);
    expect(incident).toMatchObject({ trigger: 'calls', callsRejected: rejected + 1, distinctNumbers: 142 });
    // It ended an hour after the last rejected call, which is when the quiet period ran out.
    expect(incident?.endedAt).toBe(new Date(lastRejected + 60 * 60_000).toISOString());
    expect(incident?.withheldShare).toBeCloseTo(60 / (rejected + 1), 5);
    expect(ring(again.screening, clock, caller(rotating(1000))).reason).toBe('default');
    again.screening.close();
    again.db.close();
  });

  it('engages on the third withheld call in ten minutes', () => {
    const clock = { t: new Date(2025, 0, 6, 9, 0).getTime() };
    const { db, screening } = engine(tempDbPath(), clock);
    expect(ring(screening, clock, caller(null, 'withheld')).action).toBe('allow');
    clock.t += 120_000;
    expect(ring(screening, clock, caller(null, 'withheld')).action).toBe('allow');
    clock.t += 120_000;
    expect(ring(screening, clock, caller(null, 'withheld'))).toMatchObject({ action: 'reject', reason: 'shield' });
    expect(screening.shield().trigger).toBe('withheld');
    expect(screening.incidents()[0]).toMatchObject({ trigger: 'withheld', callsRejected: 1, distinctNumbers: 0, withheldShare: 1 });
    db.close();
  });

  it('engages on the third call from one number in ten minutes', () => {
    const clock = { t: new Date(2025, 0, 6, 9, 0).getTime() };
    const { db, screening } = engine(tempDbPath(), clock);
    ring(screening, clock, caller('13900001111'), 1);
    clock.t += 1_000; // an instant redial: too fast to count as a person breaking through
    ring(screening, clock, caller('13900001111'), 1);
    clock.t += 1_000;
    expect(ring(screening, clock, caller('13900001111'))).toMatchObject({ reason: 'shield' });
    expect(screening.shield().trigger).toBe('same-number');
    db.close();
  });

  it('counts calls replayed from history so a restart mid-flood keeps its windows', () => {
    const clock = { t: new Date(2025, 0, 6, 9, 0).getTime() };
    const { db, screening } = engine(tempDbPath(), clock);
    const observed = (n: string, minutesAgo: number) => {
      const startedAt = new Date(clock.t - minutesAgo * 60_000);
      screening.observe({
        lineId: 'sim-1',
        startedAt,
        endedAt: new Date(startedAt.getTime() + 5000),
        callerId: caller(n),
        decision: { action: 'allow', reason: 'default', ruleId: null, ruleLabel: null, text: { en: '', zh: '' } },
        outcome: 'rang-through',
        rings: 2,
        oneRing: false,
      });
    };
    for (let i = 0; i < 4; i++) observed(rotating(i), 8 - i);
    expect(ring(screening, clock, caller(rotating(50))).reason).toBe('shield');
    db.close();
  });

  it('is turned on and off by hand, with an end time, and stays on across a restart', () => {
    const path = tempDbPath();
    const clock = { t: new Date(2025, 0, 6, 9, 0).getTime() };
    const first = engine(path, clock);
    const until = new Date(clock.t + 2 * 3_600_000).toISOString();
    expect(first.screening.setShield(true, until)).toMatchObject({ active: true, trigger: 'manual', until });
    first.db.close();
    const second = engine(path, clock);
    expect(second.screening.shield()).toMatchObject({ active: true, trigger: 'manual', until });
    clock.t += 2 * 3_600_000;
    second.screening.tick();
    expect(second.screening.shield().active).toBe(false);
    expect(second.screening.setShield(true).active).toBe(true);
    expect(second.screening.setShield(false).active).toBe(false);
    expect(second.screening.incidents()).toHaveLength(2);
    expect(() => second.screening.setShield(true, new Date(clock.t - 1000).toISOString())).toThrow(/not a future time/);
    second.db.close();
  });
});

describe('shield semantics a person can predict', () => {
  const start = () => {
    const clock = { t: new Date(2025, 0, 6, 9, 0).getTime() };
    return { clock, ...engine(tempDbPath(), clock) };
  };

  it('does not engage for calls the block list already stops', () => {
    const { clock, db, screening } = start();
    screening.rules.add({ list: 'blocked', value: '13900001111' });
    screening.rules.add({ list: 'blocked', value: '170*' });
    // The blocked number calls three times (the same-number threshold), the blocked prefix five times.
    for (let i = 0; i < 3; i++) {
      expect(ring(screening, clock, caller('13900001111'), 1).reason).toBe('explicit-block');
      clock.t += 20_000;
    }
    for (let i = 0; i < 5; i++) {
      expect(ring(screening, clock, caller(rotating(i)), 1).reason).toBe('blocked-prefix');
      clock.t += 20_000;
    }
    expect(screening.shield().active).toBe(false);
    // Unknown callers still count: four of them and the shield is up at the fifth, not before.
    for (let i = 0; i < 4; i++) {
      expect(ring(screening, clock, caller(`1860000${String(1000 + i)}`), 1).reason).toBe('default');
      clock.t += 20_000;
    }
    expect(ring(screening, clock, caller('18600009999'), 1).reason).toBe('shield');
    db.close();
  });

  it('starts a fresh count when ended by hand, so the calls before cannot raise it again', () => {
    const { clock, db, screening } = start();
    for (let i = 0; i < 5; i++) {
      ring(screening, clock, caller(rotating(i)), 1);
      clock.t += 30_000;
    }
    expect(screening.shield().active).toBe(true);
    screening.setShield(false);
    // Within the same ten-minute window: under the old count this call would have been the sixth.
    expect(ring(screening, clock, caller(rotating(10)), 1).reason).toBe('default');
    expect(screening.shield().active).toBe(false);
    for (let i = 11; i < 14; i++) {
      clock.t += 30_000;
      expect(ring(screening, clock, caller(rotating(i)), 1).reason).toBe('default');
    }
    clock.t += 30_000;
    expect(ring(screening, clock, caller(rotating(14)), 1).reason).toBe('shield');
    db.close();
  });

  it('keeps the fresh count across a restart', () => {
    const path = tempDbPath();
    const clock = { t: new Date(2025, 0, 6, 9, 0).getTime() };
    const first = engine(path, clock);
    for (let i = 0; i < 5; i++) {
      ring(first.screening, clock, caller(rotating(i)), 1);
      clock.t += 30_000;
    }
    first.screening.setShield(false);
    first.db.close();
    // On restart the service replays the history's calls; the shield must still not count them.
    const second = engine(path, clock);
    const startedAt = new Date(clock.t - 100_000);
    for (let i = 0; i < 4; i++) {
      second.screening.observe({
        lineId: 'old',
        startedAt: new Date(startedAt.getTime() - i * 1000),
        endedAt: startedAt,
        callerId: caller(rotating(i)),
        decision: { action: 'allow', reason: 'default', ruleId: null, ruleLabel: null, text: { en: '', zh: '' } },
        outcome: 'rang-through',
        rings: 1,
        oneRing: false,
      });
    }
    expect(ring(second.screening, clock, caller(rotating(20)), 1).reason).toBe('default');
    second.db.close();
  });

  it('says in one sentence what engaged it, in the banner state and the incident, with correct plurals', () => {
    const { clock, db, screening } = start();
    for (let i = 0; i < 5; i++) {
      ring(screening, clock, caller(rotating(i)), 1);
      clock.t += 54_000;
    }
    const five = { en: '5 calls from 5 unknown numbers within 4 minutes', zh: '4 分钟内 5 个陌生号码来电 5 次' };
    expect(screening.shield().cause).toEqual(five);
    screening.setShield(false);
    expect(screening.incidents()[0]?.cause).toEqual(five);

    clock.t += 3_600_000;
    ring(screening, clock, caller(null, 'withheld'), 1);
    clock.t += 30_000;
    ring(screening, clock, caller(null, 'withheld'), 1);
    clock.t += 20_000;
    ring(screening, clock, caller(null, 'withheld'), 1);
    expect(screening.shield().cause).toEqual({ en: '3 withheld calls within 1 minute', zh: '1 分钟内隐藏号码来电 3 次' });
    screening.setShield(false);

    clock.t += 3_600_000;
    for (let i = 0; i < 3; i++) {
      ring(screening, clock, caller('13900001111'), 1);
      clock.t += 1_000;
    }
    expect(screening.shield().cause).toEqual({ en: '3 calls from +8613900001111 within 1 minute', zh: '1 分钟内号码 +8613900001111 来电 3 次' });
    screening.setShield(false);

    clock.t += 3_600_000;
    expect(screening.setShield(true).cause).toEqual({ en: 'Turned on by hand', zh: '手动开启' });
    const incidents = screening.incidents();
    expect(incidents.map((i) => i.cause.en)).toEqual([
      five.en,
      '3 withheld calls within 1 minute',
      '3 calls from +8613900001111 within 1 minute',
      'Turned on by hand',
    ]);
    expect(JSON.stringify(incidents)).not.toMatch(/\b1 calls|\b1 numbers|\b1 minutes/);
    db.close();
  });

  it('counts a rule hit when the shield is on and a block-list prefix matches', () => {
    const { clock, db, screening } = start();
    const prefix = screening.rules.add({ list: 'blocked', value: '400*', label: 'imported' });
    screening.setShield(true);
    const d = ring(screening, clock, caller('4001234567'), 1);
    expect(d).toMatchObject({ reason: 'blocked-prefix', ruleId: prefix.id });
    expect(screening.rules.list({ list: 'blocked' }).rules.find((r) => r.id === prefix.id)?.hitCount).toBe(1);
    db.close();
  });

  it('blocks the eleventh call of a day, not the tenth, and says it was the eleventh', () => {
    const { clock, db, screening } = start();
    for (let i = 0; i < 10; i++) {
      expect(ring(screening, clock, caller('13900001111'), 1).reason).toBe('default');
      clock.t += 11 * 60_000; // never three in the shield's window
    }
    const d = ring(screening, clock, caller('13900001111'), 1);
    expect(d.reason).toBe('rate-limit');
    expect(d.text.en).toMatch(/called 11 times in a day \(limit 10\)/);
    db.close();
  });
});
