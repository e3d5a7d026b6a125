// Turns a scenario (schemas.ts) into the flat, time-ordered list of calls and faults the simulator plays.
// Pure and seeded: the same scenario and seed always give the same numbers.
import type { z } from 'zod';
import { ScenarioTooLargeError } from './errors.ts';
import { seededRandom, type Random } from './random.ts';
import type { CallSpec, Fault, Scenario } from './schemas.ts';

export type TimelineItem = { at: number; call: CallSpec } | { at: number; fault: Fault };

/** More calls than this is a typo (every: 1 for a year), not a test. */
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
  for (const step of scenario.steps) {
    if ('at' in step) {
      if ('call' in step) count();
      items.push(step);
      continue;
    }
    const { every, from, call } = step;
    let i = 0;
    for (let at = from; at < from + step.for; at += every, i++) {
      count();
      const number = call.presentation !== 'allowed' ? null : call.numbers === 'rotating' ? nextRotating() : call.numbers[i % call.numbers.length]!;
      items.push({ at, call: { number, presentation: call.presentation, ...(call.name ? { name: call.name } : {}), ...(call.rings ? { rings: call.rings } : {}) } });
    }
  }
  // Stable: steps due at the same moment keep the order they were written in.
  return items.map((item, index) => ({ item, index })).sort((a, b) => a.item.at - b.item.at || a.index - b.index).map((x) => x.item);
}
