// Runs in Chromium, bundled by test/renderer/paging.test.ts: mounts useKeysetPages with a fetcher whose
// pages the test hands out one by one (window.harness), so a test decides exactly what is in flight when.
// Kept free of DOM types (the Node typecheck project has none): the page is reached through globalThis.
import { createElement, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { useKeysetPages, type KeysetPages } from '../../../renderer/components/useKeysetPages.ts';

type Row = { id: number };
type Query = { search: string };
type CallsPage = { calls: Row[]; nextCursor: string | null };
type MessagesPage = { messages: Row[]; nextCursor: string | null; counts: { total: number } };
export type Shape = 'calls' | 'messages';

type Request = { query: Query & { cursor: string | null }; resolve(page: unknown): void; reject(e: unknown): void };

const requests: Request[] = [];
let pages: KeysetPages<CallsPage | MessagesPage, Row> | null = null;
let setQuery: ((q: Query) => void) | null = null;

const fetchPage = (query: Query & { cursor: string | null }) => new Promise<never>((resolve, reject) => requests.push({ query, resolve, reject }));
// The readers History and Messages pass: the rows are under a different field in each page.
const callsOf = (page: CallsPage) => page.calls;
const messagesOf = (page: MessagesPage) => page.messages;

function Harness({ shape }: { shape: Shape }) {
  const [query, setQ] = useState<Query>({ search: '' });
  const result = useKeysetPages<Query, CallsPage | MessagesPage, Row>(
    query,
    fetchPage,
    (shape === 'calls' ? callsOf : messagesOf) as (p: CallsPage | MessagesPage) => Row[],
  );
  useEffect(() => {
    pages = result;
    setQuery = setQ;
  });
  return null;
}

const harness = {
  mount(shape: Shape) {
    const root = (globalThis as unknown as { document: { getElementById(id: string): unknown } }).document.getElementById('root');
    flushSync(() => createRoot(root as Parameters<typeof createRoot>[0]).render(createElement(Harness, { shape })));
  },
  /** What each request asked for, in order. */
  requests: () => requests.map((r) => r.query),
  /** Answers request `i` with a page of rows `ids`, in the shape the mounted list reads. */
  answer(i: number, ids: number[], nextCursor: string | null, shape: Shape) {
    const rows = ids.map((id) => ({ id }));
    requests[i]!.resolve(shape === 'calls' ? { calls: rows, nextCursor } : { messages: rows, nextCursor, counts: { total: ids.length } });
  },
  fail(i: number, message: string) {
    requests[i]!.reject(new Error(message));
  },
  state: () =>
    pages && {
      ids: pages.rows.map((r) => r.id),
      loading: pages.loading,
      hasMore: pages.hasMore,
      error: pages.error ? String(pages.error) : null,
      first: pages.first,
    },
  loadMore: () => pages!.loadMore(),
  /** "Show more" pressed twice in one tick, before React renders in between. */
  loadMoreTwice: () => {
    pages!.loadMore();
    pages!.loadMore();
  },
  reload: () => pages!.reload(),
  setQuery: (q: Query) => setQuery!(q),
};

(globalThis as unknown as { harness: typeof harness }).harness = harness;
