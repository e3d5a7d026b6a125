// A month calendar in the UI's language. The browser's own date picker speaks the browser's locale, not the
// page's (an English month grid for a Chinese UI), so the date field brings its own: a table of day buttons
// under the month's name. Keys as in the WAI-ARIA date picker dialog: arrows move a day or a week, Page Up /
// Page Down a month, Enter or Space picks (they are buttons), Escape closes.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../app/context.tsx';
import { addDays, addMonths, monthWeeks } from '../format/date-input.ts';
import { formatCalendarDay, formatMonth, formatWeekday, isoDay } from '../format/time.ts';

// Monday first, as in Britain and China.
const weekdays = [1, 2, 3, 4, 5, 6, 0];
const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 };

export function Calendar({ value, label, onPick, onClose }: { value: string; label: string; onPick: (isoDay: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const { language } = useApp();
  const [today] = useState(() => isoDay(new Date()));
  const [focused, setFocused] = useState(value || today);
  const table = useRef<HTMLTableElement>(null);
  const dialog = useRef<HTMLDivElement>(null);
  // Opened under its button, it may stick out of a narrow window (200 % zoom): slide it back in before it is seen.
  useLayoutEffect(() => {
    const el = dialog.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const room = document.documentElement.clientWidth;
    const shift = r.left < 4 ? 4 - r.left : r.right > room - 4 ? room - 4 - r.right : 0;
    if (shift) el.style.transform = `translateX(${Math.round(shift)}px)`;
  }, []);
  // Keyboard moves (and opening) put the focus on the day; the month buttons keep it where it is.
  const focusDay = useRef(true);
  useEffect(() => {
    if (!focusDay.current) return;
    table.current?.querySelector<HTMLButtonElement>(`button[data-day="${focused}"]`)?.focus();
  }, [focused]);

  const onKeyDown = (e: KeyboardEvent) => {
    let next: string | null = null;
    if (e.key in steps) next = addDays(focused, steps[e.key]!);
    else if (e.key === 'PageUp') next = addMonths(focused, -1);
    else if (e.key === 'PageDown') next = addMonths(focused, 1);
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
      return;
    }
    if (next === null) return;
    e.preventDefault();
    focusDay.current = true;
    setFocused(next);
  };
  const showMonth = (n: number) => {
    focusDay.current = false;
    setFocused(addMonths(focused, n));
  };

  const month = focused.slice(0, 7);
  const title = formatMonth(focused, language);
  return (
    <div className="calendar" role="dialog" aria-label={label} onKeyDown={onKeyDown} ref={dialog}>
      <div className="calendar-head">
        <button type="button" className="calendar-step" aria-label={t('dateField.previousMonth')} onClick={() => showMonth(-1)}>
          ‹
        </button>
        <p className="calendar-month" aria-live="polite">
          {title}
        </p>
        <button type="button" className="calendar-step" aria-label={t('dateField.nextMonth')} onClick={() => showMonth(1)}>
          ›
        </button>
      </div>
      <table ref={table} aria-label={title}>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d} scope="col">
                {formatWeekday(d, language)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(focused).map((week) => (
            <tr key={week[0]}>
              {week.map((day) => (
                <td key={day}>
                  <button
                    type="button"
                    data-day={day}
                    className={day.slice(0, 7) === month ? undefined : 'outside'}
                    tabIndex={day === focused ? 0 : -1}
                    aria-label={formatCalendarDay(day, language)}
                    aria-pressed={day === value}
                    aria-current={day === today ? 'date' : undefined}
                    onClick={() => onPick(day)}
                  >
                    {Number(day.slice(8))}
                  </button>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
