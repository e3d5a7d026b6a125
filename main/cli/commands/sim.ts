// ringfence sim --link PATH --profile NAME [--control 127.0.0.1:PORT] [--time-scale X] [--replay FILE]
//               [--split-writes] [--script FILE]
// Plays a modem on a pseudo-terminal until SIGINT/SIGTERM. Prints `control: http://127.0.0.1:PORT` on a
// line of its own (tests parse it).
import { readFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import {
  LinkPathTakenError,
  Scenario,
  SimInputError,
  SocatMissingError,
  profileNames,
  startSimulator,
  type SimProfileName,
  type Simulator,
} from '../../sim/index.ts';
import { CliError } from '../errors.ts';

type SimOptions = { link: string; profile: SimProfileName; control: string | false; timeScale: string; replay?: string; splitWrites: boolean; script?: string };

/** 127.0.0.1:PORT only: the control API can ring the line and break the modem, so it never leaves this machine. */
export function parseControl(value: string): { host: '127.0.0.1'; port: number } {
  const m = /^(.+):(\d{1,5})$/.exec(value);
  if (!m || Number(m[2]) > 65535)
    throw new CliError(`--control "${value}" is not 127.0.0.1:PORT (for example 127.0.0.1:7350, or port 0 to pick a free one).`, 2);
  const host = m[1]!;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new CliError(
      `--control must listen on 127.0.0.1, not ${host}: the control API can ring the line and fault the modem, so it is never exposed beyond this machine.`,
      2,
    );
  }
  return { host: '127.0.0.1', port: Number(m[2]) };
}

async function readScript(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read the script "${file}": ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliError(`the script "${file}" is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = Scenario.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ');
    throw new CliError(`the script "${file}" is not a scenario ({"steps": [...]}): ${where}`);
  }
  return parsed.data;
}

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('run a simulated modem on a pseudo-terminal, for tests, benchmarks and trying Ringfence without a modem (needs socat)')
    .requiredOption('--link <path>', 'where the app should open the simulated modem, e.g. /tmp/ringfence-modem')
    .addOption(new Option('--profile <name>', 'which modem to play').choices(profileNames).makeOptionMandatory())
    .option('--control <host:port>', 'HTTP control API address, loopback only (port 0 picks one)', '127.0.0.1:0')
    .option('--no-control', 'do not start the control API')
    .option('--time-scale <x>', 'run simulated time this many times faster (rings, noise, scripts)', '1')
    .option('--replay <file>', 'stream this .modem transcript into the link when the app first writes')
    .option('--split-writes', 'with --replay: send the transcript in small random pieces', false)
    .option('--script <file>', 'play this scenario JSON ({"steps": [...]}, see main/sim/schemas.ts)')
    .action(async (opts: SimOptions) => {
      const timeScale = Number(opts.timeScale);
      if (!(timeScale > 0) || timeScale > 100_000)
        throw new CliError(`--time-scale "${opts.timeScale}" must be a number above 0 (1 is real time, 100 is 100× faster).`, 2);
      const control = opts.control === false ? undefined : parseControl(opts.control);
      const script = opts.script ? await readScript(opts.script) : null;
      let sim: Simulator;
      try {
        sim = await startSimulator({
          link: opts.link,
          profile: opts.profile,
          timeScale,
          ...(control ? { control } : {}),
          ...(opts.replay ? { replay: { file: opts.replay, splitWrites: opts.splitWrites } } : {}),
        });
      } catch (error) {
        if (error instanceof SocatMissingError || error instanceof LinkPathTakenError || error instanceof SimInputError) throw new CliError(error.message);
        if (error instanceof Error && 'code' in error && error.code === 'REPLAY_FILE') throw new CliError(error.message);
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
          throw new CliError(`--control ${opts.control} is already in use; choose another port or 0.`);
        throw error;
      }
      process.stdout.write(`link: ${sim.link}\nprofile: ${opts.profile}\n${sim.controlUrl ? `control: ${sim.controlUrl}\n` : ''}`);
      if (script) {
        void sim.runScenario(script).then(
          (results) => {
            const count = (o: string) => results.filter((r) => r.outcome === o).length;
            process.stdout.write(
              `scenario: ${results.length} calls, ${count('rejected')} rejected, ${count('answered')} answered, ${count('caller-hung-up')} caller-hung-up\n`,
            );
          },
          (error: Error) => process.stderr.write(`ringfence: scenario stopped: ${error.message}\n`),
        );
      }
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await sim.close();
      process.stdout.write('stopped\n');
    });
}
