// The allowed range of a numeric setting, read from the shared zod schema so the form's limits and the
// service's validation can never disagree.
import { z } from 'zod';

export type Bounds = { min: number; max: number };

export function numberBounds(schema: z.ZodType): Bounds {
  let inner: unknown = schema;
  // Unwrap .default()/.nullable()/.optional() layers down to the number itself.
  while (inner && typeof (inner as { unwrap?: unknown }).unwrap === 'function' && !(inner instanceof z.ZodNumber)) {
    inner = (inner as { unwrap(): unknown }).unwrap();
  }
  if (!(inner instanceof z.ZodNumber)) throw new Error('numberBounds: not a number schema');
  return { min: inner.minValue ?? Number.MIN_SAFE_INTEGER, max: inner.maxValue ?? Number.MAX_SAFE_INTEGER };
}

/** Whether `value` (as typed) is a whole number within `bounds`. */
export function inBounds(value: number, bounds: Bounds): boolean {
  return Number.isInteger(value) && value >= bounds.min && value <= bounds.max;
}
