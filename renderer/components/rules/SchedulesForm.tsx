// Time-based screening: quiet hours (only trusted callers ring) and what to do with everyone unknown.
import { useTranslation } from 'react-i18next';
import { Action } from '../../../shared/domain.ts';
import { Field } from '../Field.tsx';
import { SaveBar } from '../settings/SaveBar.tsx';
import { ScheduleEditor, scheduleProblem } from '../settings/ScheduleEditor.tsx';
import { useSettingsDraft } from '../settings/useSettingsDraft.ts';

const always = { days: [0, 1, 2, 3, 4, 5, 6], start: '00:00', end: '23:59' };

export function SchedulesForm() {
  const { t } = useTranslation();
  const form = useSettingsDraft(['screening'], (s) => ({ quietHours: s.screening.quietHours, unknownCallers: s.screening.unknownCallers }));
  if (!form) return null;
  const { draft, setDraft } = form;
  const unknownSchedule = draft.unknownCallers.schedule;
  const invalid = scheduleProblem(draft.quietHours.schedule) !== null || (unknownSchedule !== null && scheduleProblem(unknownSchedule) !== null);
  return (
    <form
      className="card settings-form"
      aria-labelledby="schedules-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) void form.save();
      }}
    >
      <h2 id="schedules-title">{t('schedules.title')}</h2>
      <fieldset>
        <legend>{t('schedules.quietLegend')}</legend>
        <p className="hint">{t('schedules.quietIntro')}</p>
        <Field label={t('schedules.quietEnabled')} inline>
          <input
            type="checkbox"
            checked={draft.quietHours.enabled}
            onChange={(e) => setDraft((d) => ({ ...d, quietHours: { ...d.quietHours, enabled: e.target.checked } }))}
          />
        </Field>
        <ScheduleEditor
          legend={t('schedules.quietWhen')}
          value={draft.quietHours.schedule}
          onChange={(s) => setDraft((d) => ({ ...d, quietHours: { ...d.quietHours, schedule: s } }))}
        />
        {form.fieldError('quietHours') ? <p className="field-error">{form.fieldError('quietHours')}</p> : null}
      </fieldset>
      <fieldset>
        <legend>{t('schedules.unknownLegend')}</legend>
        <p className="hint">{t('schedules.unknownIntro')}</p>
        <Field label={t('schedules.unknownEnabled')} inline>
          <input
            type="checkbox"
            checked={draft.unknownCallers.enabled}
            onChange={(e) => setDraft((d) => ({ ...d, unknownCallers: { ...d.unknownCallers, enabled: e.target.checked } }))}
          />
        </Field>
        <Field label={t('schedules.unknownAction')}>
          <select
            value={draft.unknownCallers.action}
            onChange={(e) => setDraft((d) => ({ ...d, unknownCallers: { ...d.unknownCallers, action: e.target.value as Action } }))}
          >
            {Action.options.map((a) => (
              <option key={a} value={a}>
                {t(`action.${a}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('schedules.unknownAlways')} inline>
          <input
            type="checkbox"
            checked={unknownSchedule === null}
            onChange={(e) => setDraft((d) => ({ ...d, unknownCallers: { ...d.unknownCallers, schedule: e.target.checked ? null : always } }))}
          />
        </Field>
        {unknownSchedule ? (
          <ScheduleEditor
            legend={t('schedules.unknownWhen')}
            value={unknownSchedule}
            onChange={(s) => setDraft((d) => ({ ...d, unknownCallers: { ...d.unknownCallers, schedule: s } }))}
          />
        ) : null}
        {form.fieldError('unknownCallers') ? <p className="field-error">{form.fieldError('unknownCallers')}</p> : null}
      </fieldset>
      <SaveBar form={form} invalid={invalid} />
    </form>
  );
}
