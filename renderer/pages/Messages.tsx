// Messages: every SMS the line received, searchable, with the extortion and fraud texts flagged so the one
// that matters stands out among thousands of verification codes; one click blocks or trusts the sender
// (as an exact number) or prepares the complaint SMS for the operator.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageQuery, MethodOutput } from '../../shared/api.ts';
import type { Message } from '../../shared/domain.ts';
import { defaultKeywords, type MessageKeywords } from '../../shared/message-flags.ts';
import { useApiEvent, useApp } from '../app/context.tsx';
import { ErrorText } from '../components/ErrorText.tsx';
import { Field } from '../components/Field.tsx';
import { DateRange, FilterForm, LineSelect, SearchBox, useTypedText } from '../components/FilterForm.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SimulatedBadge } from '../components/Badges.tsx';
import { ComplaintDialog, type ComplaintSubject } from '../components/messages/ComplaintDialog.tsx';
import { MessageText } from '../components/messages/MessageText.tsx';
import { useKeysetPages } from '../components/useKeysetPages.ts';
import { useNumberFormat } from '../components/useNumberFormat.ts';
import { useRuleActions } from '../components/useRuleActions.ts';
import { formatCallTime, formatCount, formatDateTime } from '../format/time.ts';
import { rangeProblem } from '../state/history-query.ts';
import { isUnfilteredMessages, noMessageFilters, toMessageQuery, type MessageFilters } from '../state/message-query.ts';

const typedKeys = ['text', 'party'] as const;

function Filters({ value, onChange }: { value: MessageFilters; onChange: (f: MessageFilters) => void }) {
  const { t } = useTranslation();
  const [typed, type] = useTypedText(value, typedKeys, onChange);
  const set = <K extends keyof MessageFilters>(key: K, v: MessageFilters[K]) => onChange({ ...value, [key]: v });
  return (
    <FilterForm label={t('messages.filters')} onClear={() => onChange(noMessageFilters)}>
      <SearchBox label={t('messages.search')} placeholder={t('messages.searchPlaceholder')} value={typed.text} onChange={(text) => type('text', text)} />
      <SearchBox label={t('messages.sender')} placeholder={t('messages.senderPlaceholder')} value={typed.party} onChange={(text) => type('party', text)} />
      <Field label={t('messages.flag')}>
        <select value={value.flag} onChange={(e) => set('flag', e.target.value as MessageFilters['flag'])} data-testid="flag-filter">
          <option value="">{t('messages.flagAny')}</option>
          <option value="alert">{t('messages.flagAlert')}</option>
          <option value="code">{t('messages.flagCode')}</option>
          <option value="none">{t('messages.flagNone')}</option>
        </select>
      </Field>
      <Field label={t('messages.label')}>
        <select value={value.label} onChange={(e) => set('label', e.target.value as MessageFilters['label'])}>
          <option value="">{t('history.any')}</option>
          {(['trusted', 'blocked', 'unknown'] as const).map((l) => (
            <option key={l} value={l}>
              {t(`messages.labels.${l}`)}
            </option>
          ))}
        </select>
      </Field>
      <LineSelect value={value.lineId} onChange={(id) => set('lineId', id)} />
      <Field label={t('messages.direction')}>
        <select value={value.direction} onChange={(e) => set('direction', e.target.value as MessageFilters['direction'])} data-testid="direction-filter">
          <option value="">{t('history.any')}</option>
          <option value="received">{t('messages.directions.received')}</option>
          <option value="sent">{t('messages.directions.sent')}</option>
        </select>
      </Field>
      <DateRange fromDay={value.fromDay} toDay={value.toDay} onFrom={(d) => set('fromDay', d)} onTo={(d) => set('toDay', d)} />
    </FilterForm>
  );
}

