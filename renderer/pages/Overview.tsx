// Overview: is the line protected, what is happening now, what happened today.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context.tsx';
import { DemoRingPanel } from '../components/DemoRingPanel.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { LineHealth } from '../components/LineHealth.tsx';
import { LiveCallCard } from '../components/LiveCallCard.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { ShieldBanner } from '../components/ShieldBanner.tsx';
import { formatCount, formatTime } from '../format/time.ts';

export function Overview() {
  const { t } = useTranslation();
  const { status, live, api, language, reload } = useApp();
  const [error, setError] = useState<unknown>(null);
  if (!status)
    return (
      <>
        <PageTitle>{t('nav.overview')}</PageTitle>
        <p>{t('common.loading')}</p>
      </>
    );

  const act = async (work: () => Promise<unknown>) => {
    setError(null);
    try {
      await work();
      reload();
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <PageTitle>{t('nav.overview')}</PageTitle>
      <ShieldBanner shield={status.shield} />
      {status.pausedUntil ? (
        <section className="paused-banner" role="region" aria-label={t('pause.title')}>
          <p>{t('pause.pausedUntil', { time: formatTime(status.pausedUntil, language) })}</p>
          <button type="button" onClick={() => act(() => api.pauseScreening({ minutes: null }))}>
            {t('pause.resume')}
          </button>
        </section>
      ) : null}
      <ErrorText error={error} />

      <section aria-labelledby="live-title" className="live-section">
        <h2 id="live-title">{t('live.title')}</h2>
        <div aria-live="polite" className="live-list">
          {live.length === 0 ? <p className="empty">{t('live.none')}</p> : live.map((call) => <LiveCallCard key={call.key} call={call} />)}
        </div>
      </section>

      {status.demo ? <DemoRingPanel /> : null}

      <section aria-labelledby="today-title">
        <h2 id="today-title">{t('today.title')}</h2>
        <div className="stat-row">
          <p className="stat">
            <span className="stat-figure" data-testid="today-calls">
              {formatCount(status.today.calls, language)}
            </span>
            <span className="stat-label">{t('today.calls')}</span>
          </p>
          <p className="stat">
            <span className="stat-figure" data-testid="today-blocked">
              {formatCount(status.today.blocked, language)}
            </span>
            <span className="stat-label">{t('today.blocked')}</span>
          </p>
        </div>
        {!status.pausedUntil ? (
          <button type="button" className="button-quiet" onClick={() => act(() => api.pauseScreening({ minutes: 60 }))}>
            {t('pause.forAnHour')}
          </button>
        ) : null}
      </section>

      <section aria-labelledby="lines-title">
        <h2 id="lines-title">{t('lines.title')}</h2>
        {status.lines.length === 0 ? (
          <div className="card">
            <p>{t('lines.none')}</p>
            <button type="button" onClick={() => act(() => api.setDemo({ on: true }))}>
              {t('settings.demoTry')}
            </button>
          </div>
        ) : (
          <ul className="line-list">
            {status.lines.map((line) => (
              <LineHealth key={line.id} line={line} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
