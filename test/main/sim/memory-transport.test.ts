// The simulator on the in-memory port pair, driven by the real Line: what the demo line runs on, on every
// platform, with no pty and no socat. The same modem, calls and faults as on a pty.
import { afterEach, describe, expect, it } from 'vitest';
import type { LineStatus } from '../../../shared/domain.ts';
import { demoTrustedCallers, startDemoModem, startSimulator, type SimLogEntry, type Simulator } from '../../../main/sim/index.ts';
import { lineRig } from '../modem/support/line-rig.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options: { decide?: NonNullable<Parameters<typeof lineRig>[1]>['decide'] } = {}) {
  const sim: Simulator = await startSimulator({ link: 'memory-modem', profile: 'huawei-e173', transport: 'memory', timeScale: 100 });
  const rig = lineRig(sim.link, { openPort: sim.openPort, ...options });
  cleanups.push(
    () => sim.close(),
    () => rig.line.close(),
  );
  await rig.line.ready();
  return { sim, rig };
}

describe('the simulator on the in-memory pair', () => {
  it('needs no folder for its link: the name is only what the host opens', async () => {
    const { rig } = await setup();
    expect(rig.line.status()).toMatchObject({ state: 'ready', kind: 'gsm', profile: 'huawei', callerIdConfirmed: true });
  });

  it('is screened like a dongle: a withheld caller is hung up, with the hang-up timed from the caller ID', async () => {
    const { sim, rig } = await setup({ decide: (c) => (c.presentation === 'withheld' ? 'reject' : 'allow') });
    const rejected = await sim.placeCall({ number: null, presentation: 'withheld', rings: 3 });
    expect(rejected).toMatchObject({ outcome: 'rejected', rings: 1, hangupCommand: 'AT+CHUP' });
    expect(rejected.hangupLatencyMs).toBeGreaterThan(0);
    const allowed = await sim.placeCall({ number: '13800138000', presentation: 'allowed', rings: 2 });
    expect(allowed).toMatchObject({ outcome: 'caller-hung-up', rings: 2 });
    await rig.waitFor('call-ended', (c: { callerId: { number: string | null } }) => c.callerId.number === '13800138000');
    expect(rig.ended().map((c) => c.outcome)).toEqual(['rejected', 'caller-hung-up']);
  });

  it('tells a listener each log entry as it is written, until the listener stops', async () => {
    const { sim } = await setup();
    const seen: SimLogEntry[] = [];
    const stop = sim.onLog((e) => seen.push(e));
    await sim.placeCall({ number: '13800138000', presentation: 'allowed', rings: 1 });
    stop();
    expect(seen.some((e) => e.direction === 'event' && e.text.startsWith('call from'))).toBe(true);
    expect(seen).toEqual(sim.log().filter((e) => e.seq >= seen[0]!.seq && e.seq <= seen.at(-1)!.seq));
    const heard = seen.length;
    await sim.placeCall({ number: '13800138001', presentation: 'allowed', rings: 1 });
    expect(seen).toHaveLength(heard);
  });

  it('is unplugged and replugged: the line sees its port go, reconnects and initialises again', async () => {
    const { sim, rig } = await setup();
    const mark = rig.events.length;
    await sim.fault('unplug');
    const down = await rig.waitForState('disconnected', mark);
    expect(down.problem?.code).toBe('disconnected');
    await sim.fault('replug');
    const up = await rig.waitFor<LineStatus>('status', (s) => s.state === 'ready', 5000, mark);
    expect(up.callerIdConfirmed).toBe(true);
  });

  it('carries the demo line ("Try without a modem"): it says it is simulated and rings family and a flood', async () => {
    const sim = await startDemoModem({ link: 'demo-modem', transport: 'memory', timeScale: 2000, seed: 3 });
    const rig = lineRig(sim.link, { openPort: sim.openPort });
    cleanups.push(
      () => sim.close(),
      () => rig.line.close(),
    );
    await rig.line.ready();
    expect(rig.line.status()).toMatchObject({ manufacturer: 'Ringfence', model: 'Demo line (simulated)' });
    const numbers = new Set<string>();
    await rig.waitFor(
      'caller-id',
      (e: { callerId: { number: string | null } }) => {
        if (e.callerId.number) numbers.add(e.callerId.number);
        return [...numbers].filter((n) => /^1(70|71|62|65|67)\d{8}$/.test(n)).length >= 5 && demoTrustedCallers.some((c) => numbers.has(c.number));
      },
      20_000,
    );
  });
});
