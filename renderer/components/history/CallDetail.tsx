// One call in full: when each step happened, which rule decided and why, the raw modem lines (the
// evidence), the notes — and every action on the caller.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallNote } from '../../../shared/api.ts';
import type { CallRecord, Rule } from '../../../shared/domain.ts';
import { useApiEvent, useApp } from '../../app/context.tsx';
import { suggestedPrefix } from '../../format/phone.ts';
import { useNumberFormat } from '../useNumberFormat.ts';
import { formatDateTime } from '../../format/time.ts';
import { useAnnounce } from '../Announcer.tsx';
import { ActionBadge, SimulatedBadge } from '../Badges.tsx';
import { Caller } from '../Caller.tsx';
import { ErrorText, useErrorSentence } from '../ErrorText.tsx';
import { Field } from '../Field.tsx';
import { Panel } from '../Panel.tsx';
import { findNumberRule, useRuleActions } from '../useRuleActions.ts';
import { copyText } from './copy.ts';
import { lineName } from '../../format/line.ts';

/**
 * The Rule row when the decision carries no label: a list entry without one is still a rule (its value is in
 * the decision's sentence), and "no rule, the default applied" is only true of the default.
 */
function ruleWithoutLabel(
  d: CallRecord['decision'],
): 'history.ruleUnlabelled.trusted' | 'history.ruleUnlabelled.blocked' | 'history.noRule' | 'history.noListEntry' {
  if (d.ruleId !== null) return d.reason === 'trusted' ? 'history.ruleUnlabelled.trusted' : 'history.ruleUnlabelled.blocked';
  return d.reason === 'default' ? 'history.noRule' : 'history.noListEntry';
}

const steps = ['firstRing', 'callerId', 'decision', 'hangupSent', 'hangupConfirmed', 'end'] as const;

