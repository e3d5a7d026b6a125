// The everyday settings. Each control saves as soon as it changes (there is nothing to "apply"), and the
// language and theme switch the window at once.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { getCountries } from 'libphonenumber-js/min';
import type { Settings } from '../../../shared/settings.ts';
import { fieldOfError, toApiCallError } from '../../api/index.ts';
import { useApp } from '../../app/context.tsx';
import { locale } from '../../format/time.ts';
import { useAnnounce } from '../Announcer.tsx';
import { useErrorSentence } from '../ErrorText.tsx';
import { Field } from '../Field.tsx';

export function GeneralSettings() {
  const { t } = useTranslation();
  const { settings, saveSettings, language, transport } = useApp();
  const announce = useAnnounce();
  const sentence = useErrorSentence();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [retentionText, setRetentionText] = useState<string | null>(null);

  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([locale(language)], { type: 'region' });
    return getCountries()
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name, locale(language)));
  }, [language]);

  if (!settings) return null;

  const save = async (field: string, patch: Partial<Settings> | Record<string, unknown>) => {
    try {
      await saveSettings(patch as Record<string, unknown>);
      setErrors((e) => ({ ...e, [field]: '' }));
      announce((tr) => tr('settings.saved'));
    } catch (e) {
      const named = fieldOfError(toApiCallError(e));
      setErrors((errs) => ({ ...errs, [named?.split('.')[0] ?? field]: sentence(e) }));
    }
  };

  const retention = retentionText ?? (settings.retentionDays === null ? '' : String(settings.retentionDays));
  const retentionBad = retention !== '' && !(Number.isInteger(Number(retention)) && Number(retention) >= 1);

  return (
    <section className="card" aria-labelledby="general-title">
      <h2 id="general-title">{t('settings.generalTitle')}</h2>
      <div className="field-grid">
        <Field label={t('settings.language')} error={errors.language}>
          <select value={settings.language} onChange={(e) => save('language', { language: e.target.value as Settings['language'] })}>
            <option value="system">{t('settings.languageSystem')}</option>
            <option value="en" lang="en" data-verbatim>
              English
            </option>
            <option value="zh" lang="zh-CN" data-verbatim>
              简体中文
            </option>
          </select>
        </Field>
        <Field label={t('settings.theme')} error={errors.theme}>
          <select value={settings.theme} onChange={(e) => save('theme', { theme: e.target.value as Settings['theme'] })}>
            <option value="system">{t('settings.themeSystem')}</option>
            <option value="light">{t('settings.themeLight')}</option>
            <option value="dark">{t('settings.themeDark')}</option>
          </select>
        </Field>
        <Field label={t('settings.homeCountry')} hint={t('settings.homeCountryHint')} error={errors.homeCountry}>
          <select value={settings.homeCountry} onChange={(e) => save('homeCountry', { homeCountry: e.target.value })}>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
        </Field>
      </div>
      <fieldset>
        <legend>{t('settings.notifications')}</legend>
        <Field label={t('settings.notifyRingThrough')} inline>
          <input
            type="checkbox"
            checked={settings.notifications.ringThrough}
            onChange={(e) => save('notifications', { notifications: { ringThrough: e.target.checked } })}
          />
        </Field>
        <Field label={t('settings.notifyBlockedSummary')} inline>
          <input
            type="checkbox"
            checked={settings.notifications.blockedSummary}
            onChange={(e) => save('notifications', { notifications: { blockedSummary: e.target.checked } })}
          />
        </Field>
        {errors.notifications ? <p className="field-error">{errors.notifications}</p> : null}
      </fieldset>
      <Field
        label={t('settings.startAtLogin')}
        hint={transport.kind === 'desktop' ? undefined : t('settings.startAtLoginBrowser')}
        error={errors.startAtLogin}
        inline
      >
        <input
          type="checkbox"
          checked={settings.startAtLogin}
          disabled={transport.kind !== 'desktop'}
          onChange={(e) => save('startAtLogin', { startAtLogin: e.target.checked })}
        />
      </Field>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (retentionBad) return;
          void save('retentionDays', { retentionDays: retention === '' ? null : Number(retention) }).then(() => setRetentionText(null));
        }}
      >
        <Field label={t('settings.retention')} hint={t('settings.retentionHint')} error={retentionBad ? t('settings.retentionInvalid') : errors.retentionDays}>
          <input
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            value={retention}
            placeholder={t('settings.retentionForever')}
            onChange={(e) => setRetentionText(e.target.value)}
          />
        </Field>
        <button type="submit" disabled={retentionText === null || retentionBad}>
          {t('common.save')}
        </button>
      </form>
    </section>
  );
}
