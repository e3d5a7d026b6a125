// History: every call, searchable on the server, one click from blocking or trusting the caller.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallQuery, MethodOutput } from '../../shared/api.ts';
import type { CallRecord } from '../../shared/domain.ts';
import { useApiEvent, useApp } from '../app/context.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { CallDetail } from '../components/history/CallDetail.tsx';
import { HistoryFilters } from '../components/history/HistoryFilters.tsx';
import { HistoryTable } from '../components/history/HistoryTable.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { useKeysetPages } from '../components/useKeysetPages.ts';
import { isUnfiltered, noFilters, rangeProblem, toCallQuery, type HistoryFilters as Filters } from '../state/history-query.ts';

const callsOf = (page: MethodOutput<'queryCalls'>) => page.calls;

export function History() {
  const { t } = useTranslation();
  const { api } = useApp();
  const [filters, setFilters] = useState<Filters>(noFilters);
  // A backwards range is refused next to the field; the last good query stays on screen meanwhile.
  const [query, setQuery] = useState(() => toCallQuery(noFilters));
  const onFilters = useCallback((f: Filters) => {
    setFilters(f);
    if (!rangeProblem(f)) setQuery(toCallQuery(f));
  }, []);
  const queryCalls = useCallback((q: CallQuery) => api.queryCalls(q), [api]);
  const pages = useKeysetPages(query, queryCalls, callsOf);
  const [selected, setSelected] = useState<CallRecord | null>(null);
  const [newCalls, setNewCalls] = useState(0);
  const unfiltered = useMemo(() => isUnfiltered(filters), [filters]);

  useApiEvent((event) => {
    if (event.type !== 'call-ended') return;
    if (unfiltered) pages.prepend(event.record);
    else setNewCalls((n) => n + 1);
  });

  // The details open as a drawer over the page: the table keeps every column while they are open.
  return (
    <div className="history-page">
      <div className="history-main">
        <PageTitle>{t('nav.history')}</PageTitle>
        <HistoryFilters value={filters} onChange={onFilters} />
        {newCalls > 0 ? (
          <button
            type="button"
            className="new-calls"
            onClick={() => {
              setNewCalls(0);
              pages.reload();
            }}
          >
            {t('history.newCalls', { count: newCalls })}
          </button>
        ) : null}
        <ErrorText error={pages.error} />
        <p className="table-status" aria-live="polite">
          {pages.loading && pages.rows.length === 0
            ? t('history.loading')
            : pages.rows.length === 0
              ? unfiltered
                ? t('history.empty')
                : t('history.noMatch')
              : pages.hasMore
                ? t('history.showingMore', { count: pages.rows.length })
                : t('history.showingAll', { count: pages.rows.length })}
        </p>
        <HistoryTable
          rows={pages.rows}
          hasMore={pages.hasMore}
          loading={pages.loading}
          onLoadMore={pages.loadMore}
          onOpen={setSelected}
          selectedId={selected?.id ?? null}
        />
      </div>
      {selected ? <CallDetail call={selected} onClose={() => setSelected(null)} /> : null}
    </div>
  );
}
