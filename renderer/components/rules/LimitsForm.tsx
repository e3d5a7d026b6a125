// Rate limits and the other "unusual behaviour" rules: too many calls from one number in a day, one-ring
// calls (missed-call scams), numbers that cannot exist, and the breakthrough for someone redialling
// urgently.
import { useTranslation } from 'react-i18next';
import { ScreeningSettings } from '../../../shared/settings.ts';
import { Field } from '../Field.tsx';
import { inBounds, numberBounds } from '../settings/bounds.ts';
import { NumberField } from '../settings/NumberField.tsx';
import { SaveBar } from '../settings/SaveBar.tsx';
import { useSettingsDraft } from '../settings/useSettingsDraft.ts';

const perDay = numberBounds(ScreeningSettings.shape.rateLimit.unwrap().shape.perDay);
const breakthrough = ScreeningSettings.shape.breakthrough.unwrap().shape;
const windowBounds = numberBounds(breakthrough.windowMinutes);
const redialBounds = numberBounds(breakthrough.minRedialSeconds);

export function LimitsForm() {
  const { t } = useTranslation();
  const form = useSettingsDraft(['screening'], (s) => ({
    rateLimit: s.screening.rateLimit,
    oneRing: s.screening.oneRing,
    blockInvalidNumbers: s.screening.blockInvalidNumbers,
    breakthrough: s.screening.breakthrough,
  }));
  if (!form) return null;
  const { draft, setDraft } = form;
  const invalid =
    !inBounds(draft.rateLimit.perDay, perDay) ||
    !inBounds(draft.breakthrough.windowMinutes, windowBounds) ||
    !inBounds(draft.breakthrough.minRedialSeconds, redialBounds);
  return (
    <form
      className="card settings-form"
      aria-labelledby="limits-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) void form.save();
      }}
    >
      <h2 id="limits-title">{t('limits.title')}</h2>
      <fieldset>
        <legend>{t('limits.rateLegend')}</legend>
        <Field label={t('limits.rateEnabled')} inline>
          <input
            type="checkbox"
            checked={draft.rateLimit.enabled}
            onChange={(e) => setDraft((d) => ({ ...d, rateLimit: { ...d.rateLimit, enabled: e.target.checked } }))}
          />
        </Field>
        <NumberField
          label={t('limits.perDay')}
          value={draft.rateLimit.perDay}
          bounds={perDay}
          serverError={form.fieldError('rateLimit')}
          onChange={(n) => setDraft((d) => ({ ...d, rateLimit: { ...d.rateLimit, perDay: n } }))}
        />
      </fieldset>
      <fieldset>
        <legend>{t('limits.otherLegend')}</legend>
        <Field label={t('limits.oneRing')} hint={t('limits.oneRingHint')} inline>
          <input type="checkbox" checked={draft.oneRing.block} onChange={(e) => setDraft((d) => ({ ...d, oneRing: { block: e.target.checked } }))} />
        </Field>
        <Field label={t('limits.invalid')} hint={t('limits.invalidHint')} inline>
          <input type="checkbox" checked={draft.blockInvalidNumbers} onChange={(e) => setDraft((d) => ({ ...d, blockInvalidNumbers: e.target.checked }))} />
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('limits.breakthroughLegend')}</legend>
        <p className="hint">{t('limits.breakthroughIntro')}</p>
        <Field label={t('limits.breakthroughEnabled')} inline>
          <input
            type="checkbox"
            checked={draft.breakthrough.enabled}
            onChange={(e) => setDraft((d) => ({ ...d, breakthrough: { ...d.breakthrough, enabled: e.target.checked } }))}
          />
        </Field>
        <div className="field-grid">
          <NumberField
            label={t('limits.breakthroughWindow')}
            value={draft.breakthrough.windowMinutes}
            bounds={windowBounds}
            serverError={form.fieldError('breakthrough')}
            onChange={(n) => setDraft((d) => ({ ...d, breakthrough: { ...d.breakthrough, windowMinutes: n } }))}
          />
          <NumberField
            label={t('limits.breakthroughRedial')}
            value={draft.breakthrough.minRedialSeconds}
            bounds={redialBounds}
            onChange={(n) => setDraft((d) => ({ ...d, breakthrough: { ...d.breakthrough, minRedialSeconds: n } }))}
          />
        </div>
        <Field
          label={t('limits.breakthroughFlood')}
          hint={draft.breakthrough.duringFlood ? <strong className="risk">{t('limits.breakthroughFloodRisk')}</strong> : t('limits.breakthroughFloodOff')}
          inline
        >
          <input
            type="checkbox"
            checked={draft.breakthrough.duringFlood}
            onChange={(e) => setDraft((d) => ({ ...d, breakthrough: { ...d.breakthrough, duringFlood: e.target.checked } }))}
          />
        </Field>
      </fieldset>
      <SaveBar form={form} invalid={invalid} />
    </form>
  );
}
