// Keyset paging over the messages, like History's calls: the first page when the query changes, the next
// one on "Show more". Counts (all, flagged, codes) come with every first page.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageQuery } from '../../../shared/api.ts';
import type { Message } from '../../../shared/domain.ts';
import { useApp } from '../../app/context.tsx';

export type MessagePages = {
  rows: Message[];
  counts: { total: number; alert: number; code: number } | null;
  loading: boolean;
  hasMore: boolean;
  error: unknown;
  loadMore(): void;
  reload(): void;
  prepend(message: Message): void;
};

export function useMessagePages(query: MessageQuery): MessagePages {
  const { api } = useApp();
  const key = JSON.stringify(query);
  const [rows, setRows] = useState<Message[]>([]);
  const [counts, setCounts] = useState<MessagePages['counts']>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  const generation = useRef(0);
  const inFlight = useRef(false);

  // One page from the service; what to do with it is decided by the caller (the first page replaces the
  // rows, the next ones add to them).
  const fetchPage = useCallback((from: string | null) => api.queryMessages({ ...(JSON.parse(key) as MessageQuery), cursor: from }), [api, key]);

  /** Applies a page when it arrives, unless a newer query has started since (its generation moved on). */
  const settle = useCallback((gen: number, from: string | null, request: ReturnType<typeof fetchPage>) => {
    inFlight.current = true;
    request
      .then(
        (page) => {
          if (gen !== generation.current) return;
          setRows((prev) => (from === null ? page.messages : prev.concat(page.messages)));
          if (from === null) setCounts(page.counts);
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
  const prepend = useCallback((m: Message) => setRows((prev) => (prev.some((r) => r.id === m.id) ? prev : [m, ...prev])), []);
  return { rows, counts, loading, hasMore: cursor !== null, error, loadMore, reload, prepend };
}
