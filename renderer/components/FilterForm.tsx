// What History's and Messages' filters share: the search landmark with "Clear filters" at its end, search
// boxes that wait for a pause in typing, and the From/To date range. Each page keeps its own selects and
// its own order of fields (History starts with the search and the presets, Messages ends with the dates),
// so these are parts a page arranges rather than one fixed form.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context.tsx';
import { lineName } from '../format/line.ts';
import { rangeProblem } from '../state/history-query.ts';
import { DateField } from './DateField.tsx';
import { Field } from './Field.tsx';

/** The form every filter bar is: a search landmark named `label`, the page's fields, then "Clear filters". */
export function FilterForm({ label, onClear, children }: { label: string; onClear: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <form className="filters" role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
      <button type="button" className="button-quiet" onClick={onClear}>
        {t('history.clearFilters')}
      </button>
    </form>
  );
}

export function SearchBox({ label, placeholder, value, onChange }: { label: string; placeholder: string; value: string; onChange: (text: string) => void }) {
  return (
    <Field label={label}>
      <input type="search" value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} />
    </Field>
  );
}

/** From and To, as local days; a backwards range is said under To (the page keeps its last good query). */
export function DateRange({ fromDay, toDay, onFrom, onTo }: { fromDay: string; toDay: string; onFrom: (day: string) => void; onTo: (day: string) => void }) {
  const { t } = useTranslation();
  const error = rangeProblem({ fromDay, toDay }) ? t('history.toBeforeFrom') : null;
  return (
    <>
      <DateField label={t('history.from')} value={fromDay} onChange={onFrom} hint={false} />
      <DateField label={t('history.to')} value={toDay} onChange={onTo} error={error} hint={false} />
    </>
  );
}

/** "Line": any, or one of the lines the service has, named as everywhere else (the demo line marked simulated). */
export function LineSelect({ value, onChange }: { value: string; onChange: (lineId: string) => void }) {
  const { t } = useTranslation();
  const { status } = useApp();
  return (
    <Field label={t('history.line')}>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('history.anyLine')}</option>
        {status?.lines.map((l) => (
          <option key={l.id} value={l.id}>
            {lineName(l, t)}
            {l.simulated ? ` (${t('line.simulated')})` : ''}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * The text filters as typed, applied after a pause in typing so each keystroke is not a query; typing in
 * two boxes within the pause is one query. `keys` must keep its identity (a module-level constant).
 * Filters set from outside ("clear filters", a link to a number) replace what is typed: adjusted while
 * rendering rather than in an effect, so the boxes never show the old text for a frame.
 */
export function useTypedText<K extends string, F extends Record<K, string>>(
  value: F,
  keys: readonly K[],
  onChange: (f: F) => void,
): [typed: Record<K, string>, type: (key: K, text: string) => void] {
  const pick = (f: F, only: readonly K[] = keys) => {
    const out = {} as Record<K, string>;
    for (const k of only) out[k] = f[k];
    return out;
  };
  const [typed, setTyped] = useState(() => pick(value));
  const [typedFor, setTypedFor] = useState(() => pick(value));
  const changed = keys.filter((k) => typedFor[k] !== value[k]);
  if (changed.length > 0) {
    setTypedFor(pick(value));
    setTyped((prev) => ({ ...prev, ...pick(value, changed) }));
  }
  useEffect(() => {
    if (keys.every((k) => typed[k] === value[k])) return;
    const timer = setTimeout(() => onChange({ ...value, ...typed }), 300);
    return () => clearTimeout(timer);
  }, [keys, typed, value, onChange]);
  const type = useCallback((key: K, text: string) => setTyped((prev) => ({ ...prev, [key]: text })), []);
  return [typed, type];
}
