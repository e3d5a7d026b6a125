// The drill's gated week (issue 16): the pass gate against call bombing through the real product — the host
// process screening a simulated SIM800 (it detects keys and speaks prompts) with the shield on. Bots (they
// do not listen, press nothing) call from rotating and withheld numbers; people press the digit the prompt
// asks for and call again within their pass; trusted callers call in between. Judged from the history, the
// same records a user sees: every bot call stopped by the gate, every person's redial rings through on its
// pass, no trusted caller ever gated. The time a gated call holds the line (answer → hang-up) is reported.
import { rmSync } from 'node:fs';
import type { CallRecord } from '../../shared/domain.ts';
import type { CallResult } from '../../main/sim/index.ts';
import { Rig } from './rig.ts';

export type GatedOptions = {
  dir: string;
  timeScale: number;
  seed: number;
  bots: number;
  people: number;
  trusted: number;
  digitWaitSeconds: number;
  cleanUp?: boolean;
};

type Kind = 'bot' | 'withheld-bot' | 'person' | 'person-redial' | 'trusted';
type Placed = { kind: Kind; number: string | null; result: CallResult };

export type GatedResult = {
  name: 'gated';
  pass: boolean;
  checks: { name: string; pass: boolean; detail: string }[];
  figures: {
    calls: number;
    bots: number;
    botsStopped: number;
    people: number;
    peoplePassed: number;
    redialsRangThrough: number;
    trusted: number;
    trustedGated: number;
    /** Real ms from the decision (the gate answers at once) to the hang-up, as the host recorded them: every
     *  gated call, bots (who wait out the digit time), people (asked, pressed, told to call again). */
    holdMs: { p50: number; p95: number; max: number };
    holdBotMs: { p50: number; max: number };
    holdPersonMs: { p50: number; max: number };
    /** Real ms from caller ID to decision for trusted callers: the wait the gate must not lengthen. */
    trustedDecisionMs: { p50: number; max: number };
    digitWaitSeconds: number;
  };
  realSeconds: number;
  timeScale: number;
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0) : 0;
};

