// The one-click actions on a caller — block, trust, block the prefix, and their opposites — shared by the
// live card, History and Statistics, so they behave and confirm the same everywhere. Each confirmation
// offers Undo for 10 seconds (the Announcer's toast): a mis-click on Block costs nothing.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { NewRule } from '../../shared/api.ts';
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
  /** Takes a number off the blocked or trusted list (the rule found for it), with Undo. */
  unlist(rule: Rule): Promise<boolean>;
};

/** The input that adds `rule` again, for undoing its removal. */
export function ruleInputOf(rule: Rule): NewRule {
  return {
    list: rule.list,
    value: rule.kind === 'prefix' ? `${rule.value}*` : rule.value,
    kind: rule.kind,
    label: rule.label,
    category: rule.category,
    ...(rule.list === 'blocked' ? { action: rule.action } : {}),
    note: rule.note,
    schedule: rule.schedule,
    expiresAt: rule.expiresAt,
  };
}

export function useRuleActions(): RuleActions {
  const { api } = useApp();
  const { t } = useTranslation();
  const announce = useAnnounce();
  const sentence = useErrorSentence();
  const formatNumber = useNumberFormat();

  const run = useCallback(
    async (input: NewRule, done: string): Promise<Rule | null> => {
      try {
        const rule = await api.addRule(input);
        announce(done, {
          undo: async () => {
            await api.removeRule({ id: rule.id });
            return (tr) => tr('actions.undone', { what: /^\+?\d+$/.test(input.value) ? formatNumber(input.value) : input.value });
          },
        });
        return rule;
      } catch (e) {
        announce(sentence(e));
        return null;
      }
    },
    [api, announce, sentence, formatNumber],
  );

  const unlist = useCallback(
    async (rule: Rule): Promise<boolean> => {
      const shown = rule.kind === 'number' ? formatNumber(rule.value) : rule.value;
      try {
        await api.removeRule({ id: rule.id });
        announce(t(rule.list === 'blocked' ? 'actions.unblocked' : 'actions.untrusted', { number: shown }), {
          undo: async () => {
            await api.addRule(ruleInputOf(rule));
            return (tr) => tr('actions.ruleRestored', { value: shown });
          },
        });
        return true;
      } catch (e) {
        announce(sentence(e));
        return false;
      }
    },
    [api, announce, sentence, t, formatNumber],
  );

  return useMemo(
    () => ({
      // A call's number is an exact number, always: the kind is said, never guessed from the value.
      block: (number) => run({ list: 'blocked', value: number, kind: 'number' }, t('actions.blocked', { number: formatNumber(number) })),
      trust: (number) => run({ list: 'trusted', value: number, kind: 'number' }, t('actions.trusted', { number: formatNumber(number) })),
      blockPrefix: (prefix) => run({ list: 'blocked', value: prefix, kind: 'prefix' }, t('actions.prefixBlocked', { prefix })),
      blockPresentation: (presentation) =>
        run({ list: 'blocked', value: presentation, kind: 'presentation' }, t('actions.presentationBlocked', { what: t(`presentation.${presentation}`) })),
      unlist,
    }),
    [run, unlist, t, formatNumber],
  );
}

/** The exact-number entry for `number` on a list, if there is one (a prefix or pattern is not it). */
export async function findNumberRule(api: ReturnType<typeof useApp>['api'], list: Rule['list'], number: string): Promise<Rule | null> {
  const digits = number.replace(/\D/g, '');
  const { rules } = await api.listRules({ list, search: number, limit: 20 });
  return rules.find((r) => r.kind === 'number' && (r.value === number || r.value.replace(/\D/g, '').endsWith(digits.replace(/^0+/, '')))) ?? null;
}

/** Unblock / Untrust by number: finds the number's own entry on the list and removes it, with Undo. */
export function useUnlistNumber(): (list: Rule['list'], number: string) => Promise<boolean> {
  const { api } = useApp();
  const { unlist } = useRuleActions();
  const announce = useAnnounce();
  const { t } = useTranslation();
  const formatNumber = useNumberFormat();
  return useCallback(
    async (list, number) => {
      const rule = await findNumberRule(api, list, number).catch(() => null);
      if (!rule) {
        announce(t(list === 'blocked' ? 'actions.notBlocked' : 'actions.notTrusted', { number: formatNumber(number) }));
        return false;
      }
      return unlist(rule);
    },
    [api, unlist, announce, t, formatNumber],
  );
}
