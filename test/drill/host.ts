// The drill's host process: exactly what `ringfence serve` does (openSettings, startService, startServer on
// 127.0.0.1) plus two things a simulated week needs, driven over the IPC channel of its parent:
//   - a clock the drill controls: now() = simulatedBase + real time elapsed since the last jump, so a week of
//     quiet stretches passes in minutes while every ring, decision and hang-up still happens in real time;
//   - a switch that makes the history store refuse writes (PRAGMA query_only), the drill's "disk failing".
// Run as `node test/drill/host.ts '<json HostConfig>'`; it sends {type:'ready', url} once it listens.
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../main/server/index.ts';
import { startService } from '../../main/service/index.ts';
import { openSettings } from '../../main/settings/index.ts';
import type { HostConfig, HostReply, HostRequest } from './host-protocol.ts';

const config = JSON.parse(process.argv[2] ?? '{}') as HostConfig;
const send = (message: HostReply) => process.send?.(message);
const log = (level: string, message: string) => process.stderr.write(`[${new Date().toISOString()}] ${level}: ${message}\n`);

// The drill's time went on while this process started: continue from where its clock stands now.
let base = config.clockStart + Math.max(0, Date.now() - config.clockStartWall);
let jumpedAt = performance.now();
const nowMs = () => base + (performance.now() - jumpedAt);

let db: DatabaseSync | null = null;
let store: { setWritable(writable: boolean): Promise<void> } | null = null;

process.on('message', (raw) => {
  const m = raw as HostRequest;
  if (m.type === 'clock') {
    // Never backwards: a call that overran its slot keeps the time it really took.
    base = Math.max(nowMs(), m.to);
    jumpedAt = performance.now();
    send({ type: 'clock', id: m.id, now: base });
  } else if (m.type === 'store') {
    // Both connections: this thread's and the record writer's.
    void (store?.setWritable(m.writable) ?? Promise.resolve(db?.exec(`PRAGMA query_only = ${m.writable ? 0 : 1}`))).then(() => {
      log('warn', `drill: the history store ${m.writable ? 'accepts writes again' : 'now refuses writes'}`);
      send({ type: 'store', id: m.id, writable: m.writable });
    });
  }
});

const settings = openSettings(config.dataDir);
const service = await startService({
  dataDir: config.dataDir,
  settings,
  host: 'headless',
  modems: config.modems,
  log,
  now: () => new Date(nowMs()),
  ...(config.lineTiming ? { lineTiming: config.lineTiming } : {}),
  onDatabase: (d, s) => {
    db = d;
    store = s;
  },
});
const ui = mkdtempSync(join(tmpdir(), 'rf-drill-ui-'));
writeFileSync(join(ui, 'index.html'), '<!doctype html><title>Ringfence drill</title>');
const server = await startServer({ api: service, listen: { host: '127.0.0.1', port: 0 }, staticRoot: ui, download: (jobId) => service.exportFile(jobId) });
send({ type: 'ready', url: server.url });

const stop = async () => {
  await server.close();
  await service.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('disconnect', () => void stop());
