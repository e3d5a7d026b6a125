// A settings file that cannot be used as it is: what can be kept, and the one notice that says what was
// reset and where the old file is. A file that parses but holds an invalid value keeps every valid setting
// (only the bad ones go back to their defaults); a file that does not parse at all resets everything.
import { Settings } from '../../shared/settings.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function merge(base: unknown, over: unknown): unknown {
  if (!isObject(base) || !isObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}

/** Puts the default back at `path` (cut at the first array index: a bad line entry resets the lines). */
function resetAt(target: Record<string, unknown>, base: Record<string, unknown>, path: PropertyKey[]): string {
  const cut = path.findIndex((p) => typeof p === 'number');
  const keys = (cut < 0 ? path : path.slice(0, cut)).map(String);
  if (keys.length === 0) return '(all)';
  let t: Record<string, unknown> = target;
  let b: unknown = base;
  for (const k of keys.slice(0, -1)) {
    if (!isObject(t[k])) t[k] = {};
    t = t[k] as Record<string, unknown>;
    b = isObject(b) ? b[k] : undefined;
  }
  const last = keys[keys.length - 1]!;
  const fallback = isObject(b) ? b[last] : undefined;
  if (fallback === undefined) delete t[last];
  else t[last] = structuredClone(fallback);
  return keys.join('.');
}

/** The valid part of `raw` over `base`, and the settings that had to go back to `base`. */
export function salvage(raw: unknown, base: Settings): { settings: Settings; reset: string[] } {
  if (!isObject(raw)) return { settings: base, reset: ['(all)'] };
  const candidate = merge(base, raw) as Record<string, unknown>;
  const reset = new Set<string>();
  for (let round = 0; round < 20; round++) {
    const parsed = Settings.safeParse(candidate);
    if (parsed.success) return { settings: parsed.data, reset: [...reset] };
    for (const issue of parsed.error.issues) {
      const key = resetAt(candidate, base as unknown as Record<string, unknown>, issue.path);
      if (key === '(all)') return { settings: base, reset: ['(all)'] };
      reset.add(key);
    }
  }
  return { settings: base, reset: ['(all)'] };
}
