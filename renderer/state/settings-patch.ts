// A settings patch applied locally, the way the service applies it (objects merge, anything else
// replaces), so a switch moves the moment it is clicked and the service's answer then confirms it.

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergePatch<T>(base: T, patch: unknown): T {
  if (!isObject(base) || !isObject(patch)) return patch as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = mergePatch(base[k], v);
  return out as T;
}
