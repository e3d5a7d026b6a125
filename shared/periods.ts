// The Statistics periods: how far back each reaches and how its calls are bucketed. One list for the
// Statistics page and `ringfence stats --period`, so both mean the same by "the last 7 days".
import type { Statistics } from './api.ts';

export const periodNames = ['day', 'week', 'month', 'quarter'] as const;
export type Period = (typeof periodNames)[number];

export const periods: Record<Period, { hours: number; bucket: Statistics['bucket'] }> = {
  day: { hours: 24, bucket: 'hour' },
  week: { hours: 24 * 7, bucket: 'day' },
  month: { hours: 24 * 30, bucket: 'day' },
  quarter: { hours: 24 * 90, bucket: 'week' },
};

/** The period's first instant, on a bucket boundary so each bar is a whole hour or day. */
export function periodStart(period: Period, now: Date): Date {
  const { hours, bucket } = periods[period];
  const start = new Date(now.getTime() - (hours - (bucket === 'hour' ? 1 : 24)) * 3600_000);
  if (bucket === 'hour') start.setMinutes(0, 0, 0);
  else start.setHours(0, 0, 0, 0);
  return start;
}
