// ringfence verify --data-dir DIR [--head HASH] [--checkpoint FILE]...
// Checks the whole hash chain, the statistics and incidents against it, and the chain against every
// checkpoint found outside the database (the exports folder, evidence packs in it, the checkpoint folder of
// the settings, and files given with --checkpoint). Exit 0 "chain holds: N records, head <hash>" and which
// checkpoints match; exit 1 naming the first record that does not hold and every other problem.
// --head checks that an export's chain head — the whole hash or the shortened fingerprint the UI shows
// (any unique prefix of 8 or more hex digits) — belongs to this history.
import type { Command } from 'commander';
import { findCheckpoints, openHistory, readCheckpoint, type Checkpoint } from '../../history/index.ts';
import { openScreening } from '../../screening/index.ts';
import { openSettings } from '../../settings/index.ts';
import { dataPaths, defaultDataDir } from '../../store/index.ts';
import { dataDirHelp } from '../data-dir-option.ts';
import { CliError } from '../errors.ts';
import { withExistingStore } from '../store.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

/** The --head value as lowercase hex, or a usage error saying what a head looks like. */
export function headOption(value: string): string {
  const h = value.trim().toLowerCase().replace(/…$/, '').replace(/\.+$/, '');
  if (!/^[0-9a-f]{8,64}$/.test(h)) {
    throw new CliError(
      `--head "${value}" is not a chain head: give the 64 hex digits an export prints, or at least the first 8 of them (the fingerprint the app shows).`,
      2,
    );
  }
  return h;
}

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description("check the call history's hash chain and its checkpoints: name the first record that was changed, moved or removed")
    .option('--data-dir <dir>', dataDirHelp)
    .option('--head <hash>', 'also check that this chain head (printed in an export; the first 8 or more hex digits are enough) is part of this history')
    .option('--checkpoint <file>', 'also check this checkpoint file, export or evidence-pack file (repeat for several)', collect, [])
    .action((opts: { dataDir?: string; head?: string; checkpoint: string[] }) => {
      const asked = opts.head === undefined ? undefined : headOption(opts.head);
      const dataDir = opts.dataDir ?? defaultDataDir();
      return withExistingStore(dataDir, (store) => {
        const settings = openSettings(dataDir).get();
        const history = openHistory(store.db);
        const incidents = openScreening(store.db, { settings: () => settings }).incidents();
        const given: Checkpoint[] = opts.checkpoint.map((file) => {
          const c = readCheckpoint(file);
          if (!c)
            throw new CliError(
              `--checkpoint ${file} carries no chain head: give a ringfence-checkpoint file, an export (CSV, JSON, HTML) or a pack's checkpoints file.`,
              2,
            );
          return c;
        });
        const folders = [dataPaths(dataDir, { create: false }).exports, ...(settings.evidence.checkpointDir ? [settings.evidence.checkpointDir] : [])];
        const checkpoints = [...findCheckpoints(folders), ...given];
        const result = history.verify({ incidents, checkpoints });
        const out: string[] = [];
        if (result.firstBad) {
          out.push(
            `chain broken at record ${result.firstBad.id}: ${result.firstBad.reason} (${result.records} records before it hold; stored head ${result.head ?? 'none'})`,
          );
        } else {
          const events = result.events ? ` and ${result.events} event${result.events === 1 ? '' : 's'}` : '';
          out.push(`chain holds: ${result.records} records${events}, head ${result.head ?? 'none'}`);
        }
        for (const c of result.checkpoints ?? []) {
          if (c.matches) out.push(`checkpoint matches: record ${c.lastId} of ${c.at ?? 'unknown date'} (${c.source})`);
          else if (c.matches === null) out.push(`checkpoint not checked: ${c.note ?? ''} (${c.source})`);
        }
        const problems = result.problems ?? [];
        if (result.ok) process.stdout.write(`${out.join('\n')}\n`);
        else throw new CliError([...out, ...problems.map((p) => `problem: ${p}`)].join('\n'));
        if (asked !== undefined) {
          const found = history.findByHashPrefix(asked);
          if (found.length === 0) {
            throw new CliError(
              `the head ${opts.head} is not in this history: the export does not come from this data, or the records it ended with were removed (retention) or changed`,
            );
          }
          if (found.length > 1) throw new CliError(`the head ${opts.head} matches more than one record: give more of its digits`, 2);
          const [{ id, hash }] = found as [{ id: number; hash: string }];
          process.stdout.write(`head ${hash} is record ${id} of this chain: the export matches this history\n`);
        }
      });
    });
}
