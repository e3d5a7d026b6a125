// ringfence serve --data-dir DIR [--modem PATH]... [--demo] [--listen HOST:PORT] [--token TOKEN] [--open]
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { checkExposure, ListenError, parseListen, startServer } from '../../server/index.ts';
import { demoSandboxDir, prepareSandboxRules, prepareSandboxSettings, startService } from '../../service/index.ts';
import { openSettings } from '../../settings/index.ts';
import { DataLockError, defaultDataDir } from '../../store/index.ts';
import { dataDirHelp, rendererRoot } from '../data-dir-option.ts';
import { CliError } from '../errors.ts';
import { openBrowser } from '../open-browser.ts';
import { err } from '../terminal.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

const DEFAULT_LISTEN = '127.0.0.1:7345';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('screen calls headless and serve the UI and API to a browser (loopback only unless --token is set)')
    .option('--data-dir <dir>', dataDirHelp)
    .option('--modem <path>', 'serial device of a modem to screen (repeat for several lines)', collect, [])
    .option(
      '--demo',
      'add the simulated demo line ("try without a modem"); without --data-dir its calls go to a sandbox folder, never your real history',
      false,
    )
    .option('--listen <host:port>', `address to listen on (default ${DEFAULT_LISTEN}; the next free port when that one is taken)`)
    .option('--token <token>', 'require this token for the API (needed to listen beyond this machine)')
    .option('--open', 'open the UI in your browser once it is ready', false)
    .action(async (opts: { dataDir?: string; modem: string[]; demo: boolean; listen?: string; token?: string; open: boolean }) => {
      let listen;
      try {
        listen = parseListen(opts.listen ?? DEFAULT_LISTEN);
        checkExposure(listen, opts.token);
      } catch (error) {
        if (error instanceof ListenError) throw new CliError(error.message);
        throw error;
      }
      // The demo alone plays in its sandbox; --data-dir (or a real --modem) means the user chose the folder.
      const sandbox = opts.demo && opts.dataDir === undefined && opts.modem.length === 0;
      const dataDir = opts.dataDir ?? (sandbox ? demoSandboxDir() : defaultDataDir());
      const log = (level: string, message: string) => err(`[${new Date().toISOString()}] ${level}: ${message}\n`);
      const settings = openSettings(dataDir);
      for (const n of settings.notices) log('warn', n.text.en);
      if (sandbox) prepareSandboxSettings(settings);
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
          sandbox,
          log,
          ...(trace ? { latency: (stages: object) => void trace.write(`${JSON.stringify(stages)}\n`) } : {}),
        });
      } catch (error) {
        if (error instanceof DataLockError) throw new CliError(error.message);
        throw error;
      }
      if (sandbox) await prepareSandboxRules(service);
      const root = rendererRoot() ?? placeholderUi();
      let server;
      // Without --listen, a taken default port is no reason to fail: the next free one will do (said below).
      const tries = opts.listen === undefined ? [listen.port, ...Array.from({ length: 10 }, (_, i) => listen.port + 1 + i), 0] : [listen.port];
      for (const [i, port] of tries.entries()) {
        try {
          server = await startServer({
            api: service,
            listen: { ...listen, port },
            ...(opts.token ? { token: opts.token } : {}),
            staticRoot: root,
            download: (jobId) => service.exportFile(jobId),
          });
          break;
        } catch (error) {
          const e = error as NodeJS.ErrnoException;
          if (e.code === 'EADDRINUSE' && i < tries.length - 1) continue;
          await service.close();
          if (e.code === 'EADDRINUSE')
            throw new CliError(`${listen.host}:${port} is already in use: is another "ringfence serve" running? Choose another --listen port.`);
          if (e.code === 'EADDRNOTAVAIL') throw new CliError(`${listen.host} is not an address of this machine.`);
          throw error;
        }
      }
      if (!server) throw new CliError('No port to listen on.');
      const url = opts.token ? `${server.url}/#token=${encodeURIComponent(opts.token)}` : server.url;
      if (server.port !== listen.port) process.stdout.write(`Port ${listen.port} is in use (another program has it), so Ringfence took port ${server.port}.\n`);
      process.stdout.write(`Ringfence is listening on ${server.url}\nOpen ${url} in your browser. Data: ${service.paths.dir}\n`);
      if (sandbox) {
        process.stdout.write(
          `This is the demo's sandbox: its made-up calls stay in ${service.paths.dir}, never in your real history (${defaultDataDir()}). ` +
            'Ring the demo line from the Overview page.\n',
        );
      }
      if (opts.open) openBrowser(url, (m) => log('warn', m));
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
