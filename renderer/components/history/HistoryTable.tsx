// The call history as a virtualised table: TanStack Table owns the columns and rows, TanStack Virtual
// renders only what is on screen, and reaching the end asks for the next keyset page.
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallRecord } from '../../../shared/domain.ts';
import { useApp } from '../../app/context.tsx';
import { useNumberFormat } from '../useNumberFormat.ts';
import { formatCallTime, formatDateTime } from '../../format/time.ts';
import { ActionBadge, SimulatedBadge } from '../Badges.tsx';
import { Caller } from '../Caller.tsx';
import { useRuleActions, useUnlistNumber } from '../useRuleActions.ts';
import { lineName } from '../../format/line.ts';

const features = tableFeatures({});
const column = createColumnHelper<typeof features, CallRecord>();

/**
 * Rows have a fixed height so the virtualiser never has to measure (it stays smooth at any length): one
 * line per call with "Why" on up to two lines, or three stacked lines when the table is narrower than
 * 56rem (the @container rule in history.css).
 */
const STACKED_BELOW_REM = 56;
function rootFontPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize || '16');
}
function rowHeightPx(stacked: boolean): number {
  return (stacked ? 5 : 3.25) * rootFontPx();
}

/** Whether the table's box is narrow enough for stacked rows; follows window resizes and zoom. */
function useStacked(ref: React.RefObject<HTMLElement | null>): boolean {
  const [stacked, setStacked] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setStacked(el.clientWidth < STACKED_BELOW_REM * rootFontPx());
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return stacked;
}

