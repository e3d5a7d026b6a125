// ringfence stats --data-dir DIR [--period day|week|month|quarter | --from ISO [--to ISO]] [--bucket day|week|hour] [--top N] [--json]
// Statistics for a period (default: the last 30 days): totals, busiest days, top callers, incidents.
import { Option, type Command } from 'commander';
import type { Statistics } from '../../../shared/api.ts';
import { periodNames, periods, periodStart, type Period } from '../../../shared/periods.ts';
import { openHistory } from '../../history/index.ts';
import { openScreening } from '../../screening/index.ts';
import { cliSettings } from '../settings-file.ts';
import { defaultDataDir } from '../../store/index.ts';
import { dataDirHelp } from '../data-dir-option.ts';
import { CliError } from '../errors.ts';
import { withExistingStore } from '../store.ts';
import { isoOption } from './export.ts';
import { out, terminalJson } from '../terminal.ts';

type StatsOptions = {
  dataDir?: string;
  period?: Period;
  from?: string;
  to?: string;
  bucket: 'hour' | 'day' | 'week';
  top: string;
  timeZone?: string;
  json: boolean;
};

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
const short = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function describe(s: Statistics): string {
  const t = s.totals;
  const lines = [
    `Calls from ${short(s.from)} to ${short(s.to)}`,
    `  calls ${t.calls}, blocked ${t.blocked}${t.calls ? ` (${pct(t.blocked / t.calls)})` : ''}, different numbers ${t.distinctNumbers}, withheld ${pct(t.withheldShare)}`,
  ];
  const busiest = [...s.buckets].map((b) => ({ start: b.start, n: b.allow + b.reject + b.silent + b.answerHangup })).sort((a, b) => b.n - a.n)[0];
  if (busiest && busiest.n > 0) lines.push(`  busiest ${s.bucket} ${short(busiest.start)}: ${busiest.n} calls`);
  if (s.topCallers.length) {
    lines.push('Top callers');
    for (const c of s.topCallers) {
      lines.push(
        `  ${c.number.padEnd(16)} ${String(c.count).padStart(6)} calls (${c.blocked} blocked)  first ${short(c.firstSeen)}  last ${short(c.lastSeen)}`,
      );
    }
  }
  // Rotating numbers make every top caller a one-call number: the ranges they come from say more.
  if (s.topRanges.some((r) => r.numbers > 1)) {
    lines.push('Busiest number ranges');
    for (const r of s.topRanges) {
      lines.push(
        `  ${`${r.prefix}*`.padEnd(12)} ${(r.region ?? '').padEnd(3)} ${String(r.count).padStart(6)} calls from ${r.numbers} numbers (${r.blocked} blocked)`,
      );
    }
  }
  lines.push(`Flood-shield incidents: ${s.incidents.length}`);
  return `${lines.join('\n')}\n`;
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('call statistics for a period (default: the last 30 days): totals, top callers, incidents')
    .option('--data-dir <dir>', dataDirHelp)
    .addOption(
      new Option('--period <name>', 'the last day (hourly), week, month (30 days) or quarter (90 days), as on the Statistics page')
        .choices(periodNames)
        .conflicts('from'),
    )
    .option('--from <iso>', 'start of the period: a date (2025-03-01, from the start of that local day) or a time (default: 30 days ago)')
    .option('--to <iso>', 'end of the period: a date (2025-03-31, to the end of that local day) or a time (default: now)')
    .addOption(new Option('--bucket <size>', 'hour, day or week').choices(['hour', 'day', 'week']).default('day'))
    .option('--top <n>', 'how many top callers', '10')
    .option('--time-zone <zone>', "IANA time zone for days and weeks, e.g. Asia/Shanghai (default: this computer's)")
    .option('--json', 'print the statistics as JSON', false)
    .action(async (opts: StatsOptions, command: Command) => {
      const top = Number(opts.top);
      if (!Number.isInteger(top) || top < 1 || top > 100) throw new CliError(`--top must be a whole number from 1 to 100 (got "${opts.top}").`, 2);
      opts.from = isoOption('from', opts.from, opts.timeZone);
      opts.to = isoOption('to', opts.to, opts.timeZone);
      const dataDir = opts.dataDir ?? defaultDataDir();
      await withExistingStore(dataDir, (store) => {
        const now = new Date();
        const to = opts.to ?? now.toISOString();
        const from = opts.period ? periodStart(opts.period, now).toISOString() : (opts.from ?? new Date(now.getTime() - 30 * 86_400_000).toISOString());
        // A period brings its own bucket (hours for a day, weeks for a quarter) unless --bucket says otherwise.
        const bucket = opts.period && command.getOptionValueSource('bucket') === 'default' ? periods[opts.period].bucket : opts.bucket;
        const settings = cliSettings(dataDir).get();
        const incidents = openScreening(store.db, { settings: () => settings }).incidents({ from, to });
        const stats = openHistory(store.db).statistics({ from, to, bucket, top, ...(opts.timeZone ? { timeZone: opts.timeZone } : {}) }, incidents);
        if (opts.json) process.stdout.write(`${terminalJson(stats, 2)}\n`);
        else out(describe(stats));
      });
    });
}
