import { useTranslation } from 'react-i18next';
import type { Action } from '../../shared/domain.ts';

/** Anything simulated says so wherever it appears, so a demo is never mistaken for the real line. */
export function SimulatedBadge() {
  const { t } = useTranslation();
  return <span className="badge badge-simulated">{t('line.simulated')}</span>;
}

/** What happened to a call, as a word and a colour (the word carries the meaning; colour only helps). */
export function ActionBadge({ action }: { action: Action }) {
  const { t } = useTranslation();
  return <span className={`badge badge-action badge-${action}`}>{t(`action.${action}`)}</span>;
}
