// ringfence rules add|remove|import|list|export --list blocked|trusted --data-dir DIR
// The rules live in the data directory's database; a running `serve` picks changes up before its next call
// (the engine's refresh() reads the change journal these commands append to).
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import type { Rule, RuleList } from '../../../shared/domain.ts';
import { formatNumber, openRuleStore, RuleError } from '../../screening/index.ts';
import type { SqliteRuleStore } from '../../screening/index.ts';
import { cliSettings } from '../settings-file.ts';
import { csvCell } from '../../../shared/line-text.ts';
import { DomainError } from '../../../shared/errors.ts';
import { dataPaths, openDataStore, writeFileSafelySync } from '../../store/index.ts';
import { CliError } from '../errors.ts';
import { err, out, terminalJson } from '../terminal.ts';

type Common = { list: RuleList; dataDir: string };

const listOption = () => new Option('--list <list>', 'which list: blocked or trusted').choices(['blocked', 'trusted']).makeOptionMandatory();
const dataDirOption = () => new Option('--data-dir <dir>', 'data directory').makeOptionMandatory();

/** The folder's database; a damaged one is set aside (kept, not deleted) and the user told so here. */
function openStore(dir: string) {
  let store;
  try {
    store = openDataStore(dir);
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(error.message);
    throw error;
  }
  for (const n of store.notices) err(`ringfence: ${n.text.en}\n`);
  return store.db;
}

/** Opens the rules of a data directory for one command and always closes the database. */
function withRules<T>(opts: Common, work: (rules: SqliteRuleStore, homeCountry: string) => T): T {
  const paths = dataPaths(opts.dataDir);
  const homeCountry = cliSettings(paths.dir).get().homeCountry;
  const db = openStore(paths.dir);
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

/** The same for a command that waits (an import runs in a worker thread). */
async function withRulesAsync<T>(opts: Common, work: (rules: SqliteRuleStore, dataDir: string) => Promise<T>): Promise<T> {
  const paths = dataPaths(opts.dataDir);
  const homeCountry = cliSettings(paths.dir).get().homeCountry;
  const db = openStore(paths.dir);
  const store = openRuleStore(db, { homeCountry: () => homeCountry });
  try {
    return await work(store, paths.dir);
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(error.message, error.status === 413 ? 1 : 1);
    throw error;
  } finally {
    store.closeImports();
    db.close();
  }
}

/** Invalid lines printed before the summary; the rest are counted (a binary file must not flood the terminal). */
const SHOWN_INVALID = 20;
const shorten = (text: string, max = 80) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Saves the lines an import left out next to the list, under a name not taken yet: <file>.invalid.csv, -2, … */
function saveInvalid(file: string, lines: Iterable<{ line: number; value: string; reason: { en: string } }>): string {
  const rows = ['line,value,reason'];
  for (const bad of lines) rows.push([bad.line, bad.value, bad.reason.en].map(csvCell).join(','));
  const content = rows.join('\n') + '\n';
  for (let n = 1; ; n++) {
    const out = `${file}.invalid${n === 1 ? '' : `-${n}`}.csv`;
    try {
      return writeFileSafelySync(out, content);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'file-exists') || n > 99) throw error;
    }
  }
}

