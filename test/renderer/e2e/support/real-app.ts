// The real product for the browser tests: `ringfence serve` (from source, as a child process) on a fresh
// data directory, screening a simulated Huawei dongle on a real pty, serving the production renderer build.
// The UI tests against the contract fake say the UI speaks the contract; these say it works with the service.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { CallRecord } from '../../../../shared/domain.ts';
import { startSimulator, type CallResult, type Simulator } from '../../../../main/sim/index.ts';
import { cliEntry, repoRoot } from '../../../support/paths.ts';
import { startServe, type EventStream, type ServeProcess } from '../../../support/serve.ts';
import { waitFor } from '../../../support/wait.ts';
import { builtRenderer } from '../../support/built-renderer.ts';

export type RealApp = {
  /** The page URL, with the access token in its hash as `ringfence serve` prints it. */
  url: string;
  serve: ServeProcess;
  events: EventStream;
  sim: Simulator;
  /** A caller dials the simulated dongle; resolves when the call is over for the caller and recorded by the service. */
  placeCall(number: string, rings: number): Promise<{ result: CallResult; record: CallRecord }>;
  /** The service's API, authorised, failing loudly on an error answer. */
  api<T>(method: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
};

const token = 'e2e-token-0123456789abcdef';
const outRenderer = join(repoRoot, 'out', 'renderer');
const marker = '.ringfence-test-build';

/**
 * `ringfence serve` finds the UI in out/renderer only (main/cli/data-dir-option.ts), so the current
 * sources' production build goes there. The marker names the build, so an unchanged renderer is not
 * copied again; the swap is two renames so a running server never sees a half-copied folder for long.
 */
export async function installRendererBuild(): Promise<void> {
  const built = await builtRenderer();
  const id = basename(built);
  if (existsSync(join(outRenderer, marker)) && readFileSync(join(outRenderer, marker), 'utf8') === id) return;
  const fresh = `${outRenderer}.tmp-${process.pid}`;
  const old = `${outRenderer}.old-${process.pid}`;
  cpSync(built, fresh, { recursive: true });
  writeFileSync(join(fresh, marker), id);
  if (existsSync(outRenderer)) renameSync(outRenderer, old);
  renameSync(fresh, outRenderer);
  rmSync(old, { recursive: true, force: true });
}

function cli(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cliEntry, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ringfence ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
}

export async function startRealApp(options: { settings?: Record<string, string> } = {}): Promise<RealApp> {
  const dir = mkdtempSync(join(tmpdir(), 'rf-e2e-'));
  const dataDir = join(dir, 'data');
  const [sim] = await Promise.all([startSimulator({ link: join(dir, 'modem'), profile: 'huawei-e173', timeScale: 15 }), installRendererBuild()]);
  for (const [key, value] of Object.entries({ homeCountry: 'CN', ...options.settings })) cli(dataDir, 'settings', 'set', key, value);
  let serve: ServeProcess | undefined;
  let events: EventStream | undefined;
  try {
    serve = await startServe(['--data-dir', dataDir, '--modem', sim.link, '--token', token], { token });
    events = serve.events();
    await events.ready;
    const api = async <T>(method: string, input: unknown = {}): Promise<T> => {
      const r = await serve!.call<T>(method, input);
      if (r.status !== 200) throw new Error(`${method} answered ${r.status}: ${JSON.stringify(r.body)}`);
      return r.body;
    };
    await waitFor(
      async () => (await api<{ lines: { state: string }[] }>('getStatus')).lines.every((l) => l.state === 'ready'),
      'the simulated line to be ready',
    );
    const stream = events;
    const seen = new Set<number>();
    return {
      url: `${serve.url}/#token=${token}`,
      serve,
      events: stream,
      sim,
      api,
      async placeCall(number, rings) {
        const result = await sim.placeCall({ number, presentation: 'allowed', rings });
        // The record is written before the UI hears of it; each call of a number is matched once.
        const ended = await stream.next((e) => e.type === 'call-ended' && e.record.number === number && !seen.has(e.record.id));
        const record = (ended as { record: CallRecord }).record;
        seen.add(record.id);
        return { result, record };
      },
      async close() {
        stream.close();
        await serve!.stop();
        await sim.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    events?.close();
    await serve?.stop();
    await sim.close();
    throw error;
  }
}
