// When the shield goes up by itself: how many calls, withheld calls or repeats from one number within
// the window count as a flood, and how many quiet minutes end it.
import { useTranslation } from 'react-i18next';
import { ShieldSettings } from '../../../shared/settings.ts';
import { Field } from '../Field.tsx';
import { inBounds, numberBounds } from '../settings/bounds.ts';
import { NumberField } from '../settings/NumberField.tsx';
import { SaveBar } from '../settings/SaveBar.tsx';
import { useSettingsDraft } from '../settings/useSettingsDraft.ts';

const numeric = ['calls', 'withheld', 'sameNumber', 'windowMinutes', 'quietMinutes'] as const;
const bounds = Object.fromEntries(numeric.map((k) => [k, numberBounds(ShieldSettings.shape[k])])) as Record<
  (typeof numeric)[number],
  ReturnType<typeof numberBounds>
>;

export function ShieldForm() {
  const { t } = useTranslation();
  const form = useSettingsDraft(['screening', 'shield'], (s) => s.screening.shield);
  if (!form) return null;
  const { draft } = form;
  const invalid = numeric.some((k) => !inBounds(draft[k], bounds[k]));
  return (
    <form
      className="card settings-form"
      aria-labelledby="shield-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) void form.save();
      }}
    >
      <h2 id="shield-form-title">{t('shieldForm.title')}</h2>
      <p className="hint">{t('shieldForm.intro')}</p>
      <Field label={t('shieldForm.enabled')} inline>
        <input type="checkbox" checked={draft.enabled} onChange={(e) => form.setDraft((d) => ({ ...d, enabled: e.target.checked }))} />
      </Field>
      <div className="field-grid">
        {numeric.map((k) => (
          <NumberField
            key={k}
            label={t(`shieldForm.${k}`)}
            value={draft[k]}
            bounds={bounds[k]}
            serverError={form.fieldError(k)}
            onChange={(n) => form.setDraft((d) => ({ ...d, [k]: n }))}
          />
        ))}
      </div>
      <p className="hint">
        {t('shieldForm.summary', {
          calls: draft.calls,
          withheld: draft.withheld,
          same: draft.sameNumber,
          window: draft.windowMinutes,
          quiet: draft.quietMinutes,
        })}
      </p>
      <SaveBar form={form} invalid={invalid} />
    </form>
  );
}
