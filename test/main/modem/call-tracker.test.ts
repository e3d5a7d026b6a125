import { describe, expect, it } from 'vitest';
import { parseClcc } from '../../../main/modem/clcc.ts';
import { defaultTiming } from '../../../main/modem/call-tracker.ts';
import { trackerRig } from './support/tracker-rig.ts';

const T = defaultTiming;

describe('call tracker: GSM', () => {
  it('decides on +CLIP, once, however often the +CLIP repeats', async () => {
    const r = trackerRig('gsm');
    r.modem('+CRING: VOICE', '+CLIP: "+8613800138000",145,,,,0', '+CRING: VOICE', '+CLIP: "+8613800138000",145,,,,0');
    expect(r.log.filter((l) => l.startsWith('decide'))).toEqual(['decide allowed +8613800138000']);
    await r.advance(T.ringSilenceGsmMs + 1);
    const [call] = r.ended();
    expect(call).toMatchObject({ outcome: 'caller-hung-up', rings: 2, oneRing: false, callerId: { number: '+8613800138000' } });
    expect(r.count('call-ended')).toBe(1);
  });

  it('writes the hang-up before it emits caller-id, decided and hangup-sent', async () => {
    const r = trackerRig('gsm', () => 'reject');
    r.modem('RING', '+CLIP: "10086",129,,,,0');
    const from = r.log.indexOf('decide allowed 10086');
    expect(r.log.slice(from)).toEqual(['decide allowed 10086', 'hangup-written reject', 'emit caller-id', 'emit decided', 'emit hangup-sent']);
    r.hangups[0]!.finish({ ok: true, method: 'chup', command: 'AT+CHUP' });
    await r.advance(1);
    expect(r.ended()[0]).toMatchObject({ outcome: 'rejected', hangupCommand: 'AT+CHUP', hangupLatencyMs: 0, oneRing: false });
  });

  it('takes a ring and +CLIP after the hang-up was acknowledged as the next call, even with the same number', async () => {
    const r = trackerRig('gsm', () => 'reject');
    r.modem('RING', '+CLIP: "10086",129');
    r.hangups[0]!.ack();
    r.hangups[0]!.finish({ ok: true, method: 'chup', command: 'AT+CHUP' });
    await r.advance(1);
    r.modem('RING', '+CLIP: "10086",129');
    expect(r.count('call-started')).toBe(2);
    expect(r.log.filter((l) => l.startsWith('decide'))).toEqual(['decide allowed 10086', 'decide allowed 10086']);
  });

  it('keeps a ring that comes between the hang-up and its OK on the call being hung up', async () => {
    const r = trackerRig('gsm', () => 'reject');
    r.modem('RING', '+CLIP: "10086",129', 'RING', '+CLIP: "10086",129');
    r.hangups[0]!.ack();
    r.hangups[0]!.finish({ ok: true, method: 'chup', command: 'AT+CHUP' });
    await r.advance(1);
    expect(r.ended().map((c) => [c.callerId.number, c.outcome, c.rings])).toEqual([['10086', 'rejected', 2]]);
    expect(r.count('decided')).toBe(1);
  });

  it('records a call it could not hang up as rang-through, with a warning', async () => {
    const r = trackerRig('gsm', () => 'reject');
    r.modem('RING', '+CLIP: "10086",129');
    r.hangups[0]!.finish({ ok: false, tried: ['AT+CHUP', 'ATH', 'AT+CHLD=0'] });
    await r.advance(0); // the hang-up's result arrives before the ring silence runs out
    await r.advance(T.ringSilenceGsmMs + 1);
    expect(r.ended()[0]).toMatchObject({ outcome: 'rang-through', hangupCommand: 'AT+CHUP' });
    expect(r.events.some((e) => e.event === 'warning' && (e.payload as { code: string }).code === 'hangup-failed')).toBe(true);
  });

  it('counts a rejected call as rejected when the next call overtakes the hang-up, and gives it its own ring', async () => {
    const r = trackerRig('gsm', () => 'reject');
    r.modem('+CRING: VOICE', '+CLIP: "10086",129');
    r.modem('+CRING: VOICE', '+CLIP: "10010",129'); // the bomber's next call, before AT+CHUP's OK
    const [first] = r.ended();
    expect(first).toMatchObject({ outcome: 'rejected', rings: 1, callerId: { number: '10086' } });
    r.hangups[1]!.finish({ ok: true, method: 'chup', command: 'AT+CHUP' });
    await r.advance(1);
    expect(r.ended()[1]).toMatchObject({ outcome: 'rejected', rings: 1, callerId: { number: '10010' } });
  });

  it('gives the next call its first ring when it rings right after a hang-up (call bombing)', async () => {
    const r = trackerRig('gsm', (c) => (c.number === '10086' ? 'reject' : 'allow'));
    r.modem('+CRING: VOICE', '+CLIP: "10086",129');
    r.hangups[0]!.ack();
    r.hangups[0]!.finish({ ok: true, method: 'chup', command: 'AT+CHUP' });
    await r.advance(1);
    r.modem('^CEND:1,0,104,16', '+CRING: VOICE', '+CLIP: "10010",129');
    await r.advance(T.ringSilenceGsmMs + 1);
    expect(r.ended().map((c) => [c.callerId.number, c.outcome, c.rings])).toEqual([
      ['10086', 'rejected', 1],
      ['10010', 'caller-hung-up', 1],
    ]);
  });

  it('asks AT+CLCC when +CLIP does not come, and decides with its number', async () => {
    const r = trackerRig('gsm');
    r.setClcc([parseClcc('+CLCC: 1,1,4,0,0,"13800138000",129,""')!]);
    r.modem('RING');
    await r.advance(T.clipWaitMs - 1);
    expect(r.clccAsked).toBe(0);
    await r.advance(2);
    expect(r.clccAsked).toBe(1);
    expect(r.log).toContain('decide allowed 13800138000');
  });

  it('decides with presentation none when AT+CLCC cannot say either', async () => {
    const r = trackerRig('gsm');
    r.setClcc(null);
    r.modem('RING');
    await r.advance(T.clipWaitMs + 1);
    expect(r.log).toContain('decide none null');
    await r.advance(T.ringSilenceGsmMs);
    expect(r.missing).toBe(1); // the line re-enables caller ID after a call without it
  });

  it('ends the call when AT+CLCC lists no call: the caller gave up after one ring', async () => {
    const r = trackerRig('gsm');
    r.setClcc([]);
    r.modem('RING');
    await r.advance(T.clipWaitMs + 1);
    expect(r.ended()[0]).toMatchObject({ outcome: 'caller-hung-up', rings: 1, oneRing: true, decision: null });
  });

  it('ends a call on ^CEND and on ring silence, never twice', async () => {
    const r = trackerRig('gsm');
    r.modem('RING', '+CLIP: "1",129', '^CEND:1,0,104,16', 'NO CARRIER');
    await r.advance(T.ringSilenceGsmMs * 2);
    expect(r.count('call-ended')).toBe(1);
    expect(r.ended()[0]).toMatchObject({ oneRing: true, outcome: 'caller-hung-up' });
  });

  it('records an answered call', async () => {
    const r = trackerRig('gsm');
    r.modem('RING', '+CLIP: "1",129', 'RING', 'VOICE CALL: BEGIN', 'VOICE CALL: END: 000012');
    expect(r.ended()[0]?.outcome).toBe('answered');
  });

  it('closes a call in progress as line-lost when the port vanishes', () => {
    const r = trackerRig('gsm');
    r.modem('RING', '+CLIP: "1",129');
    r.tracker.lineLost();
    r.tracker.lineLost();
    expect(r.ended().map((c) => c.outcome)).toEqual(['line-lost']);
  });
});

