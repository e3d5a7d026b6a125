// ringfence verify --data-dir DIR [--head HASH]
// Checks the whole hash chain. Exit 0 "chain holds: N records, head <hash>"; exit 1 naming the first record
// that does not hold and why. --head checks that an export's chain head belongs to this history.
import type { Command } from 'commander';
import { openHistory } from '../../history/index.ts';
import { defaultDataDir } from '../../store/index.ts';
import { dataDirHelp } from '../data-dir-option.ts';
import { CliError } from '../errors.ts';
import { withExistingStore } from '../store.ts';

export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description('check the call history\'s hash chain: name the first record that was changed, moved or removed')
    .option('--data-dir <dir>', dataDirHelp)
    .option('--head <hash>', 'also check that this chain head (printed in an export) is part of this history')
    .action((opts: { dataDir?: string; head?: string }) =>
      withExistingStore(opts.dataDir ?? defaultDataDir(), (store) => {
        const history = openHistory(store.db);
        const result = history.verify();
        if (!result.ok && result.firstBad) {
          throw new CliError(
            `chain broken at record ${result.firstBad.id}: ${result.firstBad.reason} (${result.records} records before it hold; stored head ${result.head ?? 'none'})`,
          );
        }
        process.stdout.write(`chain holds: ${result.records} records, head ${result.head ?? 'none'}\n`);
        if (opts.head !== undefined) {
          const id = history.findByHash(opts.head.trim().toLowerCase());
          if (id === null) {
            throw new CliError(
              `the head ${opts.head} is not in this history: the export does not come from this data, or the records it ended with were removed (retention) or changed`,
            );
          }
          process.stdout.write(`head ${opts.head} is record ${id} of this chain: the export matches this history\n`);
        }
      }),
    );
}
