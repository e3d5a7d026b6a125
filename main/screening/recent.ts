// Recent calls in sliding windows: what the flood shield counts, what the rate limit counts, and when each
// number last rang off (for the repeated-call breakthrough). Times are epoch milliseconds passed in; this
// keeps 24 hours, the longest window any setting can ask for.
const DAY_MS = 24 * 60 * 60 * 1000;

export type NumberHistory = {
  /** Start times of this number's untrusted calls in the last 24 h, oldest first. */
  starts: number[];
  lastEndedAt: number | null;
  lastBreakthroughAt: number | null;
  /** Set when the rate limit first blocked it: blocked for a day from then. */
  rateLimitedUntil: number | null;
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

/** Keeps `times` sorted even when a replayed call is older than the newest one seen. */
function insertSorted(times: number[], t: number): void {
  let i = times.length;
  while (i > 0 && (times[i - 1] as number) > t) i--;
  times.splice(i, 0, t);
}

export class RecentCalls {
  readonly #untrusted: number[] = [];
  readonly #withheld: number[] = [];
  readonly #byNumber = new Map<string, NumberHistory>();

  #history(number: string): NumberHistory {
    let h = this.#byNumber.get(number);
    if (!h) {
      h = { starts: [], lastEndedAt: null, lastBreakthroughAt: null, rateLimitedUntil: null };
      this.#byNumber.set(number, h);
    }
    return h;
  }

  // --- what happened -------------------------------------------------------------------------------

  /** An untrusted call started: it counts toward the shield and the rate limit. */
  addUntrusted(at: number, number: string | null, withheld: boolean): void {
    insertSorted(this.#untrusted, at);
    if (withheld) insertSorted(this.#withheld, at);
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

  /** Forgets what is older than a day, so a week-long flood of rotating numbers does not grow memory. */
  prune(now: number): void {
    const from = now - DAY_MS;
    const drop = (times: number[]) => times.splice(0, times.length - countSince(times, from));
    drop(this.#untrusted);
    drop(this.#withheld);
    for (const [number, h] of this.#byNumber) {
      drop(h.starts);
      const recent = Math.max(h.lastEndedAt ?? 0, h.lastBreakthroughAt ?? 0, h.rateLimitedUntil ?? 0);
      if (h.starts.length === 0 && recent < from) this.#byNumber.delete(number);
    }
  }

  // --- questions -----------------------------------------------------------------------------------

  untrustedSince(from: number): number {
    return countSince(this.#untrusted, from);
  }

  withheldSince(from: number): number {
    return countSince(this.#withheld, from);
  }

  numberSince(number: string, from: number): number {
    const h = this.#byNumber.get(number);
    return h ? countSince(h.starts, from) : 0;
  }

  of(number: string): Readonly<NumberHistory> | undefined {
    return this.#byNumber.get(number);
  }

  get trackedNumbers(): number {
    return this.#byNumber.size;
  }
}

export { DAY_MS };
