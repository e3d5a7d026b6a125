// Calls per day as an inline SVG bar chart (blocked stacked under the rest): no script, no external file, so
// it prints and archives exactly as it looks.
import type { DayCount } from './report-data.ts';
import { escapeHtml } from './format.ts';
import type { Language } from '../../../shared/domain.ts';
import { formatCalendarDay } from '../../../shared/datetime.ts';

const width = 960;
const height = 260;
const left = 44;
const right = 8;
const top = 12;
const bottom = 34;

/** 1, 2, 5, 10, 20, 50 … at or above `n`: round gridline values. */
function niceCeiling(n: number): number {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

/** Days are named as the app names them (shared/datetime.ts), in the report's language; data-day keeps the ISO day. */
export function dailyChart(days: DayCount[], labels: { title: string; blocked: string; other: string }, language: Language): string {
  const max = niceCeiling(Math.max(1, ...days.map((d) => d.calls)));
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const step = plotW / Math.max(1, days.length);
  const barW = Math.max(0.5, step * 0.8);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  for (const v of [0, max / 2, max]) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" class="axis">${v}</text>`);
  }
  days.forEach((d, i) => {
    const x = (left + i * step + (step - barW) / 2).toFixed(2);
    const other = d.calls - d.blocked;
    const hBlocked = (d.blocked / max) * plotH;
    const hOther = (other / max) * plotH;
    parts.push(
      `<g data-day="${d.day}" data-calls="${d.calls}" data-blocked="${d.blocked}"><title>${escapeHtml(formatCalendarDay(d.day, language))}: ${d.calls} (${escapeHtml(labels.blocked)} ${d.blocked})</title>` +
        (d.blocked ? `<rect x="${x}" y="${(y(0) - hBlocked).toFixed(2)}" width="${barW.toFixed(2)}" height="${hBlocked.toFixed(2)}" class="b"/>` : '') +
        (other ? `<rect x="${x}" y="${(y(0) - hBlocked - hOther).toFixed(2)}" width="${barW.toFixed(2)}" height="${hOther.toFixed(2)}" class="o"/>` : '') +
        '</g>',
    );
  });
  // About eight date labels, whatever the number of days.
  const every = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((d, i) => {
    if (i % every === 0 || i === days.length - 1) {
      const x = left + i * step + step / 2;
      parts.push(
        `<text x="${x.toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" class="axis">${escapeHtml(formatCalendarDay(d.day, language, { short: true }))}</text>`,
      );
    }
  });
  const legendY = height - 6;
  parts.push(
    `<rect x="${left}" y="${legendY - 9}" width="10" height="10" class="b"/><text x="${left + 14}" y="${legendY}" class="axis">${escapeHtml(labels.blocked)}</text>`,
    `<rect x="${left + 120}" y="${legendY - 9}" width="10" height="10" class="o"/><text x="${left + 134}" y="${legendY}" class="axis">${escapeHtml(labels.other)}</text>`,
  );
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(labels.title)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}
