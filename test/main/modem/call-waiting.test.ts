// Call waiting end to end on a real pty (issue 14): a simulated Huawei dongle with a call in progress
// announces waiting callers with +CCWA once the line enabled it (AT+CCWA=1,1); a blocked one is released
// with AT+CHLD=0 without touching the call in progress, an allowed one waits, and each is recorded once.
// @module-tag pty
import { afterEach, describe, expect, it } from 'vitest';
import type { EndedCall } from '../../../main/modem/index.ts';
import { startSimulator, type Simulator } from '../../../main/sim/index.ts';
import { tempLink } from '../sim/host.ts';
import { lineRig } from './support/line-rig.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const timeScale = 20;
const ringMs = 5000 / timeScale;

describe('call waiting on a GSM line', () => {
  it('releases a blocked waiting caller with AT+CHLD=0, lets an allowed one wait, and records both besides the call in progress', async () => {
    const sim: Simulator = await startSimulator({ link: tempLink(), profile: 'huawei-e173', timeScale, answeredHoldMs: 40_000 });
    cleanups.push(() => sim.close());
    const rig = lineRig(sim.link, { decide: (c) => (c.number === '17012345678' ? 'reject' : 'allow'), timing: { ringSilenceGsmMs: 4 * ringMs } });
    cleanups.push(() => rig.line.close());
    await rig.line.ready();
    expect(rig.log).toContain('out AT+CCWA=1,1');

    // A trusted caller rings through and the person at the phone picks up.
    const inProgress = sim.placeCall({ number: '13900139000', presentation: 'allowed', rings: 5, answerAfterRings: 1 });
    await rig.waitForLog('in ^CONN:1,0');
    const blocked = await sim.placeCall({ number: '17012345678', presentation: 'allowed', rings: 10, waiting: true });
    expect(blocked).toMatchObject({ outcome: 'rejected', hangupCommand: 'AT+CHLD=0' });
    expect(blocked.rings).toBe(1);
    const allowed = await sim.placeCall({ number: '13800138000', presentation: 'allowed', rings: 2, waiting: true });
    expect(allowed).toMatchObject({ outcome: 'caller-hung-up', rings: 2 });
    expect(await inProgress).toMatchObject({ outcome: 'answered' });

    await rig.waitFor<EndedCall>('call-ended', (e) => e.callerId.number === '13800138000');
    const ended = rig.ended();
    const byNumber = (n: string) => ended.filter((e) => e.callerId.number === n).map((e) => e.outcome);
    expect(byNumber('17012345678')).toEqual(['waiting-rejected']);
    expect(byNumber('13800138000')).toEqual(['waiting-let-through']);
    await rig.waitFor<EndedCall>('call-ended', (e) => e.callerId.number === '13900139000');
    expect(
      rig
        .ended()
        .filter((e) => e.callerId.number === '13900139000')
        .map((e) => e.outcome),
    ).toEqual(['answered']);
    // The call in progress was never hung up: the only release went to the waiting caller.
    expect(rig.log.filter((l) => /^out (AT\+CHUP|ATH|AT\+CHLD)/.test(l))).toEqual(['out AT+CHLD=0']);
  }, 60_000);
});
