// Settings: modems, the demo line, everyday preferences and where the data lives.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context.tsx';
import { useAnnounce } from '../components/Announcer.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { Field } from '../components/Field.tsx';
import { copyText } from '../components/history/copy.ts';
import { PageTitle } from '../components/PageTitle.tsx';
import { EvidenceSettings } from '../components/settings/EvidenceSettings.tsx';
import { GeneralSettings } from '../components/settings/GeneralSettings.tsx';
import { MessageSettings } from '../components/settings/MessageSettings.tsx';
import { ModemSettings } from '../components/settings/ModemSettings.tsx';

export function Settings() {
  const { t } = useTranslation();
  const { status, api, reload } = useApp();
  const announce = useAnnounce();
  const [demoError, setDemoError] = useState<unknown>(null);
  // The switch moves at once and stays until the service's status agrees (or the call fails).
  const [demoWanted, setDemoWanted] = useState<boolean | null>(null);
  const demo = status?.demo ?? false;
  // Once the status agrees, the switch follows the status again (adjusted while rendering: no extra frame).
  if (demoWanted !== null && demoWanted === demo) setDemoWanted(null);

  return (
    <>
      <PageTitle>{t('nav.settings')}</PageTitle>
      <ModemSettings />
      <section className="card" aria-labelledby="demo-title">
        <h2 id="demo-title">{t('settings.demoTitle')}</h2>
        <p className="hint">{t('settings.demoIntro')}</p>
        <p className="hint">{t('settings.demoWhere')}</p>
        <Field label={t('settings.demoOn')} inline>
          <input
            type="checkbox"
            checked={demoWanted ?? demo}
            onChange={async (e) => {
              const on = e.target.checked;
              setDemoError(null);
              setDemoWanted(on);
              try {
                await api.setDemo({ on });
                reload();
              } catch (err) {
                setDemoWanted(null);
                setDemoError(err);
              }
            }}
          />
        </Field>
        <ErrorText error={demoError} />
      </section>
      <GeneralSettings />
      <EvidenceSettings />
      <MessageSettings />
      <section className="card" aria-labelledby="data-title">
        <h2 id="data-title">{t('settings.dataTitle')}</h2>
        <p>
          {t('settings.dataDir')} <code data-verbatim>{status?.dataDir ?? '—'}</code>
        </p>
        {status ? (
          <button type="button" onClick={async () => announce((await copyText(status.dataDir)) ? t('settings.dataDirCopied') : t('actions.copyFailed'))}>
            {t('settings.copyDataDir')}
          </button>
        ) : null}
        <p className="hint">
          {t('settings.version')} <span data-verbatim>{status?.version ?? '—'}</span>
        </p>
      </section>
    </>
  );
}
