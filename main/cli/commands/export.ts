// ringfence export --data-dir DIR --format csv|json|html [--from ISO] [--to ISO] [--number N]... --out FILE
// ringfence export --format pack --out DIR   (the evidence pack: a folder)
// Streams the history to a file: CSV (Excel-ready), JSON, the evidence report (self-contained HTML, prints
// to PDF), or the evidence pack (report, PDF, CSV, JSON, chain, checkpoints, verify.mjs). Every export is a
// checkpoint too. Progress goes to stderr on a terminal; the last line on stdout says what was written.
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { join } from 'node:path';
import { findCheckpoints, openHistory, resolveTime, systemTimeZone } from '../../history/index.ts';
import { messagesFrom } from '../../messages/index.ts';
import { normalizeNumber, openScreening } from '../../screening/index.ts';
import { openSettings } from '../../settings/index.ts';
import { dataPaths, defaultDataDir } from '../../store/index.ts';
import { chromiumPrinter } from '../print-pdf.ts';
import { dataDirHelp } from '../data-dir-option.ts';
import { CliError } from '../errors.ts';
import { withExistingStore } from '../store.ts';
import type { Language } from '../../../shared/domain.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * --from/--to: an ISO 8601 time, or a date (YYYY-MM-DD) — the start of that local day for --from, the end of
 * it for --to — checked before anything reads the database. Returns the time to use.
 */
export function isoOption(name: 'from' | 'to', value: string | undefined, zone: string = systemTimeZone()): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new CliError(`--${name} "${value}" is not a date or time: use a date such as 2025-03-01, or a time such as 2025-03-01T00:00:00+08:00.`, 2);
  }
  return resolveTime(value, name, zone);
}

type ExportOptions = {
  dataDir?: string;
  format: 'csv' | 'json' | 'html' | 'pack';
  exclude: string[];
  from?: string;
  to?: string;
  number: string[];
  out: string;
  language?: Language;
  lineLabel?: string;
  lineNumber?: string;
  force?: boolean;
};

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export the call history: csv, json, or the evidence report (html) for the operator, 12321 or the police')
    .option('--data-dir <dir>', dataDirHelp)
    .addOption(
      new Option('--format <format>', 'csv, json, html (the evidence report) or pack (a folder: report, PDF, CSV, JSON, checkpoints, verify.mjs)')
        .choices(['csv', 'json', 'html', 'pack'])
        .makeOptionMandatory(),
    )
    .option('--from <iso>', 'first moment to include: a date (2025-03-01, from the start of that day, local time) or a time (2025-03-01T00:00:00+08:00)')
    .option('--to <iso>', 'moment to stop before: a date (2025-03-31, up to the end of that day, local time) or a time (2025-04-01T00:00:00+08:00)')
    .option('--number <number>', 'only calls from this number (repeat for several)', collect, [])
    .option('--exclude <number>', 'leave this number out of the incidents and complaints (repeat for several)', collect, [])
    .requiredOption('--out <file>', 'file to write (for --format pack: a new folder); an existing file only with --force')
    .option('--force', 'replace --out if it exists (never a database file; a pack never replaces a folder that holds anything)')
    .addOption(new Option('--language <lang>', "language of the evidence report (default: the app's language)").choices(['en', 'zh']))
    .option('--line-label <label>', 'the line the report is about, e.g. "Mum\'s landline"')
    .option(
      '--line-number <number>',
      'the number of that line, printed in the report and the complaint texts (default: the numbers in settings evidence.lineNumbers)',
    )
    .action(async (opts: ExportOptions) => {
      opts.from = isoOption('from', opts.from);
      opts.to = isoOption('to', opts.to);
      const dataDir = opts.dataDir ?? defaultDataDir();
      await withExistingStore(dataDir, async (store) => {
        const settings = openSettings(dataDir).get();
        const homeCountry = settings.homeCountry;
        const history = openHistory(store.db, { normalize: (raw) => normalizeNumber(raw, homeCountry) });
        const range = { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) };
        // The report's incidents are the chain's: chain any the service has not yet (idempotent).
        const screeningIncidents = openScreening(store.db, { settings: () => settings }).incidents();
        history.recordIncidents(screeningIncidents);
        const incidents = history.incidents();
        const ownNumbers = [...new Set(Object.values(settings.evidence.lineNumbers).flat())];
        const paths = dataPaths(dataDir, { create: false });
        const folders = [paths.exports, ...(settings.evidence.checkpointDir ? [settings.evidence.checkpointDir] : [])];
        const printPdf = opts.format === 'pack' ? await chromiumPrinter() : null;
        const language =
          opts.language ??
          (settings.language === 'zh' || (settings.language === 'system' && /^zh/i.test(Intl.DateTimeFormat().resolvedOptions().locale)) ? 'zh' : 'en');
        const line =
          opts.lineLabel || opts.lineNumber
            ? { label: opts.lineLabel ?? opts.lineNumber ?? '', ...(opts.lineNumber ? { number: opts.lineNumber } : {}) }
            : undefined;
        const out = resolve(opts.out);
        const tty = process.stderr.isTTY;
        const { rows, head } = await history.exportTo(
          out,
          {
            format: opts.format,
            ...range,
            numbers: opts.number,
            language,
            homeCountry,
            incidents,
            ...(line ? { line } : {}),
            ownNumbers,
            exclude: opts.exclude,
            windowMinutes: settings.screening.shield.windowMinutes,
            messages: (parts) => messagesFrom(parts, settings.messages.keywords, screeningIncidents),
            checkpoints: findCheckpoints(folders),
            ...(printPdf ? { printPdf } : {}),
            force: opts.force ?? false,
            dataDirs: [paths.dir],
          },
          tty ? (done, total) => process.stderr.write(`\rexporting… ${total ? Math.floor((done / total) * 100) : 100}%`) : undefined,
        );
        if (tty) process.stderr.write('\n');
        // The head this export carries, also as a checkpoint file beside the other exports.
        for (const dir of [join(paths.exports, 'checkpoints'), ...(settings.evidence.checkpointDir ? [settings.evidence.checkpointDir] : [])]) {
          try {
            history.checkpoint(dir, `export ${out}`);
          } catch {
            // the export itself carries the head
          }
        }
        const what =
          opts.format === 'pack'
            ? `the evidence pack (${rows} call${rows === 1 ? '' : 's'}${printPdf ? ', with report.pdf' : ', no PDF: no Chromium found to print it'})`
            : `${rows} call${rows === 1 ? '' : 's'}`;
        process.stdout.write(`exported ${what} to ${out} (chain head ${head ?? 'none'})\n`);
      });
    });
}
