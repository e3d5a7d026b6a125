// The complaint SMS: Ringfence prepares it, the user sees exactly what will be sent (and to which number),
// may edit it, and nothing is sent until they press Send. The server refuses a send without the draft's
// id and `confirmed: true`, so this dialog is the only way a complaint leaves the modem.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintDraft } from '../../../shared/api.ts';
import { useApp } from '../../app/context.tsx';
import { useErrorSentence } from '../ErrorText.tsx';
import { useAnnounce } from '../Announcer.tsx';

export type ComplaintSubject = { number: string } | { incidentId: number };

export function ComplaintDialog({ subject, onClose }: { subject: ComplaintSubject; onClose: () => void }) {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const sentence = useErrorSentence();
  const announce = useAnnounce();
  const titleId = useId();
  const [draft, setDraft] = useState<ComplaintDraft | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    let live = true;
    api.prepareComplaintSms(subject).then(
      (d) => {
        if (!live) return;
        setDraft(d);
        setText(d.text);
      },
      (e: unknown) => live && setError(sentence(e)),
    );
    return () => {
      live = false;
    };
  }, [api, subject, sentence]);

  const send = async () => {
    if (!draft) return;
    setSending(true);
    setError(null);
    try {
      const result = await api.sendComplaintSms({ draftId: draft.draftId, text, confirmed: true });
      if (result.ok) {
        setSent(true);
        announce(t('complaint.sent', { to: draft.to }));
      } else setError(result.error ? result.error[language] : t('complaint.failed'));
    } catch (e) {
      setError(sentence(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <section className="dialog complaint-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>{t('complaint.title')}</h2>
        {!draft && !error ? <p>{t('complaint.preparing')}</p> : null}
        {draft ? (
          <>
            <p>
              {t('complaint.to')} <strong data-verbatim>{draft.to}</strong> — {draft.reportName[language]}
            </p>
            <label htmlFor={`${titleId}-text`}>{t('complaint.textLabel')}</label>
            <textarea id={`${titleId}-text`} value={text} rows={6} disabled={sent} onChange={(e) => setText(e.target.value)} data-testid="complaint-text" />
            <p className="hint">{text === draft.text ? t('complaint.parts', { count: draft.parts }) : t('complaint.edited')}</p>
            <p className="hint">{t('complaint.confirmHint')}</p>
          </>
        ) : null}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        {sent ? <p role="status">{t('complaint.sentLong', { to: draft?.to ?? '' })}</p> : null}
        <div className="button-row">
          {draft && !sent ? (
            <button type="button" onClick={() => void send()} disabled={sending || text.trim() === ''} data-testid="complaint-send">
              {sending ? t('complaint.sending') : t('complaint.send', { to: draft.to })}
            </button>
          ) : null}
          <button type="button" className="button-quiet" onClick={onClose}>
            {sent ? t('complaint.close') : t('common.cancel')}
          </button>
        </div>
      </section>
    </div>
  );
}