function describe(rule: Rule, homeCountry: string): string {
  const value =
    rule.kind === 'number'
      ? formatNumber(rule.value, homeCountry)
      : rule.kind === 'prefix'
        ? `${rule.value}*`
        : rule.kind === 'regex'
          ? `/${rule.value}/`
          : rule.value;
  const extras = [
    rule.kind === 'number' ? null : rule.kind,
    rule.list === 'blocked' ? rule.action : null,
    rule.category,
    rule.expiresAt ? `until ${rule.expiresAt}` : null,
  ].filter(Boolean);
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
  const rules = program
    .command('rules')
    .description('manage the blocked and trusted lists (a running "serve" applies changes before its next call)')
    .exitOverride();

  sub(rules, 'add <value>', 'add a number (any common form), a prefix ending in *, a wildcard (? one digit, * any digits), or withheld|unavailable|none')
    .option('--label <text>', 'a label shown with the decision')
    .action((value: string, opts: Common & { label?: string }) =>
      withRules(opts, (store, home) => {
        const rule = store.add({ list: opts.list, value, label: opts.label ?? '' });
        out(`Added to the ${listName(opts.list)}: ${describe(rule, home)}\n`);
      }),
    );

  sub(rules, 'remove <value>', 'remove an entry, written in any form that means the same number or prefix').action((value: string, opts: Common) =>
    withRules(opts, (store) => {
      if (!store.removeByValue(opts.list, value))
        throw new CliError(`${value} is not on the ${listName(opts.list)}; see "ringfence rules list --list ${opts.list}".`);
      out(`Removed ${value} from the ${listName(opts.list)}.\n`);
    }),
  );

  sub(rules, 'import <file>', 'import a CSV, plain-text, vCard or NCID file (all lines or none, unless --skip-invalid)')
    .option('--dry-run', 'only show what would be imported')
    .option('--skip-invalid', 'import the good lines and save the invalid ones to <file>.invalid.csv')
    .action(async (file: string, opts: Common & { dryRun?: boolean; skipInvalid?: boolean }) => {
      try {
        if (!statSync(file).isFile()) throw new Error('it is not a file');
      } catch (error) {
        throw new CliError(`Cannot read ${file}: ${(error as Error).message}`);
      }
      await withRulesAsync(opts, async (store) => {
        const preview = await store.previewImportFile({ list: opts.list, path: file, fileName: file, client: 'cli' });
        for (const bad of preview.invalid.slice(0, SHOWN_INVALID)) err(`line ${bad.line}: ${shorten(bad.value)}: ${bad.reason.en}\n`);
        if (preview.invalidCount > SHOWN_INVALID) err(`… and ${preview.invalidCount - SHOWN_INVALID} more invalid line(s).\n`);
        const patterns = preview.patterns > 0 ? `, ${preview.patterns} of them patterns (prefix/wildcard), not exact numbers` : '';
        const summary = `${preview.added} new${patterns}, ${preview.duplicates} already listed, ${preview.invalidCount} invalid (${preview.format})`;
        if (preview.invalidCount > 0 && !opts.skipInvalid) {
          throw new CliError(
            `Nothing imported: ${summary}. Fix the lines above and import again, or add --skip-invalid to import the ${preview.added} good line(s).`,
          );
        }
        if (opts.dryRun) return void out(`Dry run, nothing imported: ${summary}.\n`);
        const saved = preview.invalidCount > 0 ? saveInvalid(file, store.invalidLines(preview.token)) : null;
        const { imported } = await store.commitImport(preview.token, { skipInvalid: opts.skipInvalid ?? false });
        out(`Imported ${imported} into the ${listName(opts.list)} (${summary}).\n`);
        if (saved) out(`The ${preview.invalidCount} invalid line(s) were left out and saved to ${saved}.\n`);
      });
    });

  sub(rules, 'list', 'print the entries of a list')
    .option('--json', 'print JSON: { rules, total }')
    .action((opts: Common & { json?: boolean }) =>
      withRules(opts, (store, home) => {
        const page = store.list({ list: opts.list, limit: Number.MAX_SAFE_INTEGER });
        if (opts.json) return void process.stdout.write(`${terminalJson(page)}\n`);
        if (page.total === 0) return void out(`The ${listName(opts.list)} is empty.\n`);
        out(page.rules.map((r) => `${describe(r, home)}\n`).join(''));
      }),
    );

  sub(rules, 'export', 'write a list to a file (format from the extension: .csv, .txt, .vcf, or an NCID *.blacklist)')
    .addOption(new Option('--out <file>', 'the file to write (an existing file only with --force)').makeOptionMandatory())
    .option('--force', 'replace the file if it exists')
    .action((opts: Common & { out: string; force?: boolean }) =>
      withRules(opts, (store) => {
        const { content } = store.export({ list: opts.list, format: exportFormat(opts.out) });
        try {
          writeFileSafelySync(opts.out, content, { force: opts.force ?? false, dataDirs: [dataPaths(opts.dataDir, { create: false }).dir] });
        } catch (error) {
          if (error instanceof DomainError) throw new CliError(error.message);
          throw new CliError(`Cannot write ${opts.out}: ${(error as Error).message}`);
        }
        out(`Wrote the ${listName(opts.list)} to ${opts.out}.\n`);
      }),
    );
}
