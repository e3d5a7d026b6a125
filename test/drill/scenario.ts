// A week of call bombing, generated from a seed: a pure function, so the same seed is the same week on
// every machine and a failing run can be replayed. The shape follows the reports of 呼死你 victims the issue
// quotes: sessions ("episodes") of several bursts — up to 40 calls in five minutes, a call every two seconds
// at the peak — from numbers the software rotates through, some withheld, with quiet stretches of hours in
// between. Mixed in: the people who matter (trusted numbers, some calling in the middle of a burst) and
// ordinary strangers (a courier, a clinic) calling when the line is quiet.
import { seededRandom, type Random } from '../../main/sim/random.ts';

export type DrillCallKind = 'flood' | 'trusted' | 'ordinary';

export type DrillCall = {
  index: number;
  /** Milliseconds from the start of the week. */
  at: number;
  kind: DrillCallKind;
  /** The episode a flood call belongs to, or a trusted call rings inside; null in quiet stretches. */
  episode: number | null;
  number: string | null;
  presentation: 'allowed' | 'withheld';
  /** The caller gives up after this many rings unless Ringfence hangs up first. */
  rings: number;
  /** Back to back: rings this many real ms after the previous call was released, whatever `at` says. */
  afterReleaseMs?: number;
  /** The person at the phone picks up after `rings` rings (a call in progress that others can wait on). */
  answered?: boolean;
  /** Rings as a waiting call (+CCWA) during the answered call placed before it. */
  waiting?: boolean;
};

export type Episode = { index: number; from: number; to: number; floodCalls: number; bursts: number };

export type DrillWeek = {
  seed: number;
  /** Epoch ms of the week's start. */
  start: number;
  durationMs: number;
  calls: DrillCall[];
  episodes: Episode[];
  trusted: { number: string; label: string }[];
};

export type WeekOptions = {
  seed: number;
  /** Epoch ms; default Monday 2 March 2026, 00:00 UTC. */
  start?: number;
  days?: number;
  floodCalls?: number;
  /** Share of the numbered flood calls that use a number not used before (the rotation pool's size). */
  distinctShare?: number;
  withheldShare?: number;
  trustedNumbers?: number;
  trustedCalls?: number;
  ordinaryCalls?: number;
  /**
   * Flood speed (issue 14): every call of a burst's peak rings 50–200 ms after the previous one was released,
   * its caller giving up after 1–3 rings — the moment a released line is free, the software rings again.
   */
  backToBack?: boolean;
  /** How many rings a back-to-back caller waits, [min, max] (default [1, 3]). */
  backToBackRings?: [number, number];
  /** Call waiting: each trusted call inside a burst is picked up, and two flood calls ring as waiting calls. */
  callWaiting?: boolean;
};

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** The densest the software gets: a call every 2 s, at most 40 calls in any five minutes (one burst). */
export const peakGapMs = 2 * SECOND;
export const maxBurstCalls = 40;
const minBurstCalls = 12;
/** Pauses inside an episode stay under the shield's 60 quiet minutes, so one episode is one incident. */
const burstPauseMs = { min: 6 * MINUTE, max: 40 * MINUTE };
/** Quiet stretches between episodes: the shield ends (60 min) and the line is calm for a while. */
export const minQuietMs = 2 * HOUR;
/** Ordinary callers ring well clear of any episode: the shield is off and their call counts alone. */
export const ordinaryClearanceMs = { afterEpisode: 75 * MINUTE, beforeEpisode: 20 * MINUTE, apart: 15 * MINUTE };