describe('call tracker: landline', () => {
  it('waits at most the NAME wait after the number, not for the next ring', async () => {
    const r = trackerRig('landline');
    r.modem('RING', 'DATE = 0101', 'TIME = 1200', 'NMBR = 4075551212');
    expect(r.log.some((l) => l.startsWith('decide'))).toBe(false);
    await r.advance(T.nameWaitMs);
    expect(r.log).toContain('decide allowed 4075551212');
    r.modem('NAME = JOHN DOE', 'RING');
    await r.advance(T.ringSilenceLandlineMs + 1);
    expect(r.ended()[0]?.callerId).toMatchObject({ number: '4075551212', name: 'JOHN DOE' });
    expect(r.count('decided')).toBe(1);
  });

  it('hangs up at the number when no name could save the caller, and records the name that comes after', async () => {
    const r = trackerRig('landline', () => 'reject', { hangsUpWhateverName: (c) => c.number === '4075551212' });
    r.modem('RING', 'DATE = 0101', 'TIME = 1200', 'NMBR = 4075551212');
    expect(r.log.filter((l) => /^(decide|hangup)/.test(l))).toEqual(['decide allowed 4075551212', 'hangup-written reject']);
    r.modem('NAME = LOAN SHARK');
    r.hangups[0]!.ack();
    r.hangups[0]!.finish({ ok: true, method: 'offhook-onhook', command: 'ATH1' });
    await r.advance(1);
    expect(r.ended()[0]).toMatchObject({ outcome: 'rejected', callerId: { number: '4075551212', name: 'LOAN SHARK' } });
    expect(r.count('decided')).toBe(1);
  });

  it('still gives NAME its moment when a name could let the caller through', async () => {
    const r = trackerRig('landline', () => 'reject', { hangsUpWhateverName: () => false });
    r.modem('RING', 'NMBR = 4075551212');
    expect(r.log.some((l) => l.startsWith('decide'))).toBe(false);
    await r.advance(T.nameWaitMs);
    expect(r.log).toContain('decide allowed 4075551212');
  });

  it('decides at once when the name came before the number', () => {
    const r = trackerRig('landline');
    r.modem('RING', 'NAME = Vähälä', 'NMBR = 9085555002');
    expect(r.events.find((e) => e.event === 'decided')?.payload).toMatchObject({ callerId: { name: 'Vähälä', number: '9085555002' } });
  });

  it('decides none at the second ring when no caller ID came', () => {
    const r = trackerRig('landline');
    r.modem('RING');
    expect(r.count('decided')).toBe(0);
    r.modem('RING');
    expect(r.log).toContain('decide none null');
  });

  it('starts a call from caller ID that comes before the first ring (UK)', async () => {
    const r = trackerRig('landline', () => 'reject');
    r.modem('NMBR = 01632960001');
    await r.advance(T.nameWaitMs);
    expect(r.log.slice(0, 3)).toEqual(['decide allowed 01632960001', 'hangup-written reject', 'emit call-started']);
  });

  it('takes a second caller-ID block after a ring as a new call, even from the same number', async () => {
    const r = trackerRig('landline');
    r.modem('RING', 'NMBR = 111', 'NAME = A', 'RING', 'RING');
    await r.advance(2000);
    r.modem('RING', 'NMBR = 111', 'NAME = A', 'RING');
    expect(r.count('call-started')).toBe(2);
    expect(r.count('decided')).toBe(2);
    await r.advance(T.ringSilenceLandlineMs + 1);
    // The ring right before the second block was the second call's first ring.
    expect(r.ended().map((c) => c.rings)).toEqual([3, 2]);
  });

  it('starts a new call when a different caller ID arrives while an allowed call still rings', async () => {
    const r = trackerRig('landline');
    r.modem('RING', 'NMBR = 111', 'NAME = A', 'RING', 'NMBR = 222', 'NAME = B');
    expect(r.ended()).toHaveLength(1);
    expect(r.count('call-started')).toBe(2);
  });
});

