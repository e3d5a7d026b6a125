// ringfence rules add|remove|import|list|export --list blocked|trusted --data-dir DIR
// The rules live in the data directory's database; a running `serve` picks changes up before its next call
// (the engine's refresh() reads the change journal these commands append to).
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { Rule, RuleList } from '../../../shared/domain.ts';
import { formatNumber, openRuleStore, RuleError } from '../../screening/index.ts';
import type { SqliteRuleStore } from '../../screening/index.ts';
import { openSettings } from '../../settings/index.ts';
import { dataPaths, openDatabase } from '../../store/index.ts';
import { CliError } from '../errors.ts';

type Common = { list: RuleList; dataDir: string };

const listOption = () => new Option('--list <list>', 'which list: blocked or trusted').choices(['blocked', 'trusted']).makeOptionMandatory();
const dataDirOption = () => new Option('--data-dir <dir>', 'data directory').makeOptionMandatory();

/** Opens the rules of a data directory for one command and always closes the database. */
function withRules<T>(opts: Common, work: (rules: SqliteRuleStore, homeCountry: string) => T): T {
  const paths = dataPaths(opts.dataDir);
  const homeCountry = openSettings(paths.dir).get().homeCountry;
  const db = openDatabase(paths.database);
  try {
    return work(openRuleStore(db, { homeCountry: () => homeCountry }), homeCountry);
  } catch (error) {
    // A value the rules refuse (not a number, a bad pattern) is a mistake on the command line: exit 2.
    if (error instanceof RuleError) throw new CliError(error.message, /^(invalid|empty)-/.test(error.code) ? 2 : 1);
    throw error;
  } finally {
    db.close();
  }
}

function describe(rule: Rule, homeCountry: string): string {
  const value = rule.kind === 'number' ? formatNumber(rule.value, homeCountry) : rule.kind === 'prefix' ? `${rule.value}*` : rule.kind === 'regex' ? `/${rule.value}/` : rule.value;
  const extras = [rule.kind === 'number' ? null : rule.kind, rule.list === 'blocked' ? rule.action : null, rule.category, rule.expiresAt ? `until ${rule.expiresAt}` : null].filter(Boolean);
  return `${value}${rule.label ? `  ${rule.label}` : ''}${extras.length ? `  (${extras.join(', ')})` : ''}`;
}

const listName = (list: RuleList) => (list === 'blocked' ? 'block list' : 'trusted list');

function exportFormat(file: string): 'csv' | 'text' | 'vcard' | 'ncid' {
  const ext = extname(file).toLowerCase();
  if (ext === '.vcf' || ext === '.vcard') return 'vcard';
  if (ext === '.txt') return 'text';
  if (ext === '.csv') return 'csv';
  if (/blacklist|whitelist/i.test(basename(file))) return 'ncid';
  return 'csv';
}

/** Every subcommand shares the program's exit-code policy (commander only copies it to commands made later). */
function sub(parent: Command, spec: string, description: string): Command {
  return parent.command(spec).description(description).exitOverride().addOption(listOption()).addOption(dataDirOption());
}

export function registerRules(program: Command): void {
  const rules = program.command('rules').description('manage the blocked and trusted lists (a running "serve" applies changes before its next call)').exitOverride();

  sub(rules, 'add <value>', 'add a number (any common form), a prefix ending in *, a wildcard (? one digit, * any digits), or withheld|unavailable|none')
    .option('--label <text>', 'a label shown with the decision')
    .action((value: string, opts: Common & { label?: string }) =>
      withRules(opts, (store, home) => {
        const rule = store.add({ list: opts.list, value, label: opts.label ?? '' });
        process.stdout.write(`Added to the ${listName(opts.list)}: ${describe(rule, home)}\n`);
      }),
    );

  sub(rules, 'remove <value>', 'remove an entry, written in any form that means the same number or prefix').action((value: string, opts: Common) =>
    withRules(opts, (store) => {
      if (!store.removeByValue(opts.list, value)) throw new CliError(`${value} is not on the ${listName(opts.list)}; see "ringfence rules list --list ${opts.list}".`);
      process.stdout.write(`Removed ${value} from the ${listName(opts.list)}.\n`);
    }),
  );

  sub(rules, 'import <file>', 'import a CSV, plain-text, vCard or NCID file (all lines or none)')
    .option('--dry-run', 'only show what would be imported')
    .action((file: string, opts: Common & { dryRun?: boolean }) => {
      let content: string;
      try {
        content = readFileSync(file, 'utf8');
      } catch (error) {
        throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
      }
      withRules(opts, (store) => {
        const preview = store.previewImport({ list: opts.list, content, fileName: file });
        for (const bad of preview.invalid) process.stderr.write(`line ${bad.line}: ${bad.value}: ${bad.reason.en}\n`);
        const summary = `${preview.added} new, ${preview.duplicates} already listed, ${preview.invalid.length} invalid (${preview.format})`;
        if (preview.invalid.length > 0) throw new CliError(`Nothing imported: ${summary}. Fix the lines above and import again.`);
        if (opts.dryRun) return void process.stdout.write(`Dry run, nothing imported: ${summary}.\n`);
        const { imported } = store.commitImport(preview.token);
        process.stdout.write(`Imported ${imported} into the ${listName(opts.list)} (${summary}).\n`);
      });
    });

  sub(rules, 'list', 'print the entries of a list')
    .option('--json', 'print JSON: { rules, total }')
    .action((opts: Common & { json?: boolean }) =>
      withRules(opts, (store, home) => {
        const page = store.list({ list: opts.list, limit: Number.MAX_SAFE_INTEGER });
        if (opts.json) return void process.stdout.write(`${JSON.stringify(page)}\n`);
        if (page.total === 0) return void process.stdout.write(`The ${listName(opts.list)} is empty.\n`);
        process.stdout.write(page.rules.map((r) => `${describe(r, home)}\n`).join(''));
      }),
    );

  sub(rules, 'export', 'write a list to a file (format from the extension: .csv, .txt, .vcf, or an NCID *.blacklist)')
    .addOption(new Option('--out <file>', 'the file to write').makeOptionMandatory())
    .action((opts: Common & { out: string }) =>
      withRules(opts, (store) => {
        const { content } = store.export({ list: opts.list, format: exportFormat(opts.out) });
        try {
          writeFileSync(opts.out, content);
        } catch (error) {
          throw new CliError(`Cannot write ${opts.out}: ${(error as Error).message}`);
        }
        process.stdout.write(`Wrote the ${listName(opts.list)} to ${opts.out}.\n`);
      }),
    );
}
