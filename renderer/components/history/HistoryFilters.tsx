// The History filters. Every filter runs on the server (the history may hold a million calls); the search
// box waits for a pause in typing so each keystroke is not a query. One box finds a caller by number or by
// name; the presets are the ranges people ask for (today, this week, this month, this flood).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Action, Presentation } from '../../../shared/domain.ts';
import { useApp } from '../../app/context.tsx';
import { activePreset, applyPreset, noFilters, rangeProblem, type HistoryFilters as Filters, type Preset } from '../../state/history-query.ts';
import { DateField } from '../DateField.tsx';
import { Field } from '../Field.tsx';
import { lineName } from '../../format/line.ts';

export function HistoryFilters({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const { t } = useTranslation();
  const { status } = useApp();
  const [search, setSearch] = useState(value.search);
  // A search set from outside (clear filters, a link to a number) replaces what is typed: adjusted while
  // rendering rather than in an effect, so the box never shows the old text for a frame.
  const [searchFor, setSearchFor] = useState(value.search);
  if (searchFor !== value.search) {
    setSearchFor(value.search);
    setSearch(value.search);
  }
  useEffect(() => {
    if (search === value.search) return;
    const timer = setTimeout(() => onChange({ ...value, search }), 300);
    return () => clearTimeout(timer);
  }, [search, value, onChange]);

  const set = <K extends keyof Filters>(key: K, v: Filters[K]) => onChange({ ...value, [key]: v, ...(key === 'fromDay' ? { since: '' } : {}) });
  const problem = rangeProblem(value);
  const shieldSince = status?.shield.active ? status.shield.since : null;
  const now = new Date();
  const active = activePreset(value, now, shieldSince);
  const presets: Preset[] = shieldSince ? ['today', 'week', 'month', 'incident'] : ['today', 'week', 'month'];

  return (
    <form className="filters" role="search" aria-label={t('history.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="filters-main">
        <Field label={t('history.search')}>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('history.searchPlaceholder')} />
        </Field>
        <div className="presets" role="group" aria-label={t('history.presets')}>
          {presets.map((p) => (
            <button
              key={p}
              type="button"
              className="button-quiet"
              aria-pressed={active === p}
              onClick={() => onChange(applyPreset(value, p, new Date(), shieldSince))}
            >
              {t(`history.preset.${p}`)}
            </button>
          ))}
        </div>
      </div>
      <DateField label={t('history.from')} value={value.fromDay} onChange={(d) => set('fromDay', d)} hint={false} />
      <DateField
        label={t('history.to')}
        value={value.toDay}
        onChange={(d) => set('toDay', d)}
        error={problem ? t('history.toBeforeFrom') : null}
        hint={false}
      />
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
