// Import a list in two steps: the service reads it and says what it would add, what is already there and
// which lines it could not read (with their line numbers); nothing changes until the user confirms. All or
// nothing by default; with bad lines the choice is to import the good ones and save the bad ones to a file.
// Patterns (prefixes, wildcards) are named as patterns, so a list meant as numbers cannot hide one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportFormat, type ImportPreview } from '../../../shared/api.ts';
import type { RuleList } from '../../../shared/domain.ts';
import { csvCell } from '../../../shared/line-text.ts';
import { useApp } from '../../app/context.tsx';
import { useAnnounce } from '../Announcer.tsx';
import { ErrorText } from '../ErrorText.tsx';
import { Field } from '../Field.tsx';

type Format = (typeof ImportFormat.options)[number];

export function ImportPanel({ list, onImported, onClose }: { list: RuleList; onImported: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const announce = useAnnounce();
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState<string | undefined>(undefined);
  const [format, setFormat] = useState<Format>('auto');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [emptyError, setEmptyError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const readPreview = () =>
    run(async () => {
      if (!content.trim()) {
        setEmptyError(t('import.empty'));
        return;
      }
      setEmptyError(null);
      setPreview(await api.previewImport({ list, content, format, ...(fileName ? { fileName } : {}) }));
    });

  const commit = (token: string, skipInvalid: boolean) =>
    run(async () => {
      const { imported } = await api.commitImport({ token, skipInvalid });
      announce(t('import.done', { count: imported }));
      setPreview(null);
      setContent('');
      onImported();
    });

  /** The bad lines as a CSV the person can fix and import again (the ones the preview lists). */
  const saveInvalid = (p: ImportPreview) => {
    const rows = ['line,value,reason', ...p.invalid.map((bad) => [bad.line, bad.value, bad.reason[language]].map(csvCell).join(','))];
    const url = URL.createObjectURL(new Blob([`${rows.join('\n')}\n`], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${(fileName ?? 'list').replace(/^.*[\\/]/, '')}.invalid.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <section
      className="card import-panel"
      aria-labelledby={`import-${list}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h3 id={`import-${list}`}>{list === 'blocked' ? t('import.titleBlocked') : t('import.titleTrusted')}</h3>
      {preview === null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void readPreview();
          }}
        >
          <Field label={t('import.file')} hint={t('import.fileHint')}>
            <input
              type="file"
              accept=".csv,.txt,.vcf,.ncid,text/*"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                setFileName(file.name);
                setContent(await file.text());
              }}
            />
          </Field>
          <Field label={t('import.paste')} error={emptyError}>
            <textarea value={content} onChange={(e) => setContent(e.target.value)} rows={6} spellCheck={false} />
          </Field>
          <Field label={t('import.format')}>
            <select value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              {ImportFormat.options.map((f) => (
                <option key={f} value={f}>
                  {t(`importFormat.${f}`)}
                </option>
              ))}
            </select>
          </Field>
          <div className="button-row">
            <button type="submit" className="button-strong" disabled={busy}>
              {t('import.preview')}
            </button>
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="import-preview" data-testid="import-preview">
          <p>{t('import.summary', { added: preview.added, duplicates: preview.duplicates, invalid: preview.invalidCount })}</p>
          {preview.patterns > 0 ? <p data-testid="import-patterns">{t('import.patterns', { count: preview.patterns })}</p> : null}
          {preview.invalidCount > 0 ? (
            <>
              <h4>{t('import.invalidTitle')}</h4>
              {preview.invalidCount > preview.invalid.length ? (
                <p className="hint">{t('import.invalidFirst', { shown: preview.invalid.length, count: preview.invalidCount })}</p>
              ) : null}
              <ul className="invalid-lines" data-testid="invalid-lines">
                {preview.invalid.map((bad) => (
                  <li key={bad.line}>
                    <span className="line-no">{t('import.line', { line: bad.line })}</span>{' '}
                    <code data-verbatim>
                      <bdi>{bad.value}</bdi>
                    </code>{' '}
                    — {bad.reason[language]}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {preview.sample.length > 0 ? (
            <>
              <h4>{t('import.sampleTitle')}</h4>
              <ul className="sample" data-verbatim>
                {preview.sample.map((s, i) => (
                  <li key={i}>
                    <bdi>{s.value}</bdi>
                    {s.kind && s.kind !== 'number' ? ` (${t(`ruleKind.${s.kind}`)})` : ''}
                    {s.label ? (
                      <>
                        {' — '}
                        <bdi>{s.label}</bdi>
                      </>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <p className="hint">{t('import.nothingYet')}</p>
          <div className="button-row">
            {preview.invalidCount === 0 ? (
              <button type="button" className="button-strong" disabled={busy || preview.added === 0} onClick={() => commit(preview.token, false)}>
                {t('import.commit', { count: preview.added })}
              </button>
            ) : (
              <>
                <button type="button" className="button-strong" disabled={busy || preview.added === 0} onClick={() => commit(preview.token, true)}>
                  {t('import.commitGood', { count: preview.added, invalid: preview.invalidCount })}
                </button>
                <button type="button" onClick={() => saveInvalid(preview)}>
                  {t('import.saveInvalid', { count: preview.invalid.length })}
                </button>
              </>
            )}
            <button type="button" onClick={() => setPreview(null)}>
              {t('import.back')}
            </button>
            <button type="button" onClick={onClose}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <ErrorText error={error} />
    </section>
  );
}
