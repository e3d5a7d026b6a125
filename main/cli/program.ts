// The `ringfence` command line: one commander program; each command lives in commands/<name>.ts and
// registers itself. Exit codes: 0 success, 1 failure, 2 usage error.
import { Command, CommanderError } from 'commander';
import { registerCommands } from './commands/index.ts';
import { CliError } from './errors.ts';
import { version } from '../version.ts';
import { err } from './terminal.ts';

export function buildProgram(): Command {
  const program = new Command('ringfence')
    .description('Ringfence call screener: screen calls on a USB GSM dongle or landline voice modem, and keep the evidence.')
    .version(version, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    // Options belong to the command they follow: a mistyped option of "stats" is matched against stats'
    // own options, not the program's --version.
    .enablePositionalOptions()
    .configureOutput({ outputError: (str, write) => write(str) });
  registerCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  // Throw instead of exiting so every command shares one exit-code policy.
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are successes; anything else commander rejects is a usage error.
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    if (error instanceof CliError) {
      err(`ringfence: ${error.message}\n`);
      return error.exitCode;
    }
    err(`ringfence: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