describe('call tracker: back-to-back calls (issue 14)', () => {
  /** SIM800-style hang-up: AT+CHUP is answered by OK, AT+CLCC by an empty list, and no end URC comes. */
  const releaseLikeSim800 = async (r: ReturnType<typeof trackerRig>, i: number) => {
    r.hangups[i]!.ack();
    r.hangups[i]!.finish({ ok: true, method: 'chup', command: 'AT+CHUP' });
    await r.advance(0);
  };

  it('records a withheld call that rings 150 ms after a withheld call was hung up, and decides it on its first ring', async () => {
    const r = trackerRig('gsm', () => 'reject');
    r.modem('RING', '+CLIP: "",128,"",0,"",1');
    await releaseLikeSim800(r, 0);
    await r.advance(150);
    r.modem('RING', '+CLIP: "",128,"",0,"",1');
    expect(r.count('decided')).toBe(2);
    await releaseLikeSim800(r, 1);
    expect(r.ended().map((c) => [c.callerId.presentation, c.outcome, c.rings])).toEqual([
      ['withheld', 'rejected', 1],
      ['withheld', 'rejected', 1],
    ]);
  });

  it('records a let-through caller who gives up, then redials 50 ms later from the same number', async () => {
    const r = trackerRig('gsm');
    r.modem('RING', '+CLIP: "13800138000",129,"",0,"",0', 'NO CARRIER', 'MISSED_CALL: 10:22AM 13800138000');
    await r.advance(50);
    r.modem('RING', '+CLIP: "13800138000",129,"",0,"",0');
    await r.advance(5000);
    r.modem('RING', '+CLIP: "13800138000",129,"",0,"",0', 'NO CARRIER');
    expect(r.ended().map((c) => [c.callerId.number, c.outcome, c.rings])).toEqual([
      ['13800138000', 'caller-hung-up', 1],
      ['13800138000', 'caller-hung-up', 2],
    ]);
    expect(r.count('decided')).toBe(2);
  });

  it('records every call of a seeded back-to-back flood exactly once, each decided on its first ring', async () => {
    // Calls 50–200 ms after the previous one was released; withheld, repeated and fresh numbers; callers
    // giving up after 1–3 rings (5 s apart) unless hung up; a third of them let through.
    let seed = 14;
    const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const numbers = ['13800138000', '17012345678', '+8617112345678'];
    const calls = Array.from({ length: 160 }, (_, i) => {
      const withheld = rand() < 0.3;
      return {
        i,
        number: withheld ? null : rand() < 0.5 ? pick(numbers) : `162${String(i).padStart(8, '0')}`,
        rings: 1 + Math.floor(rand() * 3),
        gap: 50 + Math.floor(rand() * 151),
        allow: rand() < 0.33,
      };
    });
    const allowed = new Set(calls.filter((c) => c.allow).map((c) => c.i));
    let current = 0;
    const r = trackerRig('gsm', () => (allowed.has(current) ? 'allow' : 'reject'));
    const clip = (n: string | null) => (n === null ? '+CLIP: "",128,"",0,"",1' : `+CLIP: "${n}",${n.startsWith('+') ? 145 : 129},"",0,"",0`);
    const decidedOnFirstRing: boolean[] = [];
    for (const c of calls) {
      current = c.i;
      await r.advance(c.gap);
      const hangupsBefore = r.hangups.length;
      const decidedBefore = r.count('decided');
      r.modem('RING', clip(c.number));
      decidedOnFirstRing.push(r.count('decided') === decidedBefore + 1);
      if (r.hangups.length > hangupsBefore) {
        await releaseLikeSim800(r, hangupsBefore);
        continue;
      }
      for (let ring = 2; ring <= c.rings; ring++) {
        await r.advance(5000);
        r.modem('RING', clip(c.number));
      }
      await r.advance(2000);
      r.modem('NO CARRIER', ...(c.number ? [`MISSED_CALL: 10:22AM ${c.number}`] : []));
    }
    await r.advance(T.ringSilenceGsmMs + 1);
    const ended = r.ended();
    expect(decidedOnFirstRing.every(Boolean)).toBe(true);
    expect(ended).toHaveLength(calls.length);
    expect(ended.map((e) => e.callerId.number)).toEqual(calls.map((c) => c.number));
    expect(ended.map((e) => e.outcome)).toEqual(calls.map((c) => (c.allow ? 'caller-hung-up' : 'rejected')));
    expect(ended.map((e) => e.rings)).toEqual(calls.map((c) => (c.allow ? c.rings : 1)));
    expect(r.count('decided')).toBe(calls.length);
  });
});

