// One line's health in plain words: is it working, on which network, how strong, is caller ID confirmed —
// or the problem and what to do about it.
import { useTranslation } from 'react-i18next';
import type { LineStatus } from '../../shared/domain.ts';
import { useApp } from '../app/context.tsx';
import { SimulatedBadge } from './Badges.tsx';
import { SignalBars } from './SignalBars.tsx';
import { lineName } from '../format/line.ts';

export function LineHealth({ line }: { line: LineStatus }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const healthy = line.state === 'ready' && !line.problem;
  return (
    <li className={`card line-health state-${line.state}`} aria-labelledby={`line-${line.id}`}>
      <h3 id={`line-${line.id}`}>
        <span data-verbatim={line.label ? true : undefined}>{lineName(line, t)}</span> {line.simulated ? <SimulatedBadge /> : null}
      </h3>
      <p className="line-state">
        <span className={healthy ? 'dot ok' : line.state === 'connecting' ? 'dot wait' : 'dot bad'} aria-hidden="true" />
        {t(`lineState.${line.state}`)}
        {line.kind ? <> · {t(`lineKind.${line.kind}`)}</> : null}
      </p>
      {line.problem ? (
        <p className="line-problem" role="alert">
          {line.problem.text[language]}
        </p>
      ) : null}
      <dl className="facts">
        {line.operator ? (
          <>
            <dt>{t('line.operator')}</dt>
            <dd data-verbatim>{line.operator}</dd>
          </>
        ) : null}
        {line.kind === 'gsm' ? (
          <>
            <dt>{t('line.signalLabel')}</dt>
            <dd>
              <SignalBars signal={line.signal} />
            </dd>
          </>
        ) : null}
        {line.kind === 'gsm' && line.sms ? (
          <>
            <dt>{t('line.sms')}</dt>
            <dd>
              {line.sms.ready ? t(line.sms.mode === 'direct' ? 'line.smsDirect' : 'line.smsStored') : t('line.smsOff')}
              {line.sms.ready && line.sms.total !== null ? ` · ${t('line.smsStore', { used: line.sms.used ?? 0, total: line.sms.total })}` : ''}
            </dd>
          </>
        ) : null}
        <dt>{t('line.callerId')}</dt>
        <dd>{line.callerIdConfirmed ? t('line.callerIdConfirmed') : t('line.callerIdUnconfirmed')}</dd>
        {line.model || line.manufacturer ? (
          <>
            <dt>{t('line.device')}</dt>
            <dd data-verbatim>{[line.manufacturer, line.model].filter(Boolean).join(' ')}</dd>
          </>
        ) : null}
        {line.gate ? (
          <>
            <dt>{t('line.gate')}</dt>
            <dd className={line.gate.supported ? 'gate-yes' : 'gate-no'}>{line.gate.text[language]}</dd>
            {line.gate.method ? (
              <>
                <dt>{t('line.gateHow')}</dt>
                <dd>{t(`line.gateMethod.${line.gate.method}`)}</dd>
              </>
            ) : null}
          </>
        ) : null}
        {/* The demo's port is a temporary pseudo-terminal: its path means nothing to anyone. */}
        {line.simulated ? null : (
          <>
            <dt>{t('line.port')}</dt>
            <dd data-verbatim>{line.path}</dd>
          </>
        )}
      </dl>
    </li>
  );
}