export function CallDetail({ call: initial, onClose }: { call: CallRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const { api, language, status, settings } = useApp();
  const formatNumber = useNumberFormat();
  const homeCountry = settings?.homeCountry;
  const actions = useRuleActions();
  const announce = useAnnounce();
  const sentence = useErrorSentence();
  const [call, setCall] = useState(initial);
  const [notes, setNotes] = useState<CallNote[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [prefix, setPrefix] = useState(initial.number ? suggestedPrefix(initial.number, homeCountry) : '');
  const [prefixError, setPrefixError] = useState<string | null>(null);
  // Whether the caller's number is on a list right now: then the panel offers Unblock / Untrust.
  const [listed, setListed] = useState<{ blocked: Rule | null; trusted: Rule | null }>({ blocked: null, trusted: null });
  const [listsChanged, setListsChanged] = useState(0);
  useApiEvent((e) => {
    if (e.type === 'rules-changed') setListsChanged((n) => n + 1);
  });
  const callerNumber = initial.number;
  useEffect(() => {
    if (!callerNumber) return;
    let live = true;
    Promise.all([findNumberRule(api, 'blocked', callerNumber), findNumberRule(api, 'trusted', callerNumber)]).then(
      ([blocked, trusted]) => live && setListed({ blocked, trusted }),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [api, callerNumber, listsChanged]);

  // Another call opened in the same panel (or the home country changed): start from it, while rendering.
  const [shownFor, setShownFor] = useState({ initial, homeCountry });
  if (shownFor.initial !== initial || shownFor.homeCountry !== homeCountry) {
    setShownFor({ initial, homeCountry });
    setCall(initial);
    setPrefix(initial.number ? suggestedPrefix(initial.number, homeCountry) : '');
  }
  useEffect(() => {
    let live = true;
    api.getCall({ id: initial.id }).then(
      (r) => {
        if (!live) return;
        setCall(r.call);
        setNotes(r.notes);
      },
      (e: unknown) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [api, initial]);

  const addNote = async () => {
    if (!note.trim()) {
      setNoteError(t('history.noteEmpty'));
      return;
    }
    try {
      const saved = await api.addNote({ callId: call.id, text: note.trim() });
      setNotes((n) => [...n, saved]);
      setNote('');
      setNoteError(null);
      announce(t('history.noteSaved'));
    } catch (e) {
      setNoteError(sentence(e));
    }
  };

  const line = status?.lines.find((l) => l.id === call.lineId);
  const number = call.number;
  const presentation = call.presentation;
  return (
    <Panel title={t('history.detailTitle')} onClose={onClose}>
      <ErrorText error={loadError} />
      <p className="detail-caller">
        <Caller number={call.number} presentation={call.presentation} name={call.name} presentedNumber={call.presentedNumber ?? null} />
      </p>
      <dl className="facts">
        <dt>{t('history.col.when')}</dt>
        <dd>
          <time dateTime={call.startedAt}>{formatDateTime(call.startedAt, language)}</time> <span data-verbatim>({call.timeZone})</span>
        </dd>
        <dt>{t('history.col.line')}</dt>
        <dd>
          <span data-verbatim={line?.label ? true : undefined}>{line ? lineName(line, t) : call.simulated ? t('line.demoName') : call.lineId}</span>{' '}
          {call.simulated ? <SimulatedBadge /> : null}
        </dd>
        <dt>{t('history.col.decision')}</dt>
        <dd>
          <ActionBadge action={call.decision.action} /> {call.decision.text[language]}
        </dd>
        <dt>{t('history.reasonCode')}</dt>
        <dd>{t(`reason.${call.decision.reason}`)}</dd>
        <dt>{t('history.rule')}</dt>
        <dd>{call.decision.ruleLabel ? <span data-verbatim>{call.decision.ruleLabel}</span> : t(ruleWithoutLabel(call.decision))}</dd>
        <dt>{t('history.col.outcome')}</dt>
        <dd>{t(`outcome.${call.outcome}`)}</dd>
        <dt>{t('history.rings')}</dt>
        <dd>
          {call.rings}
          {call.oneRing ? ` · ${t('history.oneRing')}` : ''}
        </dd>
      </dl>

      <h3>{t('history.timings')}</h3>
      <table className="timings">
        <tbody>
          {steps.map((step) => (
            <tr key={step}>
              <th scope="row">{t(`timing.${step}`)}</th>
              <td>{call.timings[step] === null ? t('timing.didNotHappen') : t('timing.ms', { ms: Math.round(call.timings[step]!) })}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{t('timing.hangupLatency')}</th>
            <td>{call.hangupLatencyMs === null ? t('timing.didNotHappen') : t('timing.ms', { ms: Math.round(call.hangupLatencyMs) })}</td>
          </tr>
        </tbody>
      </table>

      <h3>{t('history.rawLines')}</h3>
      <pre className="raw-lines" data-verbatim tabIndex={0} aria-label={t('history.rawLines')}>
        {call.raw.length ? call.raw.join('\n') : '—'}
      </pre>

      <h3>{t('history.actions')}</h3>
      {number ? (
        <>
          <div className="button-row">
            {listed.blocked ? (
              <button type="button" onClick={() => actions.unlist(listed.blocked!)}>
                {t('actions.unblockNumber')}
              </button>
            ) : (
              <button type="button" onClick={() => actions.block(number)}>
                {t('actions.blockNumber')}
              </button>
            )}
            {listed.trusted ? (
              <button type="button" onClick={() => actions.unlist(listed.trusted!)}>
                {t('actions.untrustNumber')}
              </button>
            ) : (
              <button type="button" onClick={() => actions.trust(number)}>
                {t('actions.trustNumber')}
              </button>
            )}
            <button
              type="button"
              onClick={async () => announce((await copyText(number)) ? t('actions.copied', { number: formatNumber(number) }) : t('actions.copyFailed'))}
            >
              {t('actions.copy')}
            </button>
          </div>
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault();
              const value = prefix.trim();
              if (!/^\+?\d{1,15}\*$/.test(value)) {
                setPrefixError(t('actions.prefixInvalid'));
                return;
              }
              setPrefixError(null);
              void actions.blockPrefix(value);
            }}
          >
            <Field label={t('actions.prefixLabel')} hint={t('actions.prefixHint')} error={prefixError}>
              <input value={prefix} onChange={(e) => setPrefix(e.target.value)} />
            </Field>
            <button type="submit">{t('actions.blockPrefix')}</button>
          </form>
        </>
      ) : (
        <>
          <p>{t('history.noNumberActions')}</p>
          {presentation !== 'allowed' ? (
            <button type="button" onClick={() => actions.blockPresentation(presentation)}>
              {t('actions.blockPresentation', { what: t(`presentation.${presentation}`) })}
            </button>
          ) : null}
        </>
      )}

      <h3>{t('history.notes')}</h3>
      {notes.length === 0 ? <p className="empty">{t('history.noNotes')}</p> : null}
      <ul className="notes">
        {notes.map((n) => (
          <li key={n.id}>
            <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, language)}</time>
            <p data-verbatim>{n.text}</p>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void addNote();
        }}
      >
        <Field label={t('history.addNote')} error={noteError}>
          <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={3} maxLength={5000} />
        </Field>
        <button type="submit">{t('history.saveNote')}</button>
      </form>

      <h3>{t('history.evidence')}</h3>
      <p className="hash" data-verbatim>
        {call.hash}
      </p>
    </Panel>
  );
}
