import { useTranslation } from 'react-i18next';
import type { Signal } from '../../shared/domain.ts';

/** Signal strength as bars, with the dBm figure for people who want it. */
export function SignalBars({ signal }: { signal: Signal | null }) {
  const { t } = useTranslation();
  const bars = signal?.bars ?? 0;
  const label = signal?.dbm == null ? t('line.noSignalReading') : t('line.signal', { bars, dbm: signal.dbm });
  return (
    <span className="signal-bars" role="img" aria-label={label} title={label} data-bars={bars}>
      {[1, 2, 3, 4, 5].map((i) => (
        <span key={i} className={i <= bars ? 'bar on' : 'bar'} style={{ height: `${0.25 * i}em` }} />
      ))}
    </span>
  );
}
