// Days of the week and a time window. An end before the start crosses midnight (22:00–07:00), as the
// screening engine reads it.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schedule } from '../../../shared/domain.ts';
import { useApp } from '../../app/context.tsx';
import { formatWeekday } from '../../format/time.ts';
import { Field } from '../Field.tsx';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function scheduleProblem(s: Schedule): 'no-days' | 'bad-time' | null {
  if (s.days.length === 0) return 'no-days';
  if (!TIME.test(s.start) || !TIME.test(s.end)) return 'bad-time';
  return null;
}

export function ScheduleEditor({ value, onChange, legend }: { value: Schedule; onChange: (s: Schedule) => void; legend: string }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const id = useId();
  // 2024-01-07 was a Sunday: day 0 in the schedule's numbering.
  const dayName = (d: number) => formatWeekday(d, language);
  const problem = scheduleProblem(value);
  const toggle = (d: number) => onChange({ ...value, days: value.days.includes(d) ? value.days.filter((x) => x !== d) : [...value.days, d].sort() });
  return (
    <fieldset className="schedule" aria-describedby={problem ? `${id}-err` : undefined}>
      <legend>{legend}</legend>
      <div className="days">
        {[1, 2, 3, 4, 5, 6, 0].map((d) => (
          <label key={d} className="day">
            <input type="checkbox" checked={value.days.includes(d)} onChange={() => toggle(d)} />
            {dayName(d)}
          </label>
        ))}
      </div>
      <div className="field-row">
        <Field label={t('schedule.from')}>
          <input type="time" value={value.start} onChange={(e) => onChange({ ...value, start: e.target.value })} />
        </Field>
        <Field label={t('schedule.until')}>
          <input type="time" value={value.end} onChange={(e) => onChange({ ...value, end: e.target.value })} />
        </Field>
      </div>
      {value.end < value.start ? <p className="hint">{t('schedule.overnight')}</p> : null}
      {problem ? (
        <p className="field-error" id={`${id}-err`} role="alert">
          {problem === 'no-days' ? t('schedule.noDays') : t('schedule.badTime')}
        </p>
      ) : null}
    </fieldset>
  );
}
