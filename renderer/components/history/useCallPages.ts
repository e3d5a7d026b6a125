// Keyset paging over the call history: the first page when the query changes, the next page (from the
// server's opaque cursor) when the table scrolls near its end. Only pages are ever fetched, so a
// 1,000,000-call history costs the same as a 100-call one.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallQuery } from '../../../shared/api.ts';
import type { CallRecord } from '../../../shared/domain.ts';
import { useApp } from '../../app/context.tsx';

export type CallPages = {
  rows: CallRecord[];
  loading: boolean;
  hasMore: boolean;
  error: unknown;
  loadMore(): void;
  reload(): void;
  /** Shows a call that just ended at the top without refetching (only when no filter is set). */
  prepend(record: CallRecord): void;
};

export function useCallPages(query: CallQuery): CallPages {
  const { api } = useApp();
  const key = JSON.stringify(query);
  const [rows, setRows] = useState<CallRecord[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  // Each query gets a generation; a page that arrives for an older query is dropped.
  const generation = useRef(0);
  const inFlight = useRef(false);

  // One page from the service; what to do with it is decided by the caller (the first page replaces the
  // rows, the next ones add to them).
  const fetchPage = useCallback((from: string | null) => api.queryCalls({ ...(JSON.parse(key) as CallQuery), cursor: from }), [api, key]);

  /** Applies a page when it arrives, unless a newer query has started since (its generation moved on). */
  const settle = useCallback((gen: number, from: string | null, request: ReturnType<typeof fetchPage>) => {
    inFlight.current = true;
    request
      .then(
        (page) => {
          if (gen !== generation.current) return;
          setRows((prev) => (from === null ? page.calls : prev.concat(page.calls)));
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
  }, []);

  // A new query (or a reload) starts from an empty, loading list — set while rendering, so no frame shows
  // the old rows under the new query — and the effect fetches its first page.
  const [startedFor, setStartedFor] = useState({ fetchPage, reloads });
  if (startedFor.fetchPage !== fetchPage || startedFor.reloads !== reloads) {
    setStartedFor({ fetchPage, reloads });
    setRows([]);
    setCursor(null);
    setLoading(true);
  }
  useEffect(() => {
    const gen = ++generation.current;
    settle(gen, null, fetchPage(null));
  }, [fetchPage, reloads, settle]);

  const loadMore = useCallback(() => {
    if (inFlight.current || cursor === null) return;
    setLoading(true);
    settle(generation.current, cursor, fetchPage(cursor));
  }, [cursor, fetchPage, settle]);
  const reload = useCallback(() => setReloads((n) => n + 1), []);

  const prepend = useCallback((record: CallRecord) => {
    setRows((prev) => (prev.some((r) => r.id === record.id) ? prev : [record, ...prev]));
  }, []);

  return { rows, loading, hasMore: cursor !== null, error, loadMore, reload, prepend };
}
