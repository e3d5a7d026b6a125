// ringfence settings set KEY VALUE --data-dir DIR   (and get/list): validated by the settings schema.
import type { Command } from 'commander';
import { SettingsError } from '../../settings/index.ts';
import { cliSettings } from '../settings-file.ts';
import { defaultDataDir } from '../../store/index.ts';
import { dataDirHelp } from '../data-dir-option.ts';
import { CliError } from '../errors.ts';

function lookup(obj: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

export function registerSettings(program: Command): void {
  const settings = program.command('settings').description('show or change settings (changes reach a running "serve" before its next call)');
  settings
    .command('set <key> <value>')
    .description('set KEY (a dot path such as homeCountry or screening.shield.calls) to VALUE (JSON or text)')
    .option('--data-dir <dir>', dataDirHelp)
    .action((key: string, value: string, opts: { dataDir?: string }) => {
      const store = cliSettings(opts.dataDir ?? defaultDataDir());
      try {
        const next = store.set(key, value);
        process.stdout.write(`${key} = ${JSON.stringify(lookup(next, key))}\n`);
      } catch (error) {
        // An unknown name or a refused value is a mistake on the command line: usage, exit 2.
        if (error instanceof SettingsError) throw new CliError(error.message, 2);
        throw error;
      }
    });
  settings
    .command('get [key]')
    .description('print one setting, or all of them as JSON')
    .option('--data-dir <dir>', dataDirHelp)
    .action((key: string | undefined, opts: { dataDir?: string }) => {
      const store = cliSettings(opts.dataDir ?? defaultDataDir());
      const all = store.get();
      if (key === undefined) return void process.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
      const value = lookup(all, key);
      if (value === undefined) {
        try {
          store.assertKnown(key);
        } catch (error) {
          if (error instanceof SettingsError) throw new CliError(error.message, 2);
          throw error;
        }
      }
      process.stdout.write(`${JSON.stringify(value)}\n`);
    });
}