export function HistoryTable({
  rows,
  hasMore,
  loading,
  onLoadMore,
  onOpen,
  selectedId,
}: {
  rows: CallRecord[];
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
  onOpen: (call: CallRecord) => void;
  selectedId: number | null;
}) {
  const { t } = useTranslation();
  const { language, status } = useApp();
  const actions = useRuleActions();
  const formatNumber = useNumberFormat();
  const unlistNumber = useUnlistNumber();
  const lineLabel = useMemo(() => new Map(status?.lines.map((l) => [l.id, lineName(l, t)]) ?? []), [status?.lines, t]);

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor('startedAt', {
          header: () => t('history.col.when'),
          cell: (info) => (
            <time dateTime={info.getValue()} title={formatDateTime(info.getValue(), language)}>
              {formatCallTime(info.getValue(), language)}
            </time>
          ),
        }),
        column.accessor('number', {
          header: () => t('history.col.caller'),
          cell: (info) => {
            const call = info.row.original;
            return (
              <button
                type="button"
                className="link-button"
                data-col="caller"
                onClick={() => onOpen(call)}
                aria-label={t('history.openDetails', { caller: call.number ? formatNumber(call.number) : t(`presentation.${call.presentation}`) })}
              >
                <Caller number={call.number} presentation={call.presentation} name={call.name} presentedNumber={call.presentedNumber ?? null} />
              </button>
            );
          },
        }),
        column.accessor('lineId', {
          header: () => t('history.col.line'),
          // The demo line is named by its badge alone: "Demo line" beside "Simulated line" would only be squeezed.
          cell: (info) =>
            info.row.original.simulated ? (
              <span title={lineLabel.get(info.getValue()) ?? info.getValue()}>
                <SimulatedBadge />
              </span>
            ) : (
              <span data-verbatim title={lineLabel.get(info.getValue()) ?? info.getValue()}>
                {lineLabel.get(info.getValue()) ?? info.getValue()}
              </span>
            ),
        }),
        column.accessor('decision', {
          header: () => t('history.col.decision'),
          cell: (info) => <ActionBadge action={info.getValue().action} />,
        }),
        column.accessor((call) => call.decision.text[language], {
          id: 'reason',
          header: () => t('history.col.reason'),
          cell: (info) => (
            <span className="reason" title={info.getValue()}>
              {info.getValue()}
            </span>
          ),
        }),
        column.display({
          id: 'actions',
          header: () => t('history.col.actions'),
          cell: (info) => {
            const call = info.row.original;
            const number = call.number;
            if (!number) return null;
            // A call decided by an exact-number entry of a list offers to take the number off that list.
            const blockedByList = call.decision.reason === 'explicit-block' || call.decision.reason === 'blocked-number';
            const trustedByList = call.decision.reason === 'trusted';
            return (
              <span className="button-row compact">
                {blockedByList ? (
                  <button type="button" data-col="block" onClick={() => void unlistNumber('blocked', number)}>
                    {t('actions.unblock')}
                  </button>
                ) : (
                  <button type="button" data-col="block" onClick={() => actions.block(number)}>
                    {t('actions.block')}
                  </button>
                )}
                {trustedByList ? (
                  <button type="button" data-col="trust" onClick={() => void unlistNumber('trusted', number)}>
                    {t('actions.untrust')}
                  </button>
                ) : (
                  <button type="button" data-col="trust" onClick={() => actions.trust(number)}>
                    {t('actions.trust')}
                  </button>
                )}
              </span>
            );
          },
        }),
      ]),
    [t, language, lineLabel, onOpen, actions, formatNumber, unlistNumber],
  );

  const table = useTable({ features, columns, data: rows, getRowId: (call) => String(call.id) });
  const tableRows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const stacked = useStacked(scrollRef);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeightPx(stacked),
    getItemKey: (index) => tableRows[index]?.id ?? index,
    overscan: 8,
  });
  useEffect(() => virtualizer.measure(), [stacked, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  // Keyset paging: ask for the next page while the user is still a screenful away from the end.
  useEffect(() => {
    if (hasMore && !loading && lastIndex >= tableRows.length - 30) onLoadMore();
  }, [hasMore, loading, lastIndex, tableRows.length, onLoadMore]);

  // Arrow keys move between rows, keeping the column: quicker than tabbing through every button.
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-index]');
    const col = target.closest<HTMLElement>('[data-col]')?.dataset.col;
    if (!row || !col) return;
    e.preventDefault();
    const next = Number(row.dataset.index) + (e.key === 'ArrowDown' ? 1 : -1);
    if (next < 0 || next >= tableRows.length) return;
    virtualizer.scrollToIndex(next, { align: 'auto' });
    const focus = (tries: number) => {
      const el = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${next}"] [data-col="${col}"]`);
      if (el) el.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    requestAnimationFrame(() => focus(5));
  };

  return (
    <div className="history-scroll" ref={scrollRef} data-testid="history-scroll">
      <table className="history-table" aria-rowcount={hasMore ? -1 : tableRows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} className="history-row" aria-rowindex={1}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={`col-${header.column.id}`}>
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody style={{ height: virtualizer.getTotalSize() }} onKeyDown={onKeyDown}>
          {items.map((item) => {
            const row = tableRows[item.index]!;
            return (
              <HistoryRow
                key={row.id}
                index={item.index}
                start={item.start}
                size={item.size}
                selected={row.original.id === selectedId}
                callId={row.original.id}
                columns={columns}
              >
                {row.getAllCells().map((cell) => (
                  <td key={cell.id} className={`col-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </HistoryRow>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One positioned row. Memoised on what changes its pixels, so a scroll frame re-renders only the rows that
 * came into view, not every visible row (`columns` changes when the language does).
 */
const HistoryRow = memo(
  function HistoryRow({
    index,
    start,
    size,
    selected,
    callId,
    children,
  }: {
    index: number;
    start: number;
    size: number;
    selected: boolean;
    callId: number;
    columns: unknown;
    children: ReactNode;
  }) {
    return (
      <tr
        data-index={index}
        data-call-id={callId}
        aria-rowindex={index + 2}
        className={selected ? 'history-row selected' : 'history-row'}
        style={{ transform: `translateY(${start}px)`, height: size }}
      >
        {children}
      </tr>
    );
  },
  (a, b) => a.index === b.index && a.start === b.start && a.size === b.size && a.selected === b.selected && a.callId === b.callId && a.columns === b.columns,
);
