// Wall-clock stamps for records: ISO 8601 with the local UTC offset, so "14:02" in the evidence report is
// the time the person saw on their clock, and the instant is still unambiguous.
export function isoWithOffset(date: Date): string {
  const offsetMin = -date.getTimezoneOffset();
  const sign = offsetMin >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMin);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const local = new Date(date.getTime() + offsetMin * 60_000);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/**
 * The IANA zone name stored with each record. Asking Intl for it costs ~0.4 ms (a new DateTimeFormat), and it
 * was asked for every call at the end of the call, on the thread that answers the next caller; the zone
 * changes rarely (travel, a settings change), so it is asked again at most once a minute.
 */
let zone = { name: '', askedAt: Number.NEGATIVE_INFINITY };
export const localTimeZone = (now: number = Date.now()): string => {
  if (now - zone.askedAt >= 60_000 || now < zone.askedAt) zone = { name: Intl.DateTimeFormat().resolvedOptions().timeZone, askedAt: now };
  return zone.name;
};
