// The shield, said plainly: when it went up, what it has stopped, who still gets through, when it ends —
// with the button to end it now.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShieldState } from '../../shared/domain.ts';
import { useApp } from '../app/context.tsx';
import { formatTime } from '../format/time.ts';
import { ErrorText } from './ErrorText.tsx';

export function ShieldBanner({ shield }: { shield: ShieldState }) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const set = async (on: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await api.setShield({ on });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (!shield.active) {
    return (
      <section className="card shield-off" aria-labelledby="shield-off-title">
        <h2 id="shield-off-title">{t('shield.offTitle')}</h2>
        <p>{t('shield.offBody')}</p>
        <button type="button" onClick={() => set(true)} disabled={busy}>
          {t('shield.turnOn')}
        </button>
        <ErrorText error={error} />
      </section>
    );
  }

  const since = shield.since ? formatTime(shield.since, language) : '—';
  const ends = shield.until ? t('shield.endsAt', { time: formatTime(shield.until, language) }) : t('shield.endsQuiet', { count: shield.quietMinutes });
  return (
    <section className="shield-banner" role="region" aria-labelledby="shield-title" data-testid="shield-banner">
      <div>
        <h2 id="shield-title">{t('shield.onSince', { time: since })}</h2>
        {shield.cause ? <p data-testid="shield-cause">{t('shield.cause', { cause: shield.cause[language] })}</p> : null}
        <p>
          {t('shield.blockedFrom', { count: shield.callsBlocked, numbers: shield.distinctNumbers })} {t('shield.onlyTrusted')} {ends}
        </p>
      </div>
      <button type="button" className="button-strong" onClick={() => set(false)} disabled={busy}>
        {t('shield.end')}
      </button>
      <ErrorText error={error} />
    </section>
  );
}
