// Evidence & export: the history as a file for the operator, 12321 or the police — CSV, JSON or a
// readable evidence report — and a check that the record has not been altered.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput, VerifyResult } from '../../shared/api.ts';
import { useApiEvent, useApp } from '../app/context.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { Field } from '../components/Field.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { dayEndIso, dayStartIso, formatCount } from '../format/time.ts';
import type { DesktopShell } from '../api/index.ts';
import type { Language } from '../i18n/index.ts';
import { DateField } from '../components/DateField.tsx';

type Format = 'csv' | 'json' | 'html' | 'pack';
type ExportResult = MethodOutput<'exportHistory'>;

/** Numbers typed one per line or separated by commas; at most 100, as the API allows. */
export function parseNumbers(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((n) => n.trim())
    .filter(Boolean);
}

export function Evidence() {
  const { t } = useTranslation();
  const { api, language, transport } = useApp();
  const [format, setFormat] = useState<Format>('html');
  const [exclude, setExclude] = useState('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [numbers, setNumbers] = useState('');
  const [reportLanguage, setReportLanguage] = useState<Language>(language);
  const [exporting, setExporting] = useState(false);
  const [progress, setProgress] = useState<{ jobId: string; done: number; total: number } | null>(null);
  const [result, setResult] = useState<ExportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);

  // The job id is only known when the export returns, so while one runs, the first job reporting
  // progress is taken to be ours. A ref, because events can arrive before React re-renders.
  const job = useRef<{ running: boolean; jobId: string | null }>({ running: false, jobId: null });
  useApiEvent((e) => {
    if (e.type !== 'export-progress' || !job.current.running) return;
    if (job.current.jobId !== null && job.current.jobId !== e.jobId) return;
    job.current.jobId = e.jobId;
    setProgress({ jobId: e.jobId, done: e.done, total: e.total });
  });

  const list = parseNumbers(numbers);
  const numbersError =
    list.length > 100 ? t('evidence.tooManyNumbers', { count: list.length }) : list.find((n) => n.length > 64) ? t('evidence.numberTooLong') : null;
  const rangeError = fromDay && toDay && toDay < fromDay ? t('history.toBeforeFrom') : null;

  const run = async () => {
    if (numbersError || rangeError) return;
    job.current = { running: true, jobId: null };
    setExporting(true);
    setProgress(null);
    setResult(null);
    setError(null);
    try {
      const r = await api.exportHistory({
        format,
        numbers: list,
        exclude: parseNumbers(exclude),
        language: reportLanguage,
        ...(fromDay ? { from: dayStartIso(fromDay) } : {}),
        ...(toDay ? { to: dayEndIso(toDay) } : {}),
      });
      setResult(r);
      setProgress({ jobId: r.jobId, done: r.rows, total: r.rows });
    } catch (e) {
      setError(e);
    } finally {
      job.current.running = false;
      setExporting(false);
    }
  };

  const runVerify = async () => {
    setVerifying(true);
    setVerify(null);
    setVerifyError(null);
    try {
      setVerify(await api.verifyHistory({}));
    } catch (e) {
      setVerifyError(e);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <PageTitle>{t('nav.evidence')}</PageTitle>
      <form
        className="card"
        aria-labelledby="export-title"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <h2 id="export-title">{t('evidence.exportTitle')}</h2>
        <p className="hint">{t('evidence.exportIntro')}</p>
        <div className="field-grid">
          <DateField label={t('history.from')} value={fromDay} onChange={setFromDay} hint={false} />
          <DateField label={t('history.to')} value={toDay} onChange={setToDay} error={rangeError} hint={false} />
        </div>
        <Field label={t('evidence.numbers')} hint={t('evidence.numbersHint')} error={numbersError}>
          <textarea value={numbers} onChange={(e) => setNumbers(e.target.value)} rows={3} spellCheck={false} />
        </Field>
        <Field label={t('evidence.exclude')} hint={t('evidence.excludeHint')}>
          <textarea value={exclude} onChange={(e) => setExclude(e.target.value)} rows={2} spellCheck={false} />
        </Field>
        <fieldset>
          <legend>{t('evidence.format')}</legend>
          {(['pack', 'html', 'csv', 'json'] as const).map((f) => (
            <label key={f} className="radio">
              <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} />
              <span>
                {t(`evidence.formats.${f}`)}
                <span className="hint"> — {t(`evidence.formatHints.${f}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <Field label={t('evidence.language')}>
          <select value={reportLanguage} onChange={(e) => setReportLanguage(e.target.value as Language)}>
            <option value="en" lang="en" data-verbatim>
              English
            </option>
            <option value="zh" lang="zh-CN" data-verbatim>
              简体中文
            </option>
          </select>
        </Field>
        <div className="button-row">
          <button type="submit" className="button-strong" disabled={exporting || Boolean(numbersError || rangeError)}>
            {exporting ? t('evidence.exporting') : t('evidence.export')}
          </button>
        </div>
        {exporting || progress ? (
          <div className="progress" data-testid="export-progress">
            <label htmlFor="export-progress-bar">
              {progress
                ? t('evidence.progress', { done: formatCount(progress.done, language), total: formatCount(progress.total, language) })
                : t('evidence.starting')}
            </label>
            <progress id="export-progress-bar" max={progress?.total || 1} value={progress ? progress.done : undefined} />
          </div>
        ) : null}
        <ErrorText error={error} />
        {result ? <ExportResultView result={result} format={format} downloadUrl={transport.downloadUrl} shell={transport.shell} /> : null}
      </form>

      <section className="card" aria-labelledby="verify-title">
        <h2 id="verify-title">{t('evidence.verifyTitle')}</h2>
        <p className="hint">{t('evidence.verifyIntro')}</p>
        <button type="button" onClick={runVerify} disabled={verifying}>
          {verifying ? t('evidence.verifying') : t('evidence.verify')}
        </button>
        <ErrorText error={verifyError} />
        {verify ? (
          <p className={verify.ok ? 'verify ok' : 'verify bad'} role="status" data-testid="verify-result">
            {verify.ok
              ? t('evidence.verifyOk', { count: verify.records })
              : t('evidence.verifyBad', { id: verify.firstBad?.id ?? '?', reason: verify.firstBad?.reason ?? '' })}
            {verify.head ? (
              <>
                {' '}
                {t('evidence.chainHead')} <code data-verbatim>{verify.head.slice(0, 16)}…</code>
              </>
            ) : null}
          </p>
        ) : null}
        {verify ? (
          <ul className="verify-details" data-testid="verify-details">
            {(verify.checkpoints ?? [])
              .filter((c) => c.matches !== null)
              .map((c) => (
                <li key={`${c.source}:${c.lastId}`} className={c.matches ? 'verify ok' : 'verify bad'}>
                  {c.matches ? t('evidence.checkpointOk', { at: c.at ?? '—' }) : t('evidence.checkpointBad', { at: c.at ?? '—', problem: c.problem ?? '' })}
                </li>
              ))}
            {(verify.problems ?? [])
              .filter((p) => !(verify.checkpoints ?? []).some((c) => c.problem === p))
              .map((p) => (
                <li key={p} className="verify bad">
                  {t('evidence.problem', { text: p })}
                </li>
              ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}

function ExportResultView({
  result,
  format,
  downloadUrl,
  shell,
}: {
  result: ExportResult;
  format: Format;
  downloadUrl: (url: string) => string;
  shell: DesktopShell | null;
}) {
  const { t } = useTranslation();
  const { language } = useApp();
  const [shellError, setShellError] = useState<unknown>(null);
  const run = (work: () => Promise<void>) => {
    setShellError(null);
    work().catch(setShellError);
  };
  return (
    <div className="export-result" role="status" data-testid="export-result">
      <p>{t('evidence.done', { count: result.rows, rows: formatCount(result.rows, language) })}</p>
      {result.url ? (
        <a
          className="button-link"
          href={downloadUrl(result.url)}
          // The report is a page to read: open it. Data files are saved.
          {...(format === 'html' || format === 'pack' ? { target: '_blank', rel: 'noopener' } : { download: result.fileName })}
          data-testid="export-link"
        >
          {format === 'pack' ? t('evidence.openPack') : format === 'html' ? t('evidence.openReport') : t('evidence.download')}{' '}
          <span data-verbatim>({result.fileName})</span>
        </a>
      ) : null}
      {result.path ? (
        <>
          <p>
            {t('evidence.savedTo')} <code data-verbatim>{result.path}</code>
          </p>
          {shell ? (
            <div className="button-row">
              <button type="button" onClick={() => run(() => shell.openPath(result.path!))}>
                {t('evidence.open')}
              </button>
              <button type="button" onClick={() => run(() => shell.revealPath(result.path!))}>
                {t('evidence.reveal')}
              </button>
            </div>
          ) : null}
        </>
      ) : null}
      <ErrorText error={shellError} />
    </div>
  );
}
