// The distinct numbers the shield rejected in one incident, as immutable values that share one store.
// A flood brings thousands of distinct numbers, and each rejection of a new one made a new shield state
// with `new Set(old).add(number)`: a copy of every number so far, on the decision path (the latency bench
// measured a 2 ms decision after 6,000 numbers). Here each value is a view of the first `size` members of
// a shared insertion-ordered map: adding to the newest view appends to the map and makes a view one
// longer (O(1)); older views never see the addition, so states stay immutable as the shield's pure
// functions assume. Adding to an older view (not something the shield does) copies, as before.

export class GrowingSet implements Iterable<string> {
  readonly #ordinal: Map<string, number>;
  readonly size: number;

  private constructor(ordinal: Map<string, number>, size: number) {
    this.#ordinal = ordinal;
    this.size = size;
  }

  static of(members: Iterable<string> = []): GrowingSet {
    const ordinal = new Map<string, number>();
    for (const m of members) if (!ordinal.has(m)) ordinal.set(m, ordinal.size);
    return new GrowingSet(ordinal, ordinal.size);
  }

  has(member: string): boolean {
    const i = this.#ordinal.get(member);
    return i !== undefined && i < this.size;
  }

  /** This set and `member`: itself when already in, else a new view one longer. */
  with(member: string): GrowingSet {
    if (this.has(member)) return this;
    if (this.#ordinal.size === this.size) {
      this.#ordinal.set(member, this.size);
      return new GrowingSet(this.#ordinal, this.size + 1);
    }
    return GrowingSet.of([...this, member]);
  }

  *[Symbol.iterator](): Iterator<string> {
    // Map iteration follows insertion order, which is ordinal order: stop at the first member past this view.
    for (const [member, i] of this.#ordinal) {
      if (i >= this.size) return;
      yield member;
    }
  }
}
