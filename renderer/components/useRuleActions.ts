// The one-click actions on a caller — block, trust, block the prefix — shared by the live card, History
// and Statistics, so they behave and confirm the same everywhere.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Presentation, Rule } from '../../shared/domain.ts';
import { useApp } from '../app/context.tsx';
import { useNumberFormat } from './useNumberFormat.ts';
import { useAnnounce } from './Announcer.tsx';
import { useErrorSentence } from './ErrorText.tsx';

export type RuleActions = {
  block(number: string): Promise<Rule | null>;
  trust(number: string): Promise<Rule | null>;
  blockPrefix(prefix: string): Promise<Rule | null>;
  /** Blocks every call presented this way (withheld, unavailable, or with no caller ID at all). */
  blockPresentation(presentation: Exclude<Presentation, 'allowed'>): Promise<Rule | null>;
};

export function useRuleActions(): RuleActions {
  const { api } = useApp();
  const { t } = useTranslation();
  const announce = useAnnounce();
  const sentence = useErrorSentence();
  const formatNumber = useNumberFormat();

  const run = useCallback(
    async (input: Parameters<typeof api.addRule>[0], done: string): Promise<Rule | null> => {
      try {
        const rule = await api.addRule(input);
        announce(done);
        return rule;
      } catch (e) {
        announce(sentence(e));
        return null;
      }
    },
    [api, announce, sentence],
  );

  return useMemo(
    () => ({
    block: (number) => run({ list: 'blocked', value: number }, t('actions.blocked', { number: formatNumber(number) })),
    trust: (number) => run({ list: 'trusted', value: number }, t('actions.trusted', { number: formatNumber(number) })),
    blockPrefix: (prefix) => run({ list: 'blocked', value: prefix }, t('actions.prefixBlocked', { prefix })),
    blockPresentation: (presentation) =>
      run({ list: 'blocked', value: presentation, kind: 'presentation' }, t('actions.presentationBlocked', { what: t(`presentation.${presentation}`) })),
    }),
    [run, t, formatNumber],
  );
}