export function generateWeek(options: WeekOptions): DrillWeek {
  const o = {
    start: Date.UTC(2026, 2, 2),
    days: 7,
    floodCalls: 3000,
    distinctShare: 0.6,
    withheldShare: 0.12,
    trustedNumbers: 10,
    trustedCalls: 60,
    ordinaryCalls: 30,
    ...options,
  };
  const random = seededRandom(o.seed);
  const durationMs = o.days * 24 * HOUR;

  const shapes = episodeShapes(o.floodCalls, random);
  const spans = shapes.map((s) => s.offsets.at(-1)!);
  const quietTotal = durationMs - spans.reduce((a, b) => a + b, 0);
  // Quiet stretches before, between and after the episodes: random weights over what the week leaves.
  const weights = Array.from({ length: shapes.length + 1 }, () => 0.5 + random.next());
  const free = quietTotal - (shapes.length + 1) * minQuietMs;
  if (free < 0)
    throw new RangeError(`${o.floodCalls} flood calls in ${shapes.length} episodes do not fit in ${o.days} day(s) with ${minQuietMs / HOUR} h quiet stretches`);
  const weightSum = weights.reduce((a, b) => a + b, 0);

  const numbers = rotatingNumbers(o, random);
  const calls: Omit<DrillCall, 'index'>[] = [];
  const episodes: Episode[] = [];
  let t = 0;
  shapes.forEach((shape, e) => {
    t += Math.round(minQuietMs + (free * weights[e]!) / weightSum);
    shape.offsets.forEach((offset, i) => {
      const withheld = random.next() < o.withheldShare;
      const call: Omit<DrillCall, 'index'> = {
        at: t + offset,
        kind: 'flood',
        episode: e,
        number: withheld ? null : numbers.next(),
        presentation: withheld ? 'withheld' : 'allowed',
        rings: 3,
      };
      if (o.backToBack && i > 0 && offset - shape.offsets[i - 1]! === peakGapMs) {
        call.afterReleaseMs = random.int(50, 200);
        call.rings = random.int(...(o.backToBackRings ?? [1, 3]));
      }
      calls.push(call);
    });
    episodes.push({ index: e, from: t, to: t + spans[e]!, floodCalls: shape.offsets.length, bursts: shape.bursts });
    t += spans[e]!;
  });

  const trusted = Array.from({ length: o.trustedNumbers }, (_, i) => ({
    number: `1390000${String(1000 + i * 37).padStart(4, '0')}`,
    label: `Trusted ${i + 1}`,
  }));
  placeTrusted(calls, episodes, trusted, o.trustedCalls, durationMs, random);
  placeOrdinary(calls, episodes, o.ordinaryCalls, durationMs, random);
  if (o.callWaiting) {
    // A trusted call inside a burst is picked up after one ring; two flood calls wait on it (1 ms apart in
    // the schedule, so they sort after it and before the next flood call). Their numbers are new ones (166…,
    // a range the rotation pool never uses): the software never repeats a number within an episode.
    let fresh = 0;
    for (const c of calls.filter((c) => c.kind === 'trusted' && c.episode !== null)) {
      c.answered = true;
      c.rings = 1;
      for (const k of [1, 2]) {
        const withheld = random.next() < o.withheldShare;
        const number = withheld ? null : `1660000${String(fresh++).padStart(4, '0')}`;
        calls.push({ at: c.at + k, kind: 'flood', episode: c.episode, number, presentation: withheld ? 'withheld' : 'allowed', rings: 3, waiting: true });
      }
    }
  }

  calls.sort((a, b) => a.at - b.at);
  return { seed: o.seed, start: o.start, durationMs, calls: calls.map((c, index) => ({ index, ...c })), episodes, trusted };
}

type Shape = { offsets: number[]; bursts: number };

/** Each episode: 2–6 bursts of 12–40 calls; each burst opens at the peak rate, then slows down. */
function episodeShapes(total: number, random: Random): Shape[] {
  const sizes: number[] = [];
  for (let sum = 0; sum < total; sum += sizes.at(-1)!) sizes.push(random.int(minBurstCalls, maxBurstCalls));
  // Trim to the total; a remainder too small to be a burst joins the bursts before it.
  let excess = sizes.reduce((a, b) => a + b, 0) - total;
  sizes[sizes.length - 1]! -= excess;
  if (sizes.length > 1 && sizes.at(-1)! < minBurstCalls) {
    excess = sizes.pop()!;
    for (let i = sizes.length - 1; excess > 0 && i >= 0; i--) {
      const add = Math.min(excess, maxBurstCalls - sizes[i]!);
      sizes[i]! += add;
      excess -= add;
    }
    if (excess > 0) sizes.push(excess);
  }
  const shapes: Shape[] = [];
  for (let b = 0; b < sizes.length;) {
    const bursts = Math.min(random.int(2, 6), sizes.length - b);
    const offsets: number[] = [];
    let t = 0;
    for (const n of sizes.slice(b, b + bursts)) {
      if (offsets.length) t += random.int(burstPauseMs.min, burstPauseMs.max);
      const peak = random.int(Math.min(n, 6), n);
      for (let i = 0; i < n; i++) {
        if (i > 0) t += i < peak ? peakGapMs : random.int(3, 20) * SECOND;
        offsets.push(t);
      }
    }
    shapes.push({ offsets, bursts });
    b += bursts;
  }
  return shapes;
}

/**
 * The software's numbers: mobile numbers drawn from a pool and used in a fixed rotation, so a number comes
 * back only after the whole pool has been used (never twice in one episode, as the tools these victims
 * describe rotate through thousands of numbers).
 */
