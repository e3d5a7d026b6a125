// The press-a-digit pass gate: when unknown callers are answered and asked for a digit, how long a pass
// lasts, how long the gate listens, and the prompt's languages. Which lines can gate is on each line's card.
import { useTranslation } from 'react-i18next';
import { GateSettings } from '../../../shared/settings.ts';
import { Field } from '../Field.tsx';
import { inBounds, numberBounds } from '../settings/bounds.ts';
import { NumberField } from '../settings/NumberField.tsx';
import { SaveBar } from '../settings/SaveBar.tsx';
import { useSettingsDraft } from '../settings/useSettingsDraft.ts';

const modes = ['off', 'during-shield', 'always'] as const;
const prompts = ['zh-en', 'en-zh', 'zh', 'en'] as const;
const passMinutes = [3, 5, 10] as const;
const waitBounds = numberBounds(GateSettings.shape.digitWaitSeconds);

export function GateForm() {
  const { t } = useTranslation();
  const form = useSettingsDraft(['screening', 'gate'], (s) => s.screening.gate);
  if (!form) return null;
  const { draft } = form;
  const invalid = !inBounds(draft.digitWaitSeconds, waitBounds);
  return (
    <form
      className="card settings-form"
      aria-labelledby="gate-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        if (!invalid) void form.save();
      }}
    >
      <h2 id="gate-form-title">{t('gateForm.title')}</h2>
      <p className="hint">{t('gateForm.intro')}</p>
      <fieldset>
        <legend>{t('gateForm.mode')}</legend>
        {modes.map((mode) => (
          <label key={mode} className="radio">
            <input type="radio" name="gate-mode" value={mode} checked={draft.mode === mode} onChange={() => form.setDraft((d) => ({ ...d, mode }))} />
            <span>
              {t(`gateForm.modes.${mode}`)}
              <span className="hint"> — {t(`gateForm.modeHints.${mode}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="field-grid">
        <Field label={t('gateForm.passMinutes')}>
          <select
            value={draft.passMinutes}
            onChange={(e) => form.setDraft((d) => ({ ...d, passMinutes: Number(e.target.value) as (typeof passMinutes)[number] }))}
          >
            {passMinutes.map((m) => (
              <option key={m} value={m}>
                {t('gateForm.minutes', { count: m })}
              </option>
            ))}
          </select>
        </Field>
        <NumberField
          label={t('gateForm.digitWaitSeconds')}
          value={draft.digitWaitSeconds}
          bounds={waitBounds}
          serverError={form.fieldError('digitWaitSeconds')}
          onChange={(n) => form.setDraft((d) => ({ ...d, digitWaitSeconds: n }))}
        />
        <Field label={t('gateForm.prompt')}>
          <select value={draft.prompt} onChange={(e) => form.setDraft((d) => ({ ...d, prompt: e.target.value as (typeof prompts)[number] }))}>
            {prompts.map((p) => (
              <option key={p} value={p}>
                {t(`gateForm.prompts.${p}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <p className="hint">
        {draft.mode === 'off' ? t('gateForm.summaryOff') : t('gateForm.summary', { minutes: draft.passMinutes, seconds: draft.digitWaitSeconds })}
      </p>
      <SaveBar form={form} invalid={invalid} />
    </form>
  );
}
