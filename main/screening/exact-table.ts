// The exact-number half of a list, built to hold a million numbers in little memory and answer in well under
// a microsecond. E.164 numbers are kept as doubles (15 digits fit exactly) in one sorted Float64Array with
// parallel typed arrays for the few fields a decision needs; a lookup is a binary search. A Map of a million
// strings would take ~85 MB and a second to build; this takes ~20 MB. Numbers added after loading, and the
// few short codes with no E.164 form, live in a small Map beside it.
import { Action, Category } from '../../shared/domain.ts';
import type { Schedule } from '../../shared/domain.ts';
import type { IndexedRule } from './indexed-rule.ts';
import { numericKey } from './numbers.ts';

export const ACTIONS = Action.options;
export const CATEGORIES = Category.options;

/** The columns the store loads, already sorted by `keys`. */
export type ExactColumns = {
  keys: Float64Array;
  ids: Int32Array;
  actions: Uint8Array;
  /** 0 = none, else 1 + index into CATEGORIES. */
  categories: Uint8Array;
  labels: Uint32Array;
  labelTexts: string[];
  /** Only the rare numbers with a schedule or an expiry, by rule id. */
  extras: Map<number, { schedule: Schedule | null; expiresAtMs: number | null }>;
};

export const emptyColumns = (): ExactColumns => ({
  keys: new Float64Array(0),
  ids: new Int32Array(0),
  actions: new Uint8Array(0),
  categories: new Uint8Array(0),
  labels: new Uint32Array(0),
  labelTexts: [''],
  extras: new Map(),
});

export class ExactTable {
  readonly list: IndexedRule['list'];
  #base: ExactColumns;
  /** Base entries removed since loading (a removed number is re-added through the overlay). */
  #removed = new Set<number>();
  #overlay = new Map<string, IndexedRule>();

  constructor(list: IndexedRule['list'], columns: ExactColumns = emptyColumns()) {
    this.list = list;
    this.#base = columns;
  }

  get size(): number {
    return this.#base.keys.length - this.#removed.size + this.#overlay.size;
  }

  /** Entries added one by one since the last full load: the store reloads when this grows large. */
  get overlaySize(): number {
    return this.#overlay.size;
  }

  get(number: string): IndexedRule | null {
    const added = this.#overlay.get(number);
    if (added) return added;
    const key = numericKey(number);
    if (key === null) return null;
    const slot = this.#find(key);
    if (slot < 0 || this.#removed.has(slot)) return null;
    return this.#entry(slot, number);
  }

  set(rule: IndexedRule): void {
    this.delete(rule.value);
    this.#overlay.set(rule.value, rule);
  }

  delete(number: string): void {
    if (this.#overlay.delete(number)) return;
    const key = numericKey(number);
    if (key === null) return;
    const slot = this.#find(key);
    if (slot >= 0) this.#removed.add(slot);
  }

  #find(key: number): number {
    const keys = this.#base.keys;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid] as number;
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  #entry(slot: number, number: string): IndexedRule {
    const b = this.#base;
    const id = b.ids[slot] as number;
    const extra = b.extras.get(id);
    const category = b.categories[slot] as number;
    return {
      id: String(id),
      list: this.list,
      kind: 'number',
      value: number,
      display: number,
      label: b.labelTexts[b.labels[slot] as number] ?? '',
      action: ACTIONS[b.actions[slot] as number] ?? 'reject',
      category: category === 0 ? null : (CATEGORIES[category - 1] ?? null),
      schedule: extra?.schedule ?? null,
      expiresAtMs: extra?.expiresAtMs ?? null,
    };
  }
}