describe('call tracker: call waiting (issue 14)', () => {
  const answeredCall = ['RING', '+CLIP: "13900139000",129,"",0,"",0', 'VOICE CALL: BEGIN'];

  it('releases a blocked waiting caller with AT+CHLD=0, records it as a rejected waiting call, and leaves the call in progress alone', async () => {
    const r = trackerRig('gsm', (c) => (c.number === '17012345678' ? 'reject' : 'allow'));
    r.modem(...answeredCall);
    r.modem('+CCWA: "17012345678",129,1');
    expect(r.log.slice(-6)).toEqual([
      'decide allowed 17012345678',
      'release-waiting AT+CHLD=0',
      'emit call-started',
      'emit caller-id',
      'emit decided',
      'emit hangup-sent',
    ]);
    r.releases[0]!.finish({ ok: true, method: 'chld', command: 'AT+CHLD=0' });
    await r.advance(0);
    expect(r.ended().map((c) => [c.callerId.number, c.outcome, c.hangupCommand])).toEqual([['17012345678', 'waiting-rejected', 'AT+CHLD=0']]);
    expect(r.hangups).toHaveLength(0);
    r.modem('VOICE CALL: END: 000042');
    expect(r.ended().map((c) => [c.callerId.number, c.outcome])).toEqual([
      ['17012345678', 'waiting-rejected'],
      ['13900139000', 'answered'],
    ]);
  });

  it('lets an allowed waiting caller wait, once however often +CCWA repeats, and records it when it stops', async () => {
    const r = trackerRig('gsm');
    r.modem(...answeredCall, '+CCWA: "13800138000",129,1');
    await r.advance(3000);
    r.modem('+CCWA: "13800138000",129,1');
    await r.advance(T.ringSilenceGsmMs + 1);
    const waiting = r.ended().filter((c) => c.outcome.startsWith('waiting'));
    expect(waiting.map((c) => [c.callerId.number, c.outcome])).toEqual([['13800138000', 'waiting-let-through']]);
    expect(r.log.filter((l) => l === 'decide allowed 13800138000')).toHaveLength(1);
    expect(r.releases).toHaveLength(0);
  });

  it('records a waiting caller once when it rings on after the call in progress ended', async () => {
    const r = trackerRig('gsm');
    r.modem(...answeredCall, '+CCWA: "13800138000",129,1', 'VOICE CALL: END: 000012');
    r.modem('RING', '+CLIP: "13800138000",129,"",0,"",0', 'RING', '+CLIP: "13800138000",129,"",0,"",0', 'NO CARRIER');
    await r.advance(T.ringSilenceGsmMs + 1);
    expect(r.ended().map((c) => [c.callerId.number, c.outcome, c.rings])).toEqual([
      ['13900139000', 'answered', 1],
      ['13800138000', 'waiting-let-through', 2],
    ]);
    expect(r.count('decided')).toBe(2);
  });

  it('ignores a +CCWA for a waiting data or fax call, and the reply to AT+CCWA?', () => {
    const r = trackerRig('gsm');
    r.modem(...answeredCall, '+CCWA: "17012345678",129,4', '+CCWA: 1,1');
    expect(r.count('decided')).toBe(1);
  });

  it('takes a landline caller ID during an answered call as call-waiting caller ID, and records it let through', async () => {
    // A landline cannot release a waiting caller without answering it: even a blocked one is let wait.
    const r = trackerRig('landline', (c) => (c.number === '2125550000' ? 'reject' : 'allow'));
    r.modem('RING', 'NMBR = 4075551212', 'NAME = FRIEND', 'VOICE CALL: BEGIN');
    r.modem('NMBR = 2125550000', 'NAME = WAITING');
    await r.advance(T.ringSilenceLandlineMs + 1);
    expect(r.ended().map((c) => [c.callerId.number, c.outcome])).toEqual([
      ['4075551212', 'answered'],
      ['2125550000', 'waiting-let-through'],
    ]);
    expect(r.releases).toHaveLength(0);
    expect(r.hangups).toHaveLength(0);
  });
});

