// The demo line: a simulated modem with a plausible week compressed into a loop (family ringing through,
// scattered sales and scam calls, one call-bombing flood from rotating and withheld numbers), for
// `ringfence serve --demo` and the desktop app's "Try without a modem". It says what it is wherever the
// app can look: the modem reports itself as "Ringfence / Demo line (simulated)".
import type { SimTransport } from './link.ts';
import type { CallSpec, Scenario } from './schemas.ts';
import { huaweiE173 } from './profiles/huawei-e173.ts';
import type { Profile } from './profiles/profile.ts';
import { seededRandom } from './random.ts';
import { rotatingNumbers } from './scenario.ts';
import { startSimulator, type Simulator } from './simulator.ts';

/** Callers the demo treats as family: the service may add them to the trusted list of the demo line. */
export const demoTrustedCallers: ReadonlyArray<{ number: string; name: string }> = [
  { number: '13800138000', name: 'Mum 妈妈' },
  { number: '13912345678', name: 'Dad 爸爸' },
  { number: '02164381234', name: 'Clinic 社区医院' },
];

/** Callers nobody trusts: a sales line, a "bank" and a courier the user may or may not want. */
const strangers = ['4008123456', '02150123456', '17098765432', '+85251234567', '13600001111'];

/** The demo sandbox's blocked list: the sales line, so "a blocked caller" has something to match. */
export const demoBlockedCallers: ReadonlyArray<{ number: string; name: string }> = [{ number: '4008123456', name: 'Sales line 推销电话' }];

export type DemoRing = 'normal' | 'blocked' | 'flood';

/**
 * The calls behind the UI's "Ring the demo line" buttons: an ordinary caller (the courier), the blocked
 * sales line, or a flood — eight rotating virtual-operator numbers and two withheld calls, 1.5 s apart,
 * more than the shield's default threshold of 5 calls in 10 minutes.
 */
export function demoRing(kind: DemoRing, seed: number): Array<{ at: number; call: CallSpec }> {
  if (kind === 'normal') return [{ at: 0, call: { number: '13600001111', presentation: 'allowed', rings: 3 } }];
  if (kind === 'blocked') return [{ at: 0, call: { number: demoBlockedCallers[0]!.number, presentation: 'allowed', rings: 3 } }];
  const next = rotatingNumbers(seededRandom(seed));
  return Array.from({ length: 10 }, (_, i) => ({
    at: i * 1_500,
    call: i % 5 === 4 ? { number: null, presentation: 'withheld' as const, rings: 1 } : { number: next(), presentation: 'allowed' as const, rings: 1 },
  }));
}

export const demoProfile: Profile = {
  ...huaweiE173,
  label: 'Ringfence demo line (simulated)',
  identity: {
    manufacturer: 'Ringfence',
    model: 'Demo line (simulated)',
    revision: 'demo',
    imei: '000000000000000',
    imsi: '001010000000000',
    ati: { '': ['Manufacturer: Ringfence', 'Model: Demo line (simulated)', 'Revision: demo', 'IMEI: 000000000000000', '+GCAP: +CGSM,+DS,+ES'] },
  },
  network: { operator: '+COPS: 0,0,"Ringfence demo",2', operatorList: '+COPS: (2,"Ringfence demo","DEMO","00101",2),,(0-4),(0-2)', csq: 20 },
};

/** Length of one demo cycle in simulated ms: ten minutes, so a newcomer sees everything in one sitting. */
export const demoCycleMs = 600_000;

/** One cycle of demo traffic. Seeded: each cycle differs, the same seed gives the same calls. */
export function demoScenario(seed: number): Scenario {
  const random = seededRandom(seed);
  const nextSpam = rotatingNumbers(random);
  const jitter = (ms: number) => Math.max(0, ms + random.int(-5_000, 5_000));
  const steps: Array<{ at: number; call: CallSpec }> = [];
  const trusted = (at: number) => {
    const who = random.pick(demoTrustedCallers);
    steps.push({ at: jitter(at), call: { number: who.number, presentation: 'allowed', rings: 3 } });
  };
  const stranger = (at: number) => steps.push({ at: jitter(at), call: { number: random.pick(strangers), presentation: 'allowed', rings: random.int(2, 5) } });

  trusted(8_000);
  stranger(45_000);
  steps.push({ at: jitter(80_000), call: { number: null, presentation: 'withheld', rings: 3 } });
  // The flood: a call every ~4 s for two minutes, rotating virtual-operator numbers, one in five withheld,
  // hanging up after one or two rings as call-bombing services do.
  for (let at = 120_000; at < 240_000; at += random.int(3_000, 5_000)) {
    const withheld = random.next() < 0.2;
    steps.push({ at, call: { number: withheld ? null : nextSpam(), presentation: withheld ? 'withheld' : 'allowed', rings: random.int(1, 2) } });
  }
  trusted(300_000);
  stranger(400_000);
  steps.push({ at: jitter(480_000), call: { number: null, presentation: 'unavailable', rings: 2 } });
  trusted(560_000);
  return { steps };
}

export async function startDemoModem(options: { link: string; timeScale?: number; seed?: number; transport?: SimTransport }): Promise<Simulator> {
  const sim = await startSimulator(
    {
      link: options.link,
      profile: 'huawei-e173',
      timeScale: options.timeScale ?? 1,
      seed: options.seed ?? 1,
      ...(options.transport ? { transport: options.transport } : {}),
    },
    { profile: demoProfile },
  );
  let running = true;
  const loop = (async () => {
    for (let cycle = 0; running; cycle++) {
      await sim.runScenario(demoScenario((options.seed ?? 1) + cycle)).catch(() => {});
    }
  })();
  return {
    ...sim,
    get controlUrl() {
      return sim.controlUrl;
    },
    async close() {
      running = false;
      await sim.close();
      await loop;
    },
  };
}
