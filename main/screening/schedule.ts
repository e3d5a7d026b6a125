// When a time-limited rule applies. Schedules are in the user's local time (the clock is passed in; the
// local fields come from the process time zone, which is the user's on a desktop).
import type { Schedule } from '../../shared/domain.ts';
import { scheduleText } from './texts.ts';

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * True when `at` falls inside the schedule. A schedule whose end is before its start crosses midnight and
 * belongs to the day it starts on: quiet hours 22:00–07:00 on Friday cover Friday night to Saturday 07:00.
 * Equal start and end mean the whole day.
 */
export function scheduleActive(schedule: Schedule, at: Date): boolean {
  const day = at.getDay();
  const now = at.getHours() * 60 + at.getMinutes();
  const start = minutesOf(schedule.start);
  const end = minutesOf(schedule.end);
  if (start === end) return schedule.days.includes(day);
  if (start < end) return schedule.days.includes(day) && now >= start && now < end;
  const yesterday = (day + 6) % 7;
  return (schedule.days.includes(day) && now >= start) || (schedule.days.includes(yesterday) && now < end);
}

/** "22:00–07:00", plus the days when not every day. */
export function describeSchedule(schedule: Schedule): { en: string; zh: string } {
  const span = `${schedule.start}–${schedule.end}`;
  if (schedule.days.length === 7) return { en: span, zh: span };
  return scheduleText(
    [...schedule.days].sort((a, b) => a - b),
    span,
  );
}
