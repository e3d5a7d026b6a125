// The History filters. Every filter runs on the server (the history may hold a million calls); the search
// box waits for a pause in typing so each keystroke is not a query. One box finds a caller by number or by
// name; the presets are the ranges people ask for (today, this week, this month, this flood).
import { useTranslation } from 'react-i18next';
import { Action, Presentation } from '../../../shared/domain.ts';
import { useApp } from '../../app/context.tsx';
import { activePreset, applyPreset, noFilters, rangeProblem, type HistoryFilters as Filters, type Preset } from '../../state/history-query.ts';
import { DateRange, FilterForm, SearchBox, useTypedText } from '../FilterForm.tsx';
import { Field } from '../Field.tsx';
import { lineName } from '../../format/line.ts';

const typedKeys = ['search'] as const;

export function HistoryFilters({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const { t } = useTranslation();
  const { status } = useApp();
  const [typed, type] = useTypedText(value, typedKeys, onChange);

  const set = <K extends keyof Filters>(key: K, v: Filters[K]) => onChange({ ...value, [key]: v, ...(key === 'fromDay' ? { since: '' } : {}) });
  const problem = rangeProblem(value);
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
      <DateRange
        fromDay={value.fromDay}
        toDay={value.toDay}
        onFrom={(d) => set('fromDay', d)}
        onTo={(d) => set('toDay', d)}
        error={problem ? t('history.toBeforeFrom') : null}
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
    </FilterForm>
  );
}