describe('call tracker: the pass gate', () => {
  const report = (result: 'passed' | 'failed' | 'hung-up' | 'withheld' | 'error', method: 'simcom-tts' | 'voice-modem' = 'simcom-tts') =>
    ({ method, result, asked: '7', pressed: result === 'passed' ? '7' : null, heldMs: 9000, waitSeconds: 8, detail: null }) as const;

  it('hands a gated call to the gate instead of hanging up, then releases it with the hang-up chain', async () => {
    const r = trackerRig('gsm', () => 'gate');
    r.modem('RING', '+CLIP: "13912345678",129');
    expect(r.log.slice(r.log.indexOf('decide allowed 13912345678'))).toEqual(['decide allowed 13912345678', 'gate', 'emit caller-id', 'emit decided']);
    expect(r.hangups).toHaveLength(0);
    expect(r.tracker.state().phase.phase).toBe('gating');
    // Answered: no more rings, and the ring silence must not end the call under the gate.
    await r.advance(T.ringSilenceGsmMs * 3);
    expect(r.ended()).toHaveLength(0);
    r.gates[0]!.finish(report('passed'));
    await r.advance(1);
    expect(r.hangups.map((h) => h.action)).toEqual(['reject']);
    r.hangups[0]!.finish({ ok: true, method: 'chup', command: 'AT+CHUP' });
    await r.advance(1);
    expect(r.ended()[0]).toMatchObject({ outcome: 'gate-passed', hangupCommand: 'AT+CHUP', gate: { result: 'passed', pressed: '7' } });
  });

  it('records a wrong key or none as failed the gate', async () => {
    const r = trackerRig('gsm', () => 'gate');
    r.modem('RING', '+CLIP: "13912345678",129');
    r.gates[0]!.finish(report('failed'));
    await r.advance(1);
    r.hangups[0]!.finish({ ok: true, method: 'chup', command: 'AT+CHUP' });
    await r.advance(1);
    expect(r.ended()[0]?.outcome).toBe('gate-failed');
  });

  it('stops the gate when the caller hangs up under it, and ends the call without a hang-up', async () => {
    const r = trackerRig('gsm', () => 'gate');
    r.modem('RING', '+CLIP: "13912345678",129', 'NO CARRIER');
    expect(r.gates[0]!.cancelled).toBe(true);
    r.gates[0]!.finish(report('hung-up'));
    await r.advance(1);
    expect(r.hangups).toHaveLength(0);
    expect(r.ended()[0]).toMatchObject({ outcome: 'gate-failed', gate: { result: 'hung-up' } });
  });

  it('ends a voice modem call the gate already put on-hook, and a next call after it is a new call', async () => {
    const r = trackerRig('landline', () => 'gate');
    r.modem('RING', 'DATE=0101', 'TIME=1200', 'NMBR=13912345678', '');
    await r.advance(T.nameWaitMs + 1);
    r.gates[0]!.finish(report('passed', 'voice-modem'));
    await r.advance(1);
    expect(r.hangups).toHaveLength(0);
    expect(r.ended()[0]).toMatchObject({ outcome: 'gate-passed' });
    r.modem('RING');
    expect(r.count('call-started')).toBe(2);
  });

  it('a gate the modem could not run is released and recorded as rejected', async () => {
    const r = trackerRig('gsm', () => 'gate');
    r.modem('RING', '+CLIP: "13912345678",129');
    r.gates[0]!.finish(report('error'));
    await r.advance(1);
    r.hangups[0]!.finish({ ok: true, method: 'chup', command: 'AT+CHUP' });
    await r.advance(1);
    expect(r.ended()[0]?.outcome).toBe('rejected');
  });

  it('a line lost under the gate stops it and records line-lost', async () => {
    const r = trackerRig('gsm', () => 'gate');
    r.modem('RING', '+CLIP: "13912345678",129');
    r.tracker.lineLost();
    expect(r.gates[0]!.cancelled).toBe(true);
    expect(r.ended()[0]?.outcome).toBe('line-lost');
  });
});
