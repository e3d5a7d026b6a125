import { useTranslation } from 'react-i18next';
import type { Presentation } from '../../shared/domain.ts';
import { useNumberFormat } from './useNumberFormat.ts';

/**
 * The caller as a person reads it: the formatted number, or why there is none ("Withheld"). Numbers and
 * names are user data, marked data-verbatim so the language tests do not expect them translated. They come
 * from the caller, so each sits in its own <bdi>: a U+202E in a name cannot reverse the text around it.
 * A number field that held no usable number (`presentedNumber` without `number`) is shown as the text it
 * was, marked as not a number.
 */
export function Caller({
  number,
  presentation,
  name,
  presentedNumber,
}: {
  number: string | null;
  presentation: Presentation | null;
  name?: string | null;
  presentedNumber?: string | null;
}) {
  const { t } = useTranslation();
  const formatNumber = useNumberFormat();
  const unusable = !number && presentation === 'allowed' && presentedNumber != null;
  return (
    <span className="caller">
      {number ? (
        <bdi className="caller-number" data-verbatim>
          {formatNumber(number)}
        </bdi>
      ) : unusable ? (
        <span className="caller-unusable" title={t('live.numberUnusableHint')}>
          <bdi className="caller-presented" data-verbatim>
            {presentedNumber}
          </bdi>{' '}
          <span className="caller-hidden">({t('live.numberUnusable')})</span>
        </span>
      ) : (
        <span className="caller-hidden">
          {/* "Number shown" with no number cannot be: say there was no caller ID. */}
          {presentation ? t(`presentation.${presentation === 'allowed' ? 'none' : presentation}`) : t('live.waitingForCallerId')}
        </span>
      )}
      {name ? (
        <bdi className="caller-name" data-verbatim>
          {name}
        </bdi>
      ) : null}
    </span>
  );
}
