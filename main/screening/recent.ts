// Recent calls in sliding windows: what the flood shield counts, what the rate limit counts, and when each
// number last rang off (for the repeated-call breakthrough). Times are epoch milliseconds passed in; this
// keeps 24 hours, the longest window any setting can ask for.
//
// Two counts, on purpose: the rate limit counts every untrusted call of a number, while the shield counts
// only the calls nothing else already stopped — a number on the block list calling ten times is a threat
// that is already contained, and must not raise the shield against everyone else.
const DAY_MS = 24 * 60 * 60 * 1000;

export type NumberHistory = {
  /** Start times of this number's untrusted calls in the last 24 h, oldest first. */
  starts: number[];
  /** The subset the shield counts (calls no rule or limit had already stopped). */
  shieldStarts: number[];
  lastEndedAt: number | null;
  lastBreakthroughAt: number | null;
  /** Set when the rate limit first blocked it: blocked for a day from then. */
  rateLimitedUntil: number | null;
  /** Until when it holds a pass from the gate (its redials ring through), or null. */
  passUntil: number | null;
};

/** Count of sorted times at or after `from` (binary search: the windows can hold thousands during a flood). */
function countSince(times: number[], from: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) < from) lo = mid + 1;
    else hi = mid;
  }
  return times.length - lo;
}

/** Keeps `times` sorted even when a replayed call is older than the newest one seen; returns where it went. */
function insertSorted(times: number[], t: number): number {
  let i = times.length;
  while (i > 0 && (times[i - 1] as number) > t) i--;
  times.splice(i, 0, t);
  return i;
}

/** One call the shield counted: enough to say afterwards what engaged it. */
export type CountedCall = { at: number; number: string | null };

export class RecentCalls {
  readonly #untrusted: number[] = [];
  /** Parallel to #untrusted (same order): who called, for the sentence that says what engaged the shield. */
  readonly #untrustedNumbers: (string | null)[] = [];
  readonly #withheld: number[] = [];
  readonly #byNumber = new Map<string, NumberHistory>();

  #history(number: string): NumberHistory {
    let h = this.#byNumber.get(number);
    if (!h) {
      h = { starts: [], shieldStarts: [], lastEndedAt: null, lastBreakthroughAt: null, rateLimitedUntil: null, passUntil: null };
      this.#byNumber.set(number, h);
    }
    return h;
  }

  // --- what happened -------------------------------------------------------------------------------

  /** An untrusted call started: it counts toward the rate limit and, unless `shield` is false, the shield. */
  addUntrusted(at: number, number: string | null, withheld: boolean, options: { shield?: boolean } = {}): void {
    if (options.shield ?? true) this.countForShield(at, number, withheld);
    this.countForLimit(at, number);
  }

  /** Counts a call toward the shield's thresholds only. */
  countForShield(at: number, number: string | null, withheld: boolean): void {
    const i = insertSorted(this.#untrusted, at);
    this.#untrustedNumbers.splice(i, 0, number);
    if (withheld) insertSorted(this.#withheld, at);
    if (number !== null) insertSorted(this.#history(number).shieldStarts, at);
  }

  /** Counts a call toward the number's daily rate limit only. */
  countForLimit(at: number, number: string | null): void {
    if (number !== null) insertSorted(this.#history(number).starts, at);
  }

  ended(number: string, at: number): void {
    const h = this.#history(number);
    if (h.lastEndedAt === null || at > h.lastEndedAt) h.lastEndedAt = at;
  }

  brokeThrough(number: string, at: number): void {
    this.#history(number).lastBreakthroughAt = at;
  }

  rateLimited(number: string, until: number): void {
    const h = this.#history(number);
    if (h.rateLimitedUntil === null || until > h.rateLimitedUntil) h.rateLimitedUntil = until;
  }

  /** It answered the gate: its calls ring through until `until`. */
  passed(number: string, until: number): void {
    const h = this.#history(number);
    if (h.passUntil === null || until > h.passUntil) h.passUntil = until;
  }

  /** Forgets what is older than a day, so a week-long flood of rotating numbers does not grow memory. */
  prune(now: number): void {
    const from = now - DAY_MS;
    const drop = (times: number[]) => times.splice(0, times.length - countSince(times, from));
    this.#untrustedNumbers.splice(0, drop(this.#untrusted).length);
    drop(this.#withheld);
    for (const [number, h] of this.#byNumber) {
      drop(h.starts);
      drop(h.shieldStarts);
      const recent = Math.max(h.lastEndedAt ?? 0, h.lastBreakthroughAt ?? 0, h.rateLimitedUntil ?? 0, h.passUntil ?? 0);
      if (h.starts.length === 0 && h.shieldStarts.length === 0 && recent < from) this.#byNumber.delete(number);
    }
  }

  // --- questions -----------------------------------------------------------------------------------

  untrustedSince(from: number): number {
    return countSince(this.#untrusted, from);
  }

  withheldSince(from: number): number {
    return countSince(this.#withheld, from);
  }

  /** This number's untrusted calls since `from`, for the rate limit. */
  numberSince(number: string, from: number): number {
    const h = this.#byNumber.get(number);
    return h ? countSince(h.starts, from) : 0;
  }

  /** This number's calls the shield counted since `from`. */
  numberCountedSince(number: string, from: number): number {
    const h = this.#byNumber.get(number);
    return h ? countSince(h.shieldStarts, from) : 0;
  }

  /** The calls the shield counted since `from`, oldest first. */
  countedSince(from: number): CountedCall[] {
    const start = this.#untrusted.length - countSince(this.#untrusted, from);
    return this.#untrusted.slice(start).map((at, i) => ({ at, number: this.#untrustedNumbers[start + i] ?? null }));
  }

  /** Start times of this number's counted calls since `from`. */
  numberCountedTimes(number: string, from: number): number[] {
    const h = this.#byNumber.get(number);
    if (!h) return [];
    return h.shieldStarts.slice(h.shieldStarts.length - countSince(h.shieldStarts, from));
  }

  /** Start times of the withheld calls the shield counted since `from`. */
  withheldTimes(from: number): number[] {
    return this.#withheld.slice(this.#withheld.length - countSince(this.#withheld, from));
  }

  of(number: string): Readonly<NumberHistory> | undefined {
    return this.#byNumber.get(number);
  }

  get trackedNumbers(): number {
    return this.#byNumber.size;
  }
}

export { DAY_MS };
