// Turns a scenario (schemas.ts) into the flat, time-ordered list of calls and faults the simulator plays.
// Pure and seeded: the same scenario and seed always give the same numbers.
import type { z } from 'zod';
import { ScenarioTooLargeError } from './errors.ts';
import { seededRandom, type Random } from './random.ts';
import type { CallSpec, Fault, Scenario, SmsSpec } from './schemas.ts';

export type TimelineItem = { at: number; call: CallSpec } | { at: number; fault: Fault } | { at: number; sms: SmsSpec };

/** More calls and messages than this is a typo (every: 1 for a year), not a test. */
export const maxScenarioCalls = 100_000;

export { ScenarioTooLargeError };

/**
 * Virtual-operator mobile prefixes (170, 171, 162, 165, 167): cheap, disposable numbers, the ones
 * call-bombing services rotate through. National format, 11 digits, never repeated within a run.
 */
export function rotatingNumbers(random: Random): () => string {
  const seen = new Set<string>();
  const prefixes = ['170', '171', '162', '165', '167'];
  return () => {
    for (;;) {
      const n = random.pick(prefixes) + String(random.int(0, 99_999_999)).padStart(8, '0');
      if (!seen.has(n)) {
        seen.add(n);
        return n;
      }
    }
  };
}

export function expandScenario(scenario: z.output<typeof Scenario>, seed = 1): TimelineItem[] {
  const nextRotating = rotatingNumbers(seededRandom(seed));
  const items: TimelineItem[] = [];
  let calls = 0;
  const count = () => {
    if (++calls > maxScenarioCalls) throw new ScenarioTooLargeError(maxScenarioCalls);
  };
  const random = seededRandom(seed + 7919);
  const codes = seededRandom(seed + 1);
  for (const step of scenario.steps) {
    if ('backToBack' in step) {
      const b = step.backToBack;
      for (let i = 0; i < b.calls; i++) {
        count();
        const who = random.pick(b.callers);
        const number = who === 'withheld' ? null : who === 'rotating' ? nextRotating() : who;
        const call: CallSpec = {
          number,
          presentation: number === null ? 'withheld' : 'allowed',
          rings: random.int(b.rings[0], b.rings[1]),
          afterReleaseMs: random.int(b.gapMs[0], b.gapMs[1]),
        };
        items.push({ at: step.at, call });
      }
      continue;
    }
    if ('at' in step) {
      if (!('fault' in step)) count();
      items.push(step);
      continue;
    }
    if ('sms' in step) {
      const { every, from, sms } = step;
      let i = 0;
      for (let at = from; at < from + step.for; at += every, i++) {
        count();
        const sender = sms.senders === 'rotating' ? nextRotating() : sms.senders[i % sms.senders.length]!;
        const text = sms.texts[i % sms.texts.length]!.replaceAll('{code}', () => String(codes.int(0, 999_999)).padStart(6, '0'));
        items.push({ at, sms: { from: sender, text } });
      }
      continue;
    }
    const { every, from, call } = step;
    let i = 0;
    for (let at = from; at < from + step.for; at += every, i++) {
      count();
      const number = call.presentation !== 'allowed' ? null : call.numbers === 'rotating' ? nextRotating() : call.numbers[i % call.numbers.length]!;
      items.push({
        at,
        call: {
          number,
          presentation: call.presentation,
          ...(call.name ? { name: call.name } : {}),
          ...(call.rings ? { rings: call.rings } : {}),
          ...(call.caller ? { caller: call.caller } : {}),
        },
      });
    }
  }
  // Stable: steps due at the same moment keep the order they were written in (a back-to-back flood's calls
  // share one time and ring in turn).
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.at - b.item.at || a.index - b.index)
    .map((x) => x.item);
}

/**
 * The back-to-back flood profile of issue 14: call-bombing software redialling from a bank of lines, each
 * call ringing 50–200 ms after the previous one was released, withheld, rotating and repeated numbers, the
 * callers giving up after 1–3 rings.
 */
export function backToBackFlood(options: { calls?: number; at?: number; repeated?: string[] } = {}): z.input<typeof Scenario> {
  const repeated = options.repeated ?? ['17012345678', '13800138000'];
  return {
    steps: [
      {
        at: options.at ?? 0,
        backToBack: { calls: options.calls ?? 160, gapMs: [50, 200], rings: [1, 3], callers: ['withheld', 'withheld', 'rotating', 'rotating', ...repeated] },
      },
    ],
  };
}
