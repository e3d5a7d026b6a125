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

  const fetchPage = useCallback(
    async (from: string | null, gen: number) => {
      inFlight.current = true;
      setLoading(true);
      try {
        const page = await api.queryMessages({ ...(JSON.parse(key) as MessageQuery), cursor: from });
        if (gen !== generation.current) return;
        setRows((prev) => (from === null ? page.messages : prev.concat(page.messages)));
        if (from === null) setCounts(page.counts);
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
  const prepend = useCallback((m: Message) => setRows((prev) => (prev.some((r) => r.id === m.id) ? prev : [m, ...prev])), []);
  return { rows, counts, loading, hasMore: cursor !== null, error, loadMore, reload, prepend };
}
