import { csqToSignal } from '../../shared/signal.ts';

/** Signal strength as bars, with the dBm figure for people who want it. */
export function SignalBars({ csq }: { csq: number }) {
  const { bars, dbm } = csqToSignal(csq);
  const label = dbm === null ? 'No signal reading' : `Signal ${bars} of 5 bars (${dbm} dBm)`;
  return (
    <span role="img" aria-label={label} title={label} data-bars={bars}>
      {[1, 2, 3, 4, 5].map((i) => (
        <span key={i} style={{ display: 'inline-block', width: 4, height: 3 * i, marginRight: 1, background: i <= bars ? 'currentColor' : '#8884' }} />
      ))}
    </span>
  );
}
