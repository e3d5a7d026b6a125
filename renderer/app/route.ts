// Pages live in the URL hash (#/history) so Back works, a page can be linked, and the headless server
// needs no routes of its own.
import { useEffect, useState } from 'react';

export const pages = ['overview', 'history', 'messages', 'rules', 'statistics', 'evidence', 'settings'] as const;
export type Page = (typeof pages)[number];

export function pageFromHash(hash: string): Page {
  const name = hash.replace(/^#\/?/, '').split(/[/?&]/)[0];
  return (pages as readonly string[]).includes(name ?? '') ? (name as Page) : 'overview';
}

export function usePage(): Page {
  const [page, setPage] = useState(() => pageFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setPage(pageFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return page;
}
