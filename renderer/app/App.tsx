// The window: a skip link, the navigation, the line's protection at a glance, and the current page.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { AnnouncerProvider } from '../components/Announcer.tsx';
import { DemoSandboxBanner } from '../components/DemoSandboxBanner.tsx';
import { ErrorBoundary } from '../components/ErrorBoundary.tsx';
import { ProtectionBadge } from '../components/ProtectionBadge.tsx';
import { useErrorSentence } from '../components/ErrorText.tsx';
import { Evidence } from '../pages/Evidence.tsx';
import { History } from '../pages/History.tsx';
import { Messages } from '../pages/Messages.tsx';
import { Overview } from '../pages/Overview.tsx';
import { Rules } from '../pages/Rules.tsx';
import { Settings } from '../pages/Settings.tsx';
import { useApp } from './context.tsx';
import { pages, usePage, type Page } from './route.ts';

// The charts library is most of the bundle and only Statistics needs it: load it when first shown, so the
// window (and History on a big database) comes up sooner.
const Statistics = lazy(() => import('../pages/Statistics.tsx').then((m) => ({ default: m.Statistics })));

const views: Record<Page, React.ComponentType> = {
  overview: Overview,
  history: History,
  messages: Messages,
  rules: Rules,
  statistics: Statistics,
  evidence: Evidence,
  settings: Settings,
};

export function App() {
  const { t } = useTranslation();
  const page = usePage();
  const { status, loadError, reload, connection, language, dismissNotice, folder } = useApp();
  const sentence = useErrorSentence();
  const View = views[page];

  return (
    <AnnouncerProvider>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <div className="app">
        <header className="app-header">
          <p className="brand" data-verbatim>
            Ringfence
          </p>
          <nav aria-label={t('nav.label')}>
            <ul>
              {pages.map((p) => (
                <li key={p}>
                  <a href={`#/${p}`} aria-current={p === page ? 'page' : undefined}>
                    {t(`nav.${p}`)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <ProtectionBadge pageName={t(`nav.${page}`)} />
        </header>
        <main id="main" tabIndex={-1} className={`page page-${page}`}>
          {connection === 'reconnecting' ? (
            <p className="connection-banner" role="status" data-testid="reconnecting">
              {t('connection.reconnecting')}
            </p>
          ) : null}
          <DemoSandboxBanner />
          {status?.notices.map((n) => (
            <div key={n.code} className={`notice notice-${n.level}`} role={n.level === 'error' ? 'alert' : 'status'}>
              <p>{n.text[language]}</p>
              <button type="button" className="button-quiet" onClick={() => dismissNotice(n.code)}>
                {t('common.dismiss')}
              </button>
            </div>
          ))}
          {loadError ? (
            <div className="card load-error" role="alert">
              <h1>{t('load.title')}</h1>
              <p>{sentence(loadError)}</p>
              <button type="button" onClick={reload}>
                {t('load.retry')}
              </button>
            </div>
          ) : (
            // Pages start fetching their own data at once; the status fills in when it arrives.
            <ErrorBoundary resetKey={page}>
              <Suspense fallback={<p>{t('common.loading')}</p>}>
                {/* A new service behind the window (the demo's sandbox and back) remounts the page: it refetches. */}
                <View key={`${page}:${folder}`} />
              </Suspense>
            </ErrorBoundary>
          )}
        </main>
      </div>
    </AnnouncerProvider>
  );
}
