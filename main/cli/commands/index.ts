// Every CLI command, registered in the order `--help` lists them.
import type { Command } from 'commander';
import { registerExport } from './export.ts';
import { registerMessages } from './messages.ts';
import { registerParseCommand } from './parse.ts';
import { registerPortsCommand } from './ports.ts';
import { registerRules } from './rules.ts';
import { registerServe } from './serve.ts';
import { registerSettings } from './settings.ts';
import { registerSim } from './sim.ts';
import { registerStats } from './stats.ts';
import { registerVerify } from './verify.ts';

export function registerCommands(program: Command): void {
  registerExport(program);
  registerMessages(program);
  registerParseCommand(program);
  registerPortsCommand(program);
  registerRules(program);
  registerServe(program);
  registerSettings(program);
  registerSim(program);
  registerStats(program);
  registerVerify(program);
}
