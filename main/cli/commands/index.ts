// Every CLI command, registered in the order `--help` lists them.
import type { Command } from 'commander';
import { registerRules } from './rules.ts';
import { registerSim } from './sim.ts';

export function registerCommands(program: Command): void {
  registerRules(program);
  registerSim(program);
}
