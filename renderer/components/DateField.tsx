// A date field that follows the UI language, not the browser's locale: a text box in the language's own
// order (dd/mm/yyyy in English, yyyy/mm/dd in Chinese) that also takes ISO and 2026年12月1日, says in words
// when what was typed is not a date, and hands the rest of the UI an ISO day. Accessible as any text field;
// beside it, a button opens a calendar in the UI's language too (the browser's own picker would not be).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context.tsx';
import { dayPattern, parseDay, showDay } from '../format/date-input.ts';
import { Calendar } from './Calendar.tsx';
import { Field } from './Field.tsx';

export function DateField({
  label,
  value,
  onChange,
  error,
  hint = true,
}: {
  label: string;
  value: string;
  onChange: (isoDay: string) => void;
  error?: string | null;
  hint?: boolean | string;
}) {
  const { t } = useTranslation();
  const { language } = useApp();
  const [text, setText] = useState(() => showDay(value, language));
  const [problem, setProblem] = useState<string | null>(null);
  // A value set from outside (a preset, "clear filters", a language switch) replaces what is shown: adjusted
  // while rendering, so the field never paints the old text for a frame (no effect needed).
  const [shownFor, setShownFor] = useState({ value, language });
  if (shownFor.value !== value || shownFor.language !== language) {
    setShownFor({ value, language });
    setText(parseDay(text, language) === value ? text : showDay(value, language));
    setProblem(null);
  }
  const commit = (next: string) => {
    const day = parseDay(next, language);
    if (day === null) {
      setProblem(t('dateField.invalid', { pattern: dayPattern(language) }));
      return;
    }
    setProblem(null);
    if (day !== value) onChange(day);
  };
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // A click anywhere else closes the calendar, as any popup does.
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', away);
    return () => document.removeEventListener('mousedown', away);
  }, [open]);
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const pick = (day: string) => {
    setText(showDay(day, language));
    commit(day);
    close();
  };
  return (
    <Field
      label={label}
      hint={typeof hint === 'string' ? `${hint} ${t('dateField.hint')}` : hint ? t('dateField.hint') : undefined}
      error={problem ?? error ?? null}
      after={
        <div className="calendar-box" ref={box}>
          <button
            type="button"
            ref={toggle}
            className="calendar-toggle"
            aria-label={t('dateField.calendar', { field: label })}
            aria-haspopup="dialog"
            aria-expanded={open}
            onClick={() => setOpen((o) => !o)}
          >
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
              <rect x="1.5" y="2.5" width="13" height="12" rx="1.5" fill="none" stroke="currentColor" />
              <path d="M1.5 6h13M5 1v3M11 1v3" stroke="currentColor" />
            </svg>
          </button>
          {open ? <Calendar value={value} label={t('dateField.calendar', { field: label })} onPick={pick} onClose={close} /> : null}
        </div>
      }
    >
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
