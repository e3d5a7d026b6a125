import { useTranslation } from 'react-i18next';
import type { Presentation } from '../../shared/domain.ts';
import { useNumberFormat } from './useNumberFormat.ts';

/**
 * The caller as a person reads it: the formatted number, or why there is none ("Withheld"). Numbers and
 * names are user data, marked data-verbatim so the language tests do not expect them translated.
 */
export function Caller({ number, presentation, name }: { number: string | null; presentation: Presentation | null; name?: string | null }) {
  const { t } = useTranslation();
  const formatNumber = useNumberFormat();
  return (
    <span className="caller">
      {number ? (
        <span className="caller-number" data-verbatim>
          {formatNumber(number)}
        </span>
      ) : (
        <span className="caller-hidden">
          {/* "Number shown" with no number cannot be: say there was no caller ID. */}
          {presentation ? t(`presentation.${presentation === 'allowed' ? 'none' : presentation}`) : t('live.waitingForCallerId')}
        </span>
      )}
      {name ? (
        <span className="caller-name" data-verbatim>
          {name}
        </span>
      ) : null}
    </span>
  );
}
