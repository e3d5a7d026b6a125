// The History filters. Every filter runs on the server (the history may hold a million calls); the
// number box waits for a pause in typing so each keystroke is not a query.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Action, Presentation } from '../../../shared/domain.ts';
import { useApp } from '../../app/context.tsx';
import { noFilters, rangeProblem, type HistoryFilters as Filters } from '../../state/history-query.ts';
import { Field } from '../Field.tsx';
import { lineName } from '../../format/line.ts';

export function HistoryFilters({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const { t } = useTranslation();
  const { status } = useApp();
  const [number, setNumber] = useState(value.number);
  useEffect(() => setNumber(value.number), [value.number]);
  useEffect(() => {
    if (number === value.number) return;
    const timer = setTimeout(() => onChange({ ...value, number }), 300);
    return () => clearTimeout(timer);
  }, [number, value, onChange]);

  const set = <K extends keyof Filters>(key: K, v: Filters[K]) => onChange({ ...value, [key]: v });
  const problem = rangeProblem(value);

  return (
    <form className="filters" role="search" aria-label={t('history.filters')} onSubmit={(e) => e.preventDefault()}>
      <Field label={t('history.from')}>
        <input type="date" value={value.fromDay} onChange={(e) => set('fromDay', e.target.value)} />
      </Field>
      <Field label={t('history.to')} error={problem ? t('history.toBeforeFrom') : null}>
        <input type="date" value={value.toDay} onChange={(e) => set('toDay', e.target.value)} />
      </Field>
      <Field label={t('history.number')}>
        <input type="search" inputMode="tel" value={number} onChange={(e) => setNumber(e.target.value)} placeholder={t('history.numberPlaceholder')} />
      </Field>
      <Field label={t('history.decision')}>
        <select value={value.action} onChange={(e) => set('action', e.target.value as Filters['action'])}>
          <option value="">{t('history.any')}</option>
          {Action.options.map((a) => (
            <option key={a} value={a}>
              {t(`action.${a}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('history.line')}>
        <select value={value.lineId} onChange={(e) => set('lineId', e.target.value)}>
          <option value="">{t('history.anyLine')}</option>
          {status?.lines.map((l) => (
            <option key={l.id} value={l.id}>
              {lineName(l, t)}
              {l.simulated ? ` (${t('line.simulated')})` : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('history.callerId')}>
        <select value={value.presentation} onChange={(e) => set('presentation', e.target.value as Filters['presentation'])}>
          <option value="">{t('history.any')}</option>
          {Presentation.options.map((p) => (
            <option key={p} value={p}>
              {t(`presentation.${p}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('history.oneRingOnly')} inline>
        <input type="checkbox" checked={value.oneRing} onChange={(e) => set('oneRing', e.target.checked)} />
      </Field>
      <button type="button" className="button-quiet" onClick={() => onChange(noFilters)}>
        {t('history.clearFilters')}
      </button>
    </form>
  );
}
