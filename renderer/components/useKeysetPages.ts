// Keyset paging over a server list (History's calls, the Messages): the first page when the query changes,
// the next page (from the server's opaque cursor) on "Show more" or when a table scrolls near its end. Only
// pages are ever fetched, so a 1,000,000-call history costs the same as a 100-call one.
//
// One hook for every paged list, so a fix to one (the in-flight guard, the stale-page drop) cannot be
// missing from another: History and Messages each had their own copy, the same but for the page's shape.
import { useCallback, useEffect, useRef, useState } from 'react';

export type KeysetPages<P, R> = {
  rows: R[];
  /** The latest first page that arrived, for what the server sends with it (Messages' counts). */
  first: P | null;
  loading: boolean;
  hasMore: boolean;
  error: unknown;
  /** Fetches the next page; does nothing while a page is on its way (a fast scroll asks many times). */
  loadMore(): void;
  /** Starts over from the first page of the same query. */
  reload(): void;
  /** Shows a row that just arrived at the top without refetching (only when no filter is set). */
  prepend(row: R): void;
};

/**
 * `fetchPage` and `rowsOf` must keep their identity from render to render (module-level, or
 * `useCallback` on what they use): a new fetcher starts over like a new query, so a fetcher made on every
 * render would fetch the first page on every render. The query is compared by content, not identity.
 */
export function useKeysetPages<Q extends object, P extends { nextCursor: string | null }, R extends { id: number | string }>(
  query: Q,
  fetchPage: (query: Q & { cursor: string | null }) => Promise<P>,
  rowsOf: (page: P) => readonly R[],
): KeysetPages<P, R> {
  const key = JSON.stringify(query);
  const [rows, setRows] = useState<R[]>([]);
  const [first, setFirst] = useState<P | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  // Each query gets a generation; a page that arrives for an older query is dropped.
  const generation = useRef(0);
  // Set from the moment a page is asked for until it settles, synchronously: `loading` is state, so two
  // "load more" in one tick (before a render) would both see it false and fetch the same page twice.
  const inFlight = useRef(false);

  // One page from the service; what to do with it is decided by the caller (the first page replaces the
  // rows, the next ones add to them).
  const fetchFrom = useCallback((from: string | null) => fetchPage({ ...(JSON.parse(key) as Q), cursor: from }), [fetchPage, key]);

  /** Applies a page when it arrives, unless a newer query has started since (its generation moved on). */
  const settle = useCallback(
    (gen: number, from: string | null, request: Promise<P>) => {
      inFlight.current = true;
      request
        .then(
          (page) => {
            if (gen !== generation.current) return;
            setRows((prev) => (from === null ? rowsOf(page).slice() : prev.concat(rowsOf(page))));
            if (from === null) setFirst(page);
            setCursor(page.nextCursor);
            setError(null);
          },
          (e: unknown) => {
            if (gen === generation.current) setError(e);
          },
        )
        .finally(() => {
          if (gen === generation.current) {
            inFlight.current = false;
            setLoading(false);
          }
        });
    },
    [rowsOf],
  );

  // A new query (or a reload) starts from an empty, loading list — set while rendering, so no frame shows
  // the old rows under the new query — and the effect fetches its first page.
  const [startedFor, setStartedFor] = useState({ fetchFrom, reloads });
  if (startedFor.fetchFrom !== fetchFrom || startedFor.reloads !== reloads) {
    setStartedFor({ fetchFrom, reloads });
    setRows([]);
    setCursor(null);
    setLoading(true);
  }
  useEffect(() => {
    const gen = ++generation.current;
    settle(gen, null, fetchFrom(null));
  }, [fetchFrom, reloads, settle]);

  const loadMore = useCallback(() => {
    if (inFlight.current || cursor === null) return;
    setLoading(true);
    settle(generation.current, cursor, fetchFrom(cursor));
  }, [cursor, fetchFrom, settle]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const prepend = useCallback((row: R) => setRows((prev) => (prev.some((r) => r.id === row.id) ? prev : [row, ...prev])), []);

  return { rows, first, loading, hasMore: cursor !== null, error, loadMore, reload, prepend };
}
