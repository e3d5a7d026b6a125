// What the evidence needs that the calls do not say: the user's own number on each line (named in the report
// and the complaint texts as the harassed number), a folder outside the data folder for checkpoints, and the
// opt-in daily SMS of the chain head, which is sent only once the user confirmed the number it goes to.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/context.tsx';
import { useAnnounce } from '../Announcer.tsx';
import { useErrorSentence } from '../ErrorText.tsx';
import { Field } from '../Field.tsx';

const split = (text: string) =>
  text
    .split(/[,;，；\n]+/) // a number may be written with spaces: 138 0013 8000
    .map((n) => n.trim())
    .filter(Boolean);

export function EvidenceSettings() {
  const { t } = useTranslation();
  const { settings, saveSettings, status } = useApp();
  const announce = useAnnounce();
  const sentence = useErrorSentence();
  const [error, setError] = useState<string | null>(null);
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [smsTo, setSmsTo] = useState<string | null>(null);
  if (!settings) return null;
  const evidence = settings.evidence;
  const lines = status?.lines ?? [];

  const save = async (patch: Record<string, unknown>) => {
    try {
      await saveSettings({ evidence: patch });
      setError(null);
      announce((tr) => tr('settings.saved'));
    } catch (e) {
      setError(sentence(e));
    }
  };

  return (
    <section className="card" aria-labelledby="evidence-settings-title">
      <h2 id="evidence-settings-title">{t('evidenceSettings.title')}</h2>
      <p className="hint">{t('evidenceSettings.intro')}</p>
      {lines.length === 0 ? <p className="hint">{t('evidenceSettings.noLines')}</p> : null}
      {lines.map((line) => (
        <Field
          key={line.id}
          label={
            <>
              <span data-verbatim>{line.label}</span>
              {t('evidenceSettings.ownNumbers')}
            </>
          }
          hint={t('evidenceSettings.ownNumbersHint')}
        >
          <input
            type="text"
            inputMode="tel"
            data-line={line.id}
            value={drafts[line.id] ?? (evidence.lineNumbers[line.id] ?? []).join(', ')}
            onChange={(e) => setDrafts((d) => ({ ...d, [line.id]: e.target.value }))}
            onBlur={() => {
              const text = drafts[line.id];
              if (text === undefined) return;
              void save({ lineNumbers: { ...evidence.lineNumbers, [line.id]: split(text) } });
            }}
          />
        </Field>
      ))}
      <Field label={t('evidenceSettings.checkpointDir')} hint={t('evidenceSettings.checkpointDirHint')}>
        <input
          type="text"
          data-verbatim
          defaultValue={evidence.checkpointDir ?? ''}
          onBlur={(e) => void save({ checkpointDir: e.target.value.trim() || null })}
        />
      </Field>
      <fieldset>
        <legend>{t('evidenceSettings.smsTitle')}</legend>
        <p className="hint">{t('evidenceSettings.smsIntro')}</p>
        <Field label={t('evidenceSettings.smsTo')}>
          <input type="text" inputMode="tel" value={smsTo ?? evidence.smsCheckpoint.to} onChange={(e) => setSmsTo(e.target.value)} />
        </Field>
        <div className="button-row">
          <button
            type="button"
            disabled={!(smsTo ?? evidence.smsCheckpoint.to).trim()}
            onClick={() => {
              const to = (smsTo ?? evidence.smsCheckpoint.to).trim();
              // Explicit confirmation: the number is shown back and nothing is sent before this click.
              if (window.confirm(t('evidenceSettings.smsConfirm', { number: to }))) {
                void save({ smsCheckpoint: { enabled: true, to, confirmedAt: new Date().toISOString() } });
              }
            }}
          >
            {t('evidenceSettings.smsEnable')}
          </button>
          {evidence.smsCheckpoint.enabled ? (
            <button type="button" onClick={() => void save({ smsCheckpoint: { enabled: false, to: evidence.smsCheckpoint.to, confirmedAt: null } })}>
              {t('evidenceSettings.smsDisable')}
            </button>
          ) : null}
        </div>
        <p role="status" data-testid="sms-checkpoint-state">
          {evidence.smsCheckpoint.enabled ? t('evidenceSettings.smsOn', { number: evidence.smsCheckpoint.to }) : t('evidenceSettings.smsOff')}
        </p>
      </fieldset>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
