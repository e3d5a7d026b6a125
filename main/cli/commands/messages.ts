// ringfence messages list   --data-dir DIR [--from ISO|DATE] [--to ISO|DATE] [--number N]... [--text WORDS] [--flag alert|code|none] [--limit N] [--json]
// ringfence messages export --data-dir DIR --format csv|json --out FILE [--from ISO|DATE] [--to ISO|DATE] [--number N]...
// The recorded SMS as whole messages (long ones joined from their chained parts, flagged with the keyword
// lists in settings), with the same period and number options as `ringfence export`.
import { Option, type Command } from 'commander';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Message, SmsRecord } from '../../../shared/domain.ts';
import { foldForSearch } from '../../../shared/message-flags.ts';
import { openHistory, type History } from '../../history/index.ts';
import { messageLine, messagesCsv, messagesFrom, messagesJson } from '../../messages/index.ts';
import { openScreening } from '../../screening/index.ts';
import { openSettings } from '../../settings/index.ts';
import { defaultDataDir } from '../../store/index.ts';
import { dataDirHelp } from '../data-dir-option.ts';
import { CliError } from '../errors.ts';
import { withExistingStore } from '../store.ts';
import { isoOption } from './export.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

type Selection = { dataDir?: string; from?: string; to?: string; number: string[] };
type ListOptions = Selection & { text?: string; flag?: 'alert' | 'code' | 'none'; limit: string; json: boolean };
type ExportOptions = Selection & { format: 'csv' | 'json'; out: string };

function select(history: History, o: Selection): SmsRecord[] {
  const range = { ...(o.from ? { fromMs: Date.parse(o.from) } : {}), ...(o.to ? { toMs: Date.parse(o.to) } : {}) };
  if (o.number.length === 0) return history.listSms({ ...range, order: 'oldest' });
  const seen = new Map<number, SmsRecord>();
  for (const n of o.number) for (const s of history.listSms({ ...range, party: n, order: 'oldest' })) seen.set(s.id, s);
  return [...seen.values()].sort((a, b) => a.id - b.id);
}

async function messagesOf(o: Selection, work: (messages: Message[], history: History) => void | Promise<void>) {
  o.from = isoOption('from', o.from);
  o.to = isoOption('to', o.to);
  const dataDir = o.dataDir ?? defaultDataDir();
  await withExistingStore(dataDir, async (store) => {
    const settings = openSettings(dataDir).get();
    const history = openHistory(store.db);
    const incidents = openScreening(store.db, { settings: () => settings }).incidents();
    await work(messagesFrom(select(history, o), settings.messages.keywords, incidents), history);
  });
}

export function registerMessages(program: Command): void {
  const messages = program.command('messages').description('the SMS the lines received and sent: list them, or export them as CSV or JSON');
  const common = (c: Command) =>
    c
      .option('--data-dir <dir>', dataDirHelp)
      .option('--from <iso>', 'first moment to include: a date (2025-03-01, from the start of that day, local time) or a time (2025-03-01T00:00:00+08:00)')
      .option('--to <iso>', 'moment to stop before: a date (2025-03-31, up to the end of that day, local time) or a time (2025-04-01T00:00:00+08:00)')
      .option('--number <number>', 'only messages from (or sent to) this number (repeat for several)', collect, []);

  common(messages.command('list').description('print the messages, oldest first: time, sender, flags, text'))
    .option('--text <words>', 'only messages whose text contains these words (any case or width)')
    .addOption(new Option('--flag <flag>', 'alert: flagged as extortion or fraud; code: verification codes; none: neither').choices(['alert', 'code', 'none']))
    .option('--limit <n>', 'at most this many (the newest)', '1000')
    .option('--json', 'print JSON instead of lines', false)
    .action(async (o: ListOptions) => {
      const limit = Number(o.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit "${o.limit}" is not a whole number of messages: use e.g. --limit 50.`, 2);
      await messagesOf(o, (all) => {
        const text = o.text ? foldForSearch(o.text) : null;
        const chosen = all
          .filter((m) => text === null || foldForSearch(m.text).includes(text))
          .filter(
            (m) =>
              !o.flag ||
              (o.flag === 'alert'
                ? m.flags.alert.length > 0
                : o.flag === 'code'
                  ? m.flags.code.length > 0 && m.flags.alert.length === 0
                  : m.flags.alert.length + m.flags.code.length === 0),
          )
          .slice(-limit);
        if (o.json) process.stdout.write(`${JSON.stringify(chosen, null, 2)}\n`);
        else for (const m of chosen) process.stdout.write(`${messageLine(m)}\n`);
      });
    });

  common(messages.command('export').description('write the messages to a file: csv (Excel-ready, UTF-8) or json'))
    .addOption(new Option('--format <format>', 'csv or json').choices(['csv', 'json']).makeOptionMandatory())
    .requiredOption('--out <file>', 'file to write')
    .action(async (o: ExportOptions) => {
      const out = resolve(o.out);
      if (!existsSync(dirname(out))) throw new CliError(`Cannot write ${out}: the folder ${dirname(out)} does not exist.`, 2);
      await messagesOf(o, (all, history) => {
        const body =
          o.format === 'csv'
            ? messagesCsv(all)
            : messagesJson(all, {
                exportedAt: new Date().toISOString(),
                ...(o.from ? { from: o.from } : {}),
                ...(o.to ? { to: o.to } : {}),
                head: history.head(),
              });
        // Written beside it and renamed: a reader never sees half a file, and a failed write leaves no file.
        const part = `${out}.part`;
        try {
          writeFileSync(part, body);
          renameSync(part, out);
        } catch (error) {
          rmSync(part, { force: true });
          throw new CliError(`Cannot write ${out}: ${(error as Error).message}.`);
        }
        process.stdout.write(`exported ${all.length} message${all.length === 1 ? '' : 's'} to ${out} (chain head ${history.head() ?? 'none'})\n`);
      });
    });
}
