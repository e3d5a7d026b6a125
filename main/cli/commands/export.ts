// ringfence export --data-dir DIR --format csv|json|html [--from ISO] [--to ISO] [--number N]... --out FILE
// Streams the history to a file: CSV (Excel-ready), JSON, or the evidence report (self-contained HTML, prints
// to PDF). Progress goes to stderr on a terminal; the last line on stdout says what was written.
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { openHistory } from '../../history/index.ts';
import { normalizeNumber, openScreening } from '../../screening/index.ts';
import { openSettings } from '../../settings/index.ts';
import { defaultDataDir } from '../../store/index.ts';
import { dataDirHelp } from '../data-dir-option.ts';
import { CliError } from '../errors.ts';
import { withExistingStore } from '../store.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

/** --from/--to: an ISO 8601 time, checked before anything reads the database. */
export function isoOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new CliError(`--${name} "${value}" is not an ISO 8601 time: use e.g. 2025-03-01T00:00:00+08:00.`, 2);
  }
  return value;
}

type ExportOptions = {
  dataDir?: string;
  format: 'csv' | 'json' | 'html';
  from?: string;
  to?: string;
  number: string[];
  out: string;
  language?: 'en' | 'zh';
  lineLabel?: string;
  lineNumber?: string;
};

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export the call history: csv, json, or the evidence report (html) for the operator, 12321 or the police')
    .option('--data-dir <dir>', dataDirHelp)
    .addOption(new Option('--format <format>', 'csv, json or html (the evidence report)').choices(['csv', 'json', 'html']).makeOptionMandatory())
    .option('--from <iso>', 'first moment to include, e.g. 2025-03-01T00:00:00+08:00')
    .option('--to <iso>', 'moment to stop before, e.g. 2025-04-01T00:00:00+08:00')
    .option('--number <number>', 'only calls from this number (repeat for several)', collect, [])
    .requiredOption('--out <file>', 'file to write')
    .addOption(new Option('--language <lang>', 'language of the evidence report (default: the app\'s language)').choices(['en', 'zh']))
    .option('--line-label <label>', 'the line the report is about, e.g. "Mum\'s landline"')
    .option('--line-number <number>', 'the number of that line, printed in the report and the complaint texts')
    .action(async (opts: ExportOptions) => {
      isoOption('from', opts.from);
      isoOption('to', opts.to);
      const dataDir = opts.dataDir ?? defaultDataDir();
      await withExistingStore(dataDir, async (store) => {
        const settings = openSettings(dataDir).get();
        const homeCountry = settings.homeCountry;
        const history = openHistory(store.db, { normalize: (raw) => normalizeNumber(raw, homeCountry) });
        const range = { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) };
        const incidents = openScreening(store.db, { settings: () => settings }).incidents(range);
        const language = opts.language ?? (settings.language === 'zh' || (settings.language === 'system' && /^zh/i.test(Intl.DateTimeFormat().resolvedOptions().locale)) ? 'zh' : 'en');
        const line = opts.lineLabel || opts.lineNumber ? { label: opts.lineLabel ?? opts.lineNumber ?? '', ...(opts.lineNumber ? { number: opts.lineNumber } : {}) } : undefined;
        const out = resolve(opts.out);
        const tty = process.stderr.isTTY;
        const { rows, head } = await history.exportTo(
          out,
          { format: opts.format, ...range, numbers: opts.number, language, incidents, ...(line ? { line } : {}) },
          tty ? (done, total) => process.stderr.write(`\rexporting… ${total ? Math.floor((done / total) * 100) : 100}%`) : undefined,
        );
        if (tty) process.stderr.write('\n');
        process.stdout.write(`exported ${rows} call${rows === 1 ? '' : 's'} to ${out} (chain head ${head ?? 'none'})\n`);
      });
    });
}
