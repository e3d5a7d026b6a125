// `ringfence parse [FILE...]`: raw modem output (capture files, or stdin) → one NDJSON line per incoming
// call, through the same parser the live line uses. For checking a capture from a user's bug report.
// Standard output carries only the calls (so it can be piped); what the input turned out to be goes to
// standard error: modem output without a call is a valid answer (exit 0, "no incoming call"), input with no
// modem output at all is the wrong file (exit 1).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { countModemLines, parseTranscript } from '../../modem/index.ts';
import { CliError } from '../errors.ts';
import { terminalJson } from '../terminal.ts';

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function readInput(file: string | undefined): Promise<Uint8Array> {
  if (file === undefined || file === '-') {
    if (process.stdin.isTTY) {
      throw new CliError(
        'no FILE given and standard input is a terminal. Pass a capture file (ringfence parse capture.modem) or pipe the modem output in (cat capture.modem | ringfence parse).',
        2,
      );
    }
    return readStdin();
  }
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`cannot read "${file}": no such file. Check the path, or pipe the modem output on standard input.`);
    if (code === 'EISDIR') throw new CliError(`cannot read "${file}": it is a folder. Give one capture file.`);
    if (code === 'EACCES') throw new CliError(`cannot read "${file}": permission denied. Make the file readable for your user.`);
    throw new CliError(`cannot read "${file}": ${(error as Error).message}`);
  }
}

export function registerParseCommand(program: Command): void {
  program
    .command('parse')
    .argument('[files...]', 'files of raw modem output (bytes exactly as the modem sent them); standard input when omitted or "-"')
    .description(
      'Print the incoming calls in raw modem output, one JSON object per line: {"number","presentation","name"}. ' +
        'A number field that held no usable number adds "presentedNumber" (number is then null). ' +
        'With several files, each line also names its "file".',
    )
    .action(async (files: string[]) => {
      const inputs = files.length === 0 ? [undefined] : files;
      // Read everything first: a bad path fails the command before anything is printed.
      const contents = await Promise.all(inputs.map((f) => readInput(f)));
      let out = '';
      const notModem: string[] = [];
      contents.forEach((bytes, i) => {
        const name = inputs[i] ?? 'standard input';
        const calls = parseTranscript(bytes);
        for (const { number, presentation, name, presentedNumber } of calls) {
          // JSON escapes any control character left; presentedNumber only when the number was unusable.
          const call = { number, presentation, name, ...(number === null && presentedNumber !== undefined ? { presentedNumber } : {}) };
          out += terminalJson(inputs.length > 1 ? { ...call, file: inputs[i] } : call) + '\n';
        }
        if (calls.length > 0) return;
        const { lines, modemLines } = countModemLines(bytes);
        if (modemLines === 0)
          notModem.push(lines === 0 ? `${name} is empty` : `${name} has ${lines} line(s) of text but no modem output (no OK, RING, +CLIP or caller-ID block)`);
        else process.stderr.write(`ringfence: no incoming call in ${name} (${modemLines} line(s) of modem output, none of them a ring or caller ID).\n`);
      });
      process.stdout.write(out);
      if (notModem.length) {
        throw new CliError(
          `${notModem.join('; ')}. Is it the right file? A capture holds the bytes the modem sent, e.g. a serial terminal's log of the modem port.`,
        );
      }
    });
}
