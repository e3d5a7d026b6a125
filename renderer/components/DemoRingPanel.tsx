// "Ring the demo line": while the demo runs, made-up calls at the press of a button — an ordinary caller,
// one on the sandbox's blocked list, a flood that turns the shield on — so a newcomer sees each outcome
// without waiting for the demo's own loop.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context.tsx';
import { useAnnounce } from './Announcer.tsx';
import { ErrorText } from './ErrorText.tsx';

const kinds = ['normal', 'blocked', 'flood'] as const;

export function DemoRingPanel() {
  const { t } = useTranslation();
  const { api } = useApp();
  const announce = useAnnounce();
  const [error, setError] = useState<unknown>(null);
  return (
    <section className="card demo-ring" aria-labelledby="demo-ring-title" data-testid="demo-ring">
      <h2 id="demo-ring-title">{t('demoRing.title')}</h2>
      <p className="hint">{t('demoRing.hint')}</p>
      <div className="button-row">
        {kinds.map((kind) => (
          <button
            key={kind}
            type="button"
            onClick={async () => {
              setError(null);
              try {
                const { calls } = await api.ringDemo({ kind });
                announce(t('demoRing.rang', { count: calls }));
              } catch (e) {
                setError(e);
              }
            }}
          >
            {t(`demoRing.${kind}`)}
          </button>
        ))}
      </div>
      <ErrorText error={error} />
    </section>
  );
}
