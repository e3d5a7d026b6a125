import { useTranslation } from 'react-i18next';
import type { SettingsDraft } from './useSettingsDraft.ts';

/** Save and undo for a settings form, with its form-level error. */
export function SaveBar({ form, invalid = false }: { form: SettingsDraft<unknown>; invalid?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="save-bar">
      {form.formError ? (
        <p className="error-text" role="alert">
          {form.formError}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button-strong" disabled={!form.dirty || form.saving || invalid}>
          {t('common.save')}
        </button>
        <button type="button" onClick={form.reset} disabled={!form.dirty || form.saving}>
          {t('common.undo')}
        </button>
      </div>
    </div>
  );
}