function rotatingNumbers(o: { floodCalls: number; withheldShare: number; distinctShare: number }, random: Random) {
  const size = Math.max(1, Math.ceil(o.floodCalls * (1 - o.withheldShare) * o.distinctShare));
  const prefixes = [
    '130',
    '131',
    '132',
    '133',
    '135',
    '136',
    '137',
    '138',
    '150',
    '151',
    '152',
    '155',
    '158',
    '159',
    '170',
    '171',
    '176',
    '177',
    '180',
    '186',
    '187',
    '188',
    '189',
  ];
  const seen = new Set<string>();
  const pool: string[] = [];
  while (pool.length < size) {
    const n = `${random.pick(prefixes)}${String(random.int(0, 99_999_999)).padStart(8, '0')}`;
    if (!seen.has(n) && !n.startsWith('1390000')) {
      seen.add(n);
      pool.push(n);
    }
  }
  let i = 0;
  return { next: () => pool[i++ % pool.length]! };
}

/** A third of the trusted calls ring in the middle of a burst, after the shield is on; the rest in quiet time. */
function placeTrusted(
  calls: Omit<DrillCall, 'index'>[],
  episodes: Episode[],
  trusted: { number: string }[],
  count: number,
  durationMs: number,
  random: Random,
) {
  const inBursts = Math.min(Math.floor(count / 3), episodes.length * 3);
  const flood = calls.filter((c) => c.kind === 'flood');
  const slots: number[] = [];
  // Between two flood calls at least 4 s apart, at least six calls into the episode.
  for (let i = 1; i < flood.length; i++) {
    const prev = flood[i - 1]!;
    const next = flood[i]!;
    if (prev.episode !== next.episode || next.at - prev.at < 2 * peakGapMs) continue;
    const position = flood.findIndex((c) => c.episode === next.episode);
    if (i - position >= 6) slots.push(Math.round((prev.at + next.at) / 2));
  }
  const chosen = sample(slots, inBursts, random);
  const times = [
    ...chosen.map((at) => ({ at, episode: episodeAt(episodes, at) })),
    ...quietTimes(calls, episodes, count - chosen.length, durationMs, { afterEpisode: 0, beforeEpisode: 0, apart: 0 }, random).map((at) => ({
      at,
      episode: null,
    })),
  ];
  times.forEach(({ at, episode }, i) => {
    calls.push({ at, kind: 'trusted', episode, number: trusted[i % trusted.length]!.number, presentation: 'allowed', rings: random.int(2, 3) });
  });
}

/** Strangers with ordinary reasons: landline numbers, a few calling twice, always in a calm hour. */
function placeOrdinary(calls: Omit<DrillCall, 'index'>[], episodes: Episode[], count: number, durationMs: number, random: Random) {
  const callers = Array.from(
    { length: Math.max(1, Math.ceil(count * 0.7)) },
    (_, i) => `0${random.pick(['10', '21', '20', '755'])}${String(6200_0000 + i * 7919).slice(0, 8)}`,
  );
  quietTimes(calls, episodes, count, durationMs, ordinaryClearanceMs, random).forEach((at, i) => {
    calls.push({ at, kind: 'ordinary', episode: null, number: callers[i % callers.length]!, presentation: 'allowed', rings: random.int(2, 3) });
  });
}

/** Times in quiet stretches, clear of episodes and of each other by the given margins (and a minute from any call). */
function quietTimes(
  calls: Omit<DrillCall, 'index'>[],
  episodes: Episode[],
  count: number,
  durationMs: number,
  clear: typeof ordinaryClearanceMs,
  random: Random,
): number[] {
  const out: number[] = [];
  const busy = calls.map((c) => c.at);
  for (let attempt = 0; out.length < count && attempt < count * 1000; attempt++) {
    const at = random.int(MINUTE, durationMs - MINUTE);
    const nearEpisode = episodes.some((e) => at > e.from - clear.beforeEpisode - MINUTE && at < e.to + clear.afterEpisode + MINUTE);
    const nearCall = busy.some((b) => Math.abs(b - at) < MINUTE) || out.some((b) => Math.abs(b - at) < Math.max(MINUTE, clear.apart));
    if (!nearEpisode && !nearCall) out.push(at);
  }
  if (out.length < count) throw new RangeError(`only ${out.length} of ${count} quiet-time calls fit in the week`);
  return out.sort((a, b) => a - b);
}

function episodeAt(episodes: Episode[], at: number): number | null {
  return episodes.find((e) => at >= e.from && at <= e.to)?.index ?? null;
}

/** `n` items spread over the list (deterministic for a seed), in order. */
function sample<T>(items: T[], n: number, random: Random): T[] {
  const picked = new Set<number>();
  while (picked.size < Math.min(n, items.length)) picked.add(random.int(0, items.length - 1));
  return [...picked].sort((a, b) => a - b).map((i) => items[i]!);
}

/** The most calls in any window of `windowMs` (the "40 in five minutes" measure). */
export function densestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
