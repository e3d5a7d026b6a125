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

  const fetchPage = useCallback(
    async (from: string | null, gen: number) => {
      inFlight.current = true;
      setLoading(true);
      try {
        const page = await api.queryCalls({ ...(JSON.parse(key) as CallQuery), cursor: from });
        if (gen !== generation.current) return;
        setRows((prev) => (from === null ? page.calls : prev.concat(page.calls)));
        setCursor(page.nextCursor);
        setError(null);
      } catch (e) {
        if (gen === generation.current) setError(e);
      } finally {
        if (gen === generation.current) {
          inFlight.current = false;
          setLoading(false);
        }
      }
    },
    [api, key],
  );

  useEffect(() => {
    const gen = ++generation.current;
    setRows([]);
    setCursor(null);
    void fetchPage(null, gen);
  }, [fetchPage, reloads]);

  const loadMore = useCallback(() => {
    if (inFlight.current || cursor === null) return;
    void fetchPage(cursor, generation.current);
  }, [cursor, fetchPage]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);

  const prepend = useCallback((record: CallRecord) => {
    setRows((prev) => (prev.some((r) => r.id === record.id) ? prev : [record, ...prev]));
  }, []);

  return { rows, loading, hasMore: cursor !== null, error, loadMore, reload, prepend };
}
