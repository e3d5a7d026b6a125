// The call happening now: who is calling, on which line, what Ringfence decided and why — updated by
// each event as it arrives — with one-click block or trust.
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context.tsx';
import { formatTime } from '../format/time.ts';
import { liveNumber, type LiveCall } from '../state/live-calls.ts';
import { ActionBadge, SimulatedBadge } from './Badges.tsx';
import { Caller } from './Caller.tsx';
import { useRuleActions } from './useRuleActions.ts';
import { lineName } from '../format/line.ts';

export function LiveCallCard({ call }: { call: LiveCall }) {
  const { t } = useTranslation();
  const { status, language } = useApp();
  const actions = useRuleActions();
  const caller = liveNumber(call);
  const line = status?.lines.find((l) => l.id === call.lineId);
  const ringing = call.phase !== 'ended';
  return (
    <article
      className={`card live-call phase-${call.phase}`}
      data-testid="live-call"
      data-key={call.key}
      data-phase={call.phase}
      aria-label={t('live.cardLabel')}
    >
      <header className="live-call-header">
        <span className={ringing ? 'pulse' : 'pulse done'} aria-hidden="true" />
        <span className="live-phase">{t(`live.phase.${call.phase}`)}</span>
        <time dateTime={call.startedAt}>{formatTime(call.startedAt, language)}</time>
      </header>
      <p className="live-caller">
        <Caller number={caller.number} presentation={caller.presentation} name={caller.name} presentedNumber={caller.presentedNumber} />
      </p>
      <p className="live-line">
        {t('live.onLine')}{' '}
        <span data-verbatim={line?.label ? true : undefined}>{line ? lineName(line, t) : call.simulated ? t('line.demoName') : call.lineId}</span>{' '}
        {call.simulated ? <SimulatedBadge /> : null}
      </p>
      {call.decision ? (
        <p className="live-decision">
          <ActionBadge action={call.decision.action} /> <span className="reason">{call.decision.text[language]}</span>
        </p>
      ) : (
        <p className="live-decision pending">{t('live.deciding')}</p>
      )}
      {caller.number && call.decision ? (
        <div className="button-row">
          {call.decision.action === 'allow' ? (
            <button type="button" onClick={() => actions.block(caller.number!)}>
              {t('actions.block')}
            </button>
          ) : (
            <button type="button" onClick={() => actions.trust(caller.number!)}>
              {t('actions.trust')}
            </button>
          )}
        </div>
      ) : null}
    </article>
  );
}
