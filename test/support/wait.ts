// Waiting for a condition instead of sleeping: polls until `check` returns a truthy value, or fails
// with what it last saw.
export async function waitFor<T>(check: () => Promise<T> | T, what: string, timeoutMs = 15000, everyMs = 50): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      last = await check();
      if (last) return last as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${String(last instanceof Error ? last.message : JSON.stringify(last))}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
