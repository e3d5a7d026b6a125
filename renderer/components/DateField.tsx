// A date field that follows the UI language, not the browser's locale: a text box in the language's own
// order (dd/mm/yyyy in English, yyyy/mm/dd in Chinese) that also takes ISO and 2026年12月1日, says in words
// when what was typed is not a date, and hands the rest of the UI an ISO day. Accessible as any text field.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context.tsx';
import { dayPattern, parseDay, showDay } from '../format/date-input.ts';
import { Field } from './Field.tsx';

export function DateField({ label, value, onChange, error, hint = true }: { label: string; value: string; onChange: (isoDay: string) => void; error?: string | null; hint?: boolean | string }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const [text, setText] = useState(() => showDay(value, language));
  const [problem, setProblem] = useState<string | null>(null);
  // A value set from outside (a preset, "clear filters", a language switch) replaces what is shown.
  useEffect(() => {
    setText((current) => (parseDay(current, language) === value ? current : showDay(value, language)));
    setProblem(null);
  }, [value, language]);
  const commit = (next: string) => {
    const day = parseDay(next, language);
    if (day === null) {
      setProblem(t('dateField.invalid', { pattern: dayPattern(language) }));
      return;
    }
    setProblem(null);
    if (day !== value) onChange(day);
  };
  return (
    <Field label={label} hint={typeof hint === 'string' ? `${hint} ${t('dateField.hint')}` : hint ? t('dateField.hint') : undefined} error={problem ?? error ?? null}>
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        className="date-field"
        placeholder={dayPattern(language)}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          // Complete dates apply as they are typed; a half-typed one waits for the field to be left.
          const day = parseDay(e.target.value, language);
          if (day !== null) commit(e.target.value);
        }}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
        }}
      />
    </Field>
  );
}
