// Issue 14, end to end on a real pty: the simulator's back-to-back flood (each call ringing 50–200 ms after
// the previous one was released) against a real Line. A SIM800 answers AT+CHUP with OK and reports nothing
// more, so only that OK says the call is over; the next caller, often with the same identity, must still
// be a call of its own — decided on its first ring and recorded exactly once.
// @module-tag pty
import { afterEach, describe, expect, it } from 'vitest';
import type { EndedCall } from '../../../main/modem/index.ts';
import { startSimulator, type CallResult, type Simulator } from '../../../main/sim/index.ts';
import { backToBackFlood, expandScenario } from '../../../main/sim/scenario.ts';
import { Scenario } from '../../../main/sim/schemas.ts';
import { tempLink } from '../sim/host.ts';
import { lineRig } from './support/line-rig.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// A ring every 250 ms real. The gaps are simulated ms: ×20 makes the profile's 50–200 ms gaps 2.5–10 ms real
// (harsher than life), so the test plays them at 20× their length: 50–200 ms real, as the issue measured.
const timeScale = 20;
const ringMs = 5000 / timeScale;

async function flood(profile: 'sim800' | 'huawei-e173', calls: number, seed: number) {
  const sim: Simulator = await startSimulator({ link: tempLink(), profile, timeScale, seed });
  cleanups.push(() => sim.close());
  const blocked = new Set(['17012345678']);
  // Withheld callers and one repeated number are blocked; rotating numbers and the other repeated number
  // ring through until their callers give up.
  const rig = lineRig(sim.link, {
    decide: (c) => (c.presentation !== 'allowed' || blocked.has(c.number ?? '') ? 'reject' : 'allow'),
    // The real settle-free rule is what is under test; ring silence only ends calls the modem never ends.
    timing: { clipWaitMs: 150, ringSilenceGsmMs: 4 * ringMs, settleMs: 1000 },
  });
  cleanups.push(() => rig.line.close());
  await rig.line.ready();
  const scenario = backToBackFlood({ calls });
  const step = scenario.steps[0] as { backToBack: { gapMs: [number, number] } };
  step.backToBack.gapMs = [50 * timeScale, 200 * timeScale];
  const placed = expandScenario(Scenario.parse(scenario), seed).flatMap((i) => ('call' in i ? [i.call] : []));
  const results: CallResult[] = await sim.runScenario(scenario);
  await rig.waitFor('call-ended', () => rig.ended().length >= placed.length, 10_000).catch(() => {});
  return { placed, results, ended: rig.ended() };
}

describe('a back-to-back flood on a SIM800 (no end URC after AT+CHUP)', () => {
  it('records every call exactly once, with its caller and rings, each decided on its first ring', async () => {
    const { placed, results, ended } = await flood('sim800', 36, 14);
    expect(results).toHaveLength(placed.length);
    const summary = (e: EndedCall) => [e.callerId.presentation, e.callerId.number, e.outcome, e.rings];
    const expected = placed.map((c, i) => {
      const r = results[i]!;
      return [c.presentation, c.number, r.outcome === 'rejected' ? 'rejected' : 'caller-hung-up', r.rings];
    });
    expect(ended.map(summary)).toEqual(expected);
    // Rejected calls never rang twice; calls let through were decided before their second ring.
    expect(results.filter((r) => r.outcome === 'rejected' && r.rings > 1)).toEqual([]);
    for (const e of ended) expect(e.timings.decision! - e.timings.firstRing!).toBeLessThan(ringMs);
  }, 120_000);
});

describe('a back-to-back flood on a Huawei (^CEND after every call)', () => {
  it('records every call exactly once', async () => {
    const { placed, results, ended } = await flood('huawei-e173', 20, 15);
    expect(ended.map((e) => [e.callerId.number, e.rings])).toEqual(placed.map((c, i) => [c.number, results[i]!.rings]));
    expect(results.filter((r) => r.outcome === 'rejected' && r.rings > 1)).toEqual([]);
  }, 120_000);
});
