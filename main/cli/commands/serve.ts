// ringfence serve --data-dir DIR [--modem PATH]... [--demo] [--listen HOST:PORT] [--token TOKEN]
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { checkExposure, ListenError, parseListen, startServer } from '../../server/index.ts';
import { startService } from '../../service/index.ts';
import { openSettings } from '../../settings/index.ts';
import { DataLockError, defaultDataDir } from '../../store/index.ts';
import { dataDirHelp, rendererRoot } from '../data-dir-option.ts';
import { CliError } from '../errors.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('screen calls headless and serve the UI and API to a browser (loopback only unless --token is set)')
    .option('--data-dir <dir>', dataDirHelp)
    .option('--modem <path>', 'serial device of a modem to screen (repeat for several lines)', collect, [])
    .option('--demo', 'add the simulated demo line ("try without a modem")', false)
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:7345')
    .option('--token <token>', 'require this token for the API (needed to listen beyond this machine)')
    .action(async (opts: { dataDir?: string; modem: string[]; demo: boolean; listen: string; token?: string }) => {
      let listen;
      try {
        listen = parseListen(opts.listen);
        checkExposure(listen, opts.token);
      } catch (error) {
        if (error instanceof ListenError) throw new CliError(error.message);
        throw error;
      }
      const dataDir = opts.dataDir ?? defaultDataDir();
      const log = (level: string, message: string) => process.stderr.write(`[${new Date().toISOString()}] ${level}: ${message}\n`);
      const settings = openSettings(dataDir);
      for (const n of settings.notices) log('warn', n.text.en);
      // RINGFENCE_LATENCY_TRACE=FILE: one JSON line per hang-up with the time each stage took, for
      // `npm run bench -- latency` (written after the call, never on its way).
      const traceFile = process.env.RINGFENCE_LATENCY_TRACE;
      const trace = traceFile ? createWriteStream(traceFile, { flags: 'a' }) : null;
      let service;
      try {
        service = await startService({
          dataDir,
          settings,
          host: 'headless',
          modems: opts.modem,
          demo: opts.demo,
          log,
          ...(trace ? { latency: (stages: object) => void trace.write(`${JSON.stringify(stages)}\n`) } : {}),
        });
      } catch (error) {
        if (error instanceof DataLockError) throw new CliError(error.message);
        throw error;
      }
      const root = rendererRoot() ?? placeholderUi();
      let server;
      try {
        server = await startServer({
          api: service,
          listen,
          ...(opts.token ? { token: opts.token } : {}),
          staticRoot: root,
          download: (jobId) => service.exportFile(jobId),
        });
      } catch (error) {
        await service.close();
        const e = error as NodeJS.ErrnoException;
        if (e.code === 'EADDRINUSE') throw new CliError(`${opts.listen} is already in use: is another "ringfence serve" running? Choose another --listen port.`);
        if (e.code === 'EADDRNOTAVAIL') throw new CliError(`${listen.host} is not an address of this machine.`);
        throw error;
      }
      const url = opts.token ? `${server.url}/#token=${encodeURIComponent(opts.token)}` : server.url;
      process.stdout.write(`Ringfence is listening on ${server.url}\nOpen ${url} in your browser. Data: ${service.paths.dir}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await service.close();
      trace?.end();
    });
}

/** Without a build the API still works; the page says how to get the UI. */
function placeholderUi(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ringfence-ui-'));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>Ringfence</title><p>The Ringfence UI has not been built. Run <code>npm run build</code> and restart <code>ringfence serve</code>. The API is available at /api.</p>',
  );
  return dir;
}
