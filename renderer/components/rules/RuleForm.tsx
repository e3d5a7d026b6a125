// Add or edit one rule. Obvious mistakes are caught here in the user's language; anything the service
// refuses (an unparsable number, a bad pattern) comes back as its 400 sentence next to the field it names.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RuleInput } from '../../../shared/api.ts';
import { Action, Category, RuleKind, type Rule, type RuleList, type Schedule } from '../../../shared/domain.ts';
import { fieldOfError, toApiCallError } from '../../api/index.ts';
import { useApp } from '../../app/context.tsx';
import { dayEndIso, isoDay } from '../../format/time.ts';
import { useErrorSentence } from '../ErrorText.tsx';
import { Field } from '../Field.tsx';
import { ScheduleEditor, scheduleProblem } from '../settings/ScheduleEditor.tsx';
import { DateField } from '../DateField.tsx';

type Draft = {
  value: string;
  kind: RuleKind | '';
  label: string;
  category: Category | '';
  action: Action | '';
  note: string;
  scheduled: boolean;
  schedule: Schedule;
  expiresDay: string;
};

const anyTime: Schedule = { days: [0, 1, 2, 3, 4, 5, 6], start: '22:00', end: '07:00' };

function draftOf(rule: Rule | null): Draft {
  return {
    value: rule?.value ?? '',
    kind: rule?.kind ?? '',
    label: rule?.label ?? '',
    category: rule?.category ?? '',
    action: rule?.action ?? '',
    note: rule?.note ?? '',
    scheduled: rule?.schedule != null,
    schedule: rule?.schedule ?? anyTime,
    expiresDay: rule?.expiresAt ? isoDay(new Date(rule.expiresAt)) : '',
  };
}

export function RuleForm({ list, rule, onDone, onCancel }: { list: RuleList; rule: Rule | null; onDone: (rule: Rule) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { api } = useApp();
  const sentence = useErrorSentence();
  const [draft, setDraft] = useState<Draft>(() => draftOf(rule));
  const [errors, setErrors] = useState<Partial<Record<keyof Draft | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, v: Draft[K]) => setDraft((d) => ({ ...d, [key]: v }));
  // With the kind left to "recognise automatically", the form shows what the typed text will be saved as
  // (a number, a prefix, a wildcard…) before anything is saved; the save then sends that kind explicitly.
  const [understood, setUnderstood] = useState<{ kind: RuleKind; value: string } | null>(null);
  // Nothing to interpret (a kind chosen, or no text): nothing shown, at once (while rendering).
  const nothingToInterpret = draft.kind !== '' || !draft.value.trim();
  if (nothingToInterpret && understood !== null) setUnderstood(null);
  useEffect(() => {
    const value = draft.value.trim();
    if (draft.kind !== '' || !value) return;
    let current = true;
    const timer = setTimeout(() => {
      api.interpretRule({ list, value }).then(
        (u) => current && setUnderstood(u),
        () => current && setUnderstood(null),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, list, draft.value, draft.kind]);

  const submit = async () => {
    const local: typeof errors = {};
    if (!draft.value.trim()) local.value = t('rules.valueRequired');
    if (draft.scheduled && scheduleProblem(draft.schedule)) local.schedule = t('rules.scheduleInvalid');
    setErrors(local);
    if (Object.keys(local).length) return;
    const fields = {
      value: draft.value.trim(),
      ...(draft.kind ? { kind: draft.kind } : {}),
      label: draft.label.trim(),
      category: draft.category || null,
      ...(draft.action ? { action: draft.action } : {}),
      note: draft.note,
      schedule: draft.scheduled ? draft.schedule : null,
      expiresAt: draft.expiresDay ? dayEndIso(draft.expiresDay) : null,
    } satisfies Omit<RuleInput, 'list'>;
    setBusy(true);
    try {
      const kind = draft.kind || (await api.interpretRule({ list, value: fields.value })).kind;
      const saved = rule ? await api.updateRule({ id: rule.id, patch: fields }) : await api.addRule({ list, ...fields, kind });
      onDone(saved);
    } catch (e) {
      const field = fieldOfError(toApiCallError(e))
        ?.replace(/^patch\./, '')
        .split('.')[0];
      const key = field === 'expiresAt' ? 'expiresDay' : field;
      setErrors(key && key in draft ? { [key]: sentence(e) } : { form: sentence(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card rule-form"
      aria-label={rule ? t('rules.editTitle') : t('rules.addTitle')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h3>{rule ? t('rules.editTitle') : t('rules.addTitle')}</h3>
      <div className="field-grid">
        <Field label={t('rules.value')} hint={t('rules.valueHint')} error={errors.value}>
          <input value={draft.value} onChange={(e) => set('value', e.target.value)} autoFocus maxLength={256} />
        </Field>
        {understood ? (
          <p className="hint understood" data-testid="rule-understood" aria-live="polite">
            {t('rules.understood', { kind: t(`ruleKind.${understood.kind}`), value: understood.value })}
          </p>
        ) : null}
        <Field label={t('rules.kind')}>
          <select value={draft.kind} onChange={(e) => set('kind', e.target.value as Draft['kind'])}>
            <option value="">{t('rules.kindAuto')}</option>
            {RuleKind.options.map((k) => (
              <option key={k} value={k}>
                {t(`ruleKind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('rules.label')} hint={t('rules.labelHint')} error={errors.label}>
          <input value={draft.label} onChange={(e) => set('label', e.target.value)} maxLength={200} />
        </Field>
        {list === 'blocked' ? (
          <>
            <Field label={t('rules.category')}>
              <select value={draft.category} onChange={(e) => set('category', e.target.value as Draft['category'])}>
                <option value="">{t('rules.noCategory')}</option>
                {Category.options.map((c) => (
                  <option key={c} value={c}>
                    {t(`category.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('rules.action')} hint={t('rules.actionHint')}>
              <select value={draft.action} onChange={(e) => set('action', e.target.value as Draft['action'])}>
                <option value="">{t('rules.actionDefault')}</option>
                {Action.options
                  .filter((a) => a !== 'allow')
                  .map((a) => (
                    <option key={a} value={a}>
                      {t(`action.${a}`)}
                    </option>
                  ))}
              </select>
            </Field>
          </>
        ) : null}
        <DateField
          label={t('rules.expires')}
          hint={t('rules.expiresHint')}
          value={draft.expiresDay}
          onChange={(d) => set('expiresDay', d)}
          error={errors.expiresDay}
        />
      </div>
      <Field label={t('rules.note')} error={errors.note}>
        <textarea value={draft.note} onChange={(e) => set('note', e.target.value)} rows={2} maxLength={2000} />
      </Field>
      <Field label={t('rules.onlySometimes')} inline>
        <input type="checkbox" checked={draft.scheduled} onChange={(e) => set('scheduled', e.target.checked)} />
      </Field>
      {draft.scheduled ? <ScheduleEditor legend={t('rules.when')} value={draft.schedule} onChange={(s) => set('schedule', s)} /> : null}
      {errors.schedule ? (
        <p className="field-error" role="alert">
          {errors.schedule}
        </p>
      ) : null}
      {errors.form ? (
        <p className="error-text" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="button-row">
        <button type="submit" className="button-strong" disabled={busy}>
          {rule ? t('rules.save') : list === 'blocked' ? t('rules.addBlocked') : t('rules.addTrusted')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
