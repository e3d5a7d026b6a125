// The UI's dates and times come from the one formatter in shared/datetime.ts (the exports and the evidence
// report use it too). The clock is always passed in so these stay testable.
export {
  dayEndIso,
  dayStartIso,
  formatCalendarDay,
  formatCallTime,
  formatCount,
  formatDateTime,
  formatDay,
  formatHour,
  formatMonth,
  formatTime,
  formatWeekday,
  isoDay,
  locale,
  toOffsetIso,
} from '../../shared/datetime.ts';