/** A deterministic shuffle (the seed decides the order of bots, people and trusted callers). */
function shuffled<T>(items: T[], seed: number): T[] {
  let x = seed || 1;
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export async function runGated(o: GatedOptions): Promise<GatedResult> {
  const began = performance.now();
  const rig = await Rig.start({ dir: o.dir, timeScale: o.timeScale, clockStart: Date.now(), seed: o.seed, profile: 'sim800', answeredHoldMs: 3_600_000 });
  const placed: Placed[] = [];
  try {
    const host = rig.host!;
    const deadline = Date.now() + 20_000;
    while (!(await host.call('getStatus')).lines.every((l) => l.state === 'ready' && l.gate?.supported)) {
      if (Date.now() > deadline) throw new Error('the simulated SIM800 line never became ready to gate');
      await new Promise((r) => setTimeout(r, 100));
    }
    await host.call('updateSettings', { patch: { homeCountry: 'CN', screening: { gate: { mode: 'during-shield', digitWaitSeconds: o.digitWaitSeconds } } } });
    const trusted = Array.from({ length: o.trusted }, (_, i) => `1380013${String(8000 + i).padStart(4, '0')}`);
    for (const [i, number] of trusted.entries()) await host.call('addRule', { list: 'trusted', value: number, kind: 'number', label: `family ${i + 1}` });
    await host.call('setShield', { on: true });

    const plan: { kind: Kind; number: string | null }[] = shuffled(
      [
        ...Array.from({ length: o.bots }, (_, i) => ({
          kind: (i % 5 === 4 ? 'withheld-bot' : 'bot') as Kind,
          number: i % 5 === 4 ? null : `170${String(10_000_000 + i * 7919).slice(-8)}`,
        })),
        ...Array.from({ length: o.people }, (_, i) => ({ kind: 'person' as Kind, number: `139${String(20_000_000 + i * 104_729).slice(-8)}` })),
        ...trusted.map((number) => ({ kind: 'trusted' as Kind, number })),
      ],
      o.seed,
    );
    for (const call of plan) {
      const spec = { number: call.number, presentation: call.number ? ('allowed' as const) : ('withheld' as const) };
      if (call.kind === 'trusted') {
        placed.push({ ...call, result: await rig.sim.placeCall({ ...spec, rings: 2 }) });
        continue;
      }
      const caller = call.kind === 'person' ? 'person' : 'bot';
      placed.push({ ...call, result: await rig.sim.placeCall({ ...spec, rings: 8, caller }) });
      if (call.kind === 'person') {
        // A person redials 20 s later, well within the pass; nobody answers, so it rings 3 times and stops.
        placed.push({ kind: 'person-redial', number: call.number, result: await rig.sim.placeCall({ ...spec, rings: 3, caller, afterReleaseMs: 20_000 }) });
      }
    }
    // Let the last records reach the history.
    const want = placed.length;
    const until = Date.now() + 20_000;
    let records = (await host.call('queryCalls', { limit: 1000, order: 'oldest' })).calls;
    while (records.length < want && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      records = (await host.call('queryCalls', { limit: 1000, order: 'oldest' })).calls;
    }
    return judge(o, placed, records, began);
  } finally {
    await rig.close();
  }
}

function judge(o: GatedOptions, placed: Placed[], records: CallRecord[], began: number): GatedResult {
  const of = (kind: Kind) => records.filter((r) => kindOf(r) === kind);
  const trustedSet = new Set(placed.filter((p) => p.kind === 'trusted').map((p) => p.number));
  function kindOf(r: CallRecord): Kind {
    if (r.number === null) return 'withheld-bot';
    const bare = r.number.replace(/^\+86/, '');
    if (trustedSet.has(bare)) return 'trusted';
    if (bare.startsWith('170')) return 'bot';
    return r.decision.reason === 'gate-pass' ? 'person-redial' : 'person';
  }
  const bots = [...of('bot'), ...of('withheld-bot')];
  const botsStopped = bots.filter((r) => r.outcome === 'gate-failed' || r.outcome === 'gate-withheld').length;
  const people = of('person');
  const peoplePassed = people.filter((r) => r.outcome === 'gate-passed').length;
  const redials = of('person-redial');
  const redialsRangThrough = redials.filter((r) => r.decision.action === 'allow' && (r.outcome === 'caller-hung-up' || r.outcome === 'rang-through')).length;
  const trusted = of('trusted');
  const trustedGated = trusted.filter((r) => r.decision.reason !== 'trusted' || r.outcome.startsWith('gate')).length;
  const gated = records.filter((r) => r.decision.reason === 'gate' && r.timings.decision !== null);
  const holdOf = (r: CallRecord) => (r.timings.hangupSent ?? r.timings.end ?? 0) - (r.timings.decision ?? 0);
  const hold = gated.map(holdOf);
  const holdBot = gated.filter((r) => r.outcome !== 'gate-passed').map(holdOf);
  const holdPerson = gated.filter((r) => r.outcome === 'gate-passed').map(holdOf);
  const trustedWait = trusted.filter((r) => r.timings.decision !== null && r.timings.callerId !== null).map((r) => r.timings.decision! - r.timings.callerId!);
  const checks = [
    {
      name: 'every bot call stopped by the gate',
      pass: bots.length === o.bots && botsStopped === bots.length,
      detail: `${botsStopped} of ${bots.length} (${o.bots} placed)`,
    },
    { name: 'every person passed the gate', pass: people.length === o.people && peoplePassed === o.people, detail: `${peoplePassed} of ${people.length}` },
    {
      name: 'every person reached the user on the redial',
      pass: redials.length === o.people && redialsRangThrough === o.people,
      detail: `${redialsRangThrough} of ${redials.length} rang through on their pass`,
    },
    { name: 'no trusted caller gated', pass: trusted.length === o.trusted && trustedGated === 0, detail: `${trustedGated} of ${trusted.length} gated` },
    { name: 'every call recorded once', pass: records.length === placed.length, detail: `${records.length} records for ${placed.length} calls` },
    {
      name: 'the simulator heard the same',
      pass: placed.every((p) => (p.kind === 'trusted' || p.kind === 'person-redial' ? p.result.outcome !== 'gated' : p.result.outcome === 'gated')),
      detail: `${placed.filter((p) => p.result.outcome === 'gated').length} calls answered by the gate`,
    },
  ];
  return {
    name: 'gated',
    pass: checks.every((c) => c.pass),
    checks,
    figures: {
      calls: records.length,
      bots: bots.length,
      botsStopped,
      people: people.length,
      peoplePassed,
      redialsRangThrough,
      trusted: trusted.length,
      trustedGated,
      holdMs: { p50: Math.round(pct(hold, 50)), p95: Math.round(pct(hold, 95)), max: Math.round(Math.max(0, ...hold)) },
      holdBotMs: { p50: Math.round(pct(holdBot, 50)), max: Math.round(Math.max(0, ...holdBot)) },
      holdPersonMs: { p50: Math.round(pct(holdPerson, 50)), max: Math.round(Math.max(0, ...holdPerson)) },
      trustedDecisionMs: { p50: Math.round(pct(trustedWait, 50) * 1000) / 1000, max: Math.round(Math.max(0, ...trustedWait) * 1000) / 1000 },
      digitWaitSeconds: o.digitWaitSeconds,
    },
    realSeconds: Math.round((performance.now() - began) / 1000),
    timeScale: o.timeScale,
  };
}

export function summariseGated(r: GatedResult): string[] {
  const f = r.figures;
  return [
    `gated week: ${r.pass ? 'PASS' : 'FAIL'} — ${f.calls} calls in ${r.realSeconds} s real`,
    ...r.checks.map((c) => `  ${c.pass ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`),
    `  a gated call holds the line ${(f.holdMs.p50 / 1000).toFixed(1)} s (p50), ${(f.holdMs.p95 / 1000).toFixed(1)} s (p95), ${(f.holdMs.max / 1000).toFixed(1)} s (max), waiting ${f.digitWaitSeconds} s for the digit`,
    `  a bot ${(f.holdBotMs.p50 / 1000).toFixed(1)} s (p50, max ${(f.holdBotMs.max / 1000).toFixed(1)} s); a person who presses ${(f.holdPersonMs.p50 / 1000).toFixed(1)} s (p50, max ${(f.holdPersonMs.max / 1000).toFixed(1)} s)`,
    `  a trusted caller is decided in ${f.trustedDecisionMs.p50} ms (p50), ${f.trustedDecisionMs.max} ms (max) after its caller ID, never answered`,
  ];
}

export const cleanGated = (dir: string) => rmSync(dir, { recursive: true, force: true });