function MessageRow({ message, keywords, onComplain }: { message: Message; keywords: MessageKeywords; onComplain: (s: ComplaintSubject) => void }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const actions = useRuleActions();
  const formatNumber = useNumberFormat();
  const number = message.partyKind === 'number' ? message.party : null;
  const flagged = message.flags.alert.length > 0;
  return (
    <li className={flagged ? 'message message-alert' : 'message'} data-testid="message">
      <div className="message-head">
        <time dateTime={message.receivedAt} title={formatDateTime(message.receivedAt, language)}>
          {formatCallTime(message.receivedAt, language)}
        </time>
        <span className="message-party" data-verbatim>
          {message.direction === 'sent'
            ? `→ ${number ? formatNumber(number) : (message.party ?? '')}`
            : number
              ? formatNumber(number)
              : (message.party ?? t('messages.noSender'))}
        </span>
        <span className={`badge badge-label badge-${message.label}`}>{t(`messages.labels.${message.label}`)}</span>
        {flagged ? <span className="badge badge-alert">{t('messages.flaggedBadge', { words: message.flags.alert.join('、') })}</span> : null}
        {message.flags.code.length > 0 && !flagged ? <span className="badge badge-code">{t('messages.codeBadge')}</span> : null}
        {message.simulated ? <SimulatedBadge /> : null}
      </div>
      <p className="message-body">
        <MessageText text={message.text} keywords={keywords} />
      </p>
      {!message.complete ? <p className="hint">{t('messages.incomplete', { missing: message.missing.join(', '), total: message.total })}</p> : null}
      {message.direction === 'received' && number ? (
        <span className="button-row compact">
          <button type="button" onClick={() => void actions.block(number)}>
            {t('actions.block')}
          </button>
          <button type="button" onClick={() => void actions.trust(number)}>
            {t('actions.trust')}
          </button>
          <button type="button" onClick={() => onComplain({ number })}>
            {t('messages.report')}
          </button>
        </span>
      ) : null}
    </li>
  );
}

const messagesOf = (page: MethodOutput<'queryMessages'>) => page.messages;

export function Messages() {
  const { t } = useTranslation();
  const { api, language } = useApp();
  const [filters, setFilters] = useState<MessageFilters>(noMessageFilters);
  // As in History: a backwards range is refused next to the field; the last good query stays on screen.
  const [query, setQuery] = useState(() => toMessageQuery(noMessageFilters));
  const queryMessages = useCallback((q: MessageQuery) => api.queryMessages(q), [api]);
  const pages = useKeysetPages(query, queryMessages, messagesOf);
  // Counts (all, flagged, codes) come with every first page.
  const counts = pages.first?.counts ?? null;
  const [keywords, setKeywords] = useState<MessageKeywords>(defaultKeywords);
  const [complaint, setComplaint] = useState<ComplaintSubject | null>(null);
  const [fresh, setFresh] = useState(0);
  const unfiltered = isUnfilteredMessages(filters);
  const onFilters = useCallback((f: MessageFilters) => {
    setFilters(f);
    if (!rangeProblem(f)) setQuery(toMessageQuery(f));
  }, []);

  useEffect(() => {
    void api.getSettings({}).then(
      (s) => setKeywords(s.messages.keywords),
      () => {},
    );
  }, [api]);
  useApiEvent((event) => {
    if (event.type === 'settings-changed') setKeywords(event.settings.messages.keywords);
    if (event.type !== 'message-received') return;
    if (unfiltered) pages.prepend(event.message);
    else setFresh((n) => n + 1);
  });

  return (
    <div className="messages-page">
      <PageTitle>{t('nav.messages')}</PageTitle>
      <Filters value={filters} onChange={onFilters} />
      {fresh > 0 ? (
        <button type="button" className="new-calls" onClick={() => (setFresh(0), pages.reload())}>
          {t('messages.newMessages', { count: fresh })}
        </button>
      ) : null}
      <ErrorText error={pages.error} />
      <p className="table-status" aria-live="polite" data-testid="message-counts">
        {pages.loading && pages.rows.length === 0
          ? t('messages.loading')
          : counts && counts.total > 0
            ? t('messages.counts', {
                count: counts.total,
                total: formatCount(counts.total, language),
                alert: formatCount(counts.alert, language),
                code: formatCount(counts.code, language),
              })
            : unfiltered
              ? t('messages.empty')
              : t('messages.noMatch')}
      </p>
      <ol className="message-list">
        {pages.rows.map((m) => (
          <MessageRow key={m.id} message={m} keywords={keywords} onComplain={setComplaint} />
        ))}
      </ol>
      {pages.hasMore ? (
        <button type="button" onClick={pages.loadMore} disabled={pages.loading}>
          {t('messages.more')}
        </button>
      ) : null}
      {complaint ? <ComplaintDialog subject={complaint} onClose={() => setComplaint(null)} /> : null}
    </div>
  );
}
