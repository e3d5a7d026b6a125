// The History filters. Every filter runs on the server (the history may hold a million calls); the search
// box waits for a pause in typing so each keystroke is not a query. One box finds a caller by number or by
// name; the presets are the ranges people ask for (today, this week, this month, this flood).
import { useTranslation } from 'react-i18next';
import { Action, Presentation } from '../../../shared/domain.ts';
import { useApp } from '../../app/context.tsx';
import { activePreset, applyPreset, noFilters, type HistoryFilters as Filters, type Preset } from '../../state/history-query.ts';
import { DateRange, FilterForm, LineSelect, SearchBox, useTypedText } from '../FilterForm.tsx';
import { Field } from '../Field.tsx';

const typedKeys = ['search'] as const;

export function HistoryFilters({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const { t } = useTranslation();
  const { status } = useApp();
  const [typed, type] = useTypedText(value, typedKeys, onChange);

  const set = <K extends keyof Filters>(key: K, v: Filters[K]) => onChange({ ...value, [key]: v, ...(key === 'fromDay' ? { since: '' } : {}) });
  const shieldSince = status?.shield.active ? status.shield.since : null;
  const now = new Date();
  const active = activePreset(value, now, shieldSince);
  const presets: Preset[] = shieldSince ? ['today', 'week', 'month', 'incident'] : ['today', 'week', 'month'];

  return (
    <FilterForm label={t('history.filters')} onClear={() => onChange(noFilters)}>
      <div className="filters-main">
        <SearchBox label={t('history.search')} placeholder={t('history.searchPlaceholder')} value={typed.search} onChange={(text) => type('search', text)} />
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
      <DateRange fromDay={value.fromDay} toDay={value.toDay} onFrom={(d) => set('fromDay', d)} onTo={(d) => set('toDay', d)} />
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
      <LineSelect value={value.lineId} onChange={(id) => set('lineId', id)} />
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
    </FilterForm>
  );
}
