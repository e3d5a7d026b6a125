// The demo's sandbox, said on every page: the calls shown are made up, they live in a folder of their own,
// and the user's real history is untouched — with the way back (the desktop app switches to the real
// folder; `ringfence serve --demo` was started that way, so the banner says how to restart it).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context.tsx';
import { ErrorText } from './ErrorText.tsx';

export function DemoSandboxBanner() {
  const { t } = useTranslation();
  const { status, api, reload } = useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (!status?.sandbox) return null;
  const leave = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.setDemo({ on: false });
      reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="demo-sandbox-banner" role="region" aria-label={t('demoSandbox.label')} data-testid="demo-sandbox">
      <p>{t('demoSandbox.text')}</p>
      {status.host === 'desktop' ? (
        <button type="button" onClick={leave} disabled={busy}>
          {t('demoSandbox.leave')}
        </button>
      ) : (
        <p className="hint">{t('demoSandbox.headless', { flag: '--demo' })}</p>
      )}
      <ErrorText error={error} />
    </section>
  );
}
