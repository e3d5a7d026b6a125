// Calls without a usable number: withheld by the caller, unavailable from the network, or no caller ID
// at all. Each is a `presentation` rule on the blocked list; here it is one switch per kind.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Presentation, Rule } from '../../../shared/domain.ts';
import { useApiEvent, useApp } from '../../app/context.tsx';
import { useAnnounce } from '../Announcer.tsx';
import { ErrorText } from '../ErrorText.tsx';
import { Field } from '../Field.tsx';

const kinds = ['withheld', 'unavailable', 'none'] as const satisfies readonly Exclude<Presentation, 'allowed'>[];
type Kind = (typeof kinds)[number];

export function PresentationRules() {
  const { t } = useTranslation();
  const { api } = useApp();
  const announce = useAnnounce();
  const [rules, setRules] = useState<Partial<Record<Kind, Rule>>>({});
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<Kind | null>(null);
  // The switch moves at once; it settles to the service's answer (or back, on failure) when it replies.
  const [optimistic, setOptimistic] = useState<Partial<Record<Kind, boolean>>>({});

  // The service's presentation rules: fetched here, applied by the caller.
  const fetchRules = useCallback(async () => {
    const found: Partial<Record<Kind, Rule>> = {};
    for (const kind of kinds) {
      const { rules: hits } = await api.listRules({ list: 'blocked', search: kind, limit: 50 });
      const rule = hits.find((r) => r.kind === 'presentation' && r.value === kind);
      if (rule) found[kind] = rule;
    }
    return found;
  }, [api]);
  const load = useCallback(async () => {
    try {
      setRules(await fetchRules());
      setLoaded(true);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [fetchRules]);

  // The first load: its answer is applied only while the panel is still shown.
  useEffect(() => {
    let live = true;
    fetchRules().then(
      (found) => {
        if (!live) return;
        setRules(found);
        setLoaded(true);
        setError(null);
      },
      (e: unknown) => {
        if (live) setError(e);
      },
    );
    return () => {
      live = false;
    };
  }, [fetchRules]);
  useApiEvent((e) => {
    if (e.type === 'rules-changed' && e.list === 'blocked') void load();
  });

  const toggle = async (kind: Kind, on: boolean) => {
    setBusy(kind);
    setError(null);
    setOptimistic((o) => ({ ...o, [kind]: on }));
    try {
      const existing = rules[kind];
      if (on && !existing) await api.addRule({ list: 'blocked', kind: 'presentation', value: kind, label: '' });
      if (!on && existing) await api.removeRule({ id: existing.id });
      announce(
        on ? t('presentationRules.nowBlocked', { what: t(`presentation.${kind}`) }) : t('presentationRules.nowAllowed', { what: t(`presentation.${kind}`) }),
      );
      await load();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
      setOptimistic((o) => ({ ...o, [kind]: undefined }));
    }
  };

  return (
    <section className="card" aria-labelledby="presentation-title">
      <h2 id="presentation-title">{t('presentationRules.title')}</h2>
      <p className="hint">{t('presentationRules.intro')}</p>
      {kinds.map((kind) => (
        <Field key={kind} label={t(`presentationRules.block.${kind}`)} hint={t(`presentationRules.hint.${kind}`)} inline>
          <input
            type="checkbox"
            checked={optimistic[kind] ?? rules[kind] !== undefined}
            disabled={!loaded || (busy !== null && busy !== kind)}
            onChange={(e) => toggle(kind, e.target.checked)}
          />
        </Field>
      ))}
      <ErrorText error={error} />
    </section>
  );
}
