// Where Ringfence keeps its files. Desktop: Electron's userData. Headless: --data-dir, else the platform's
// data directory (XDG on Linux, Application Support on macOS, %APPDATA% on Windows).
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export type DataPaths = {
  dir: string;
  /** History, rules, shield state and incidents: one SQLite file. */
  database: string;
  settings: string;
  exports: string;
  logs: string;
};

export function defaultDataDir(): string {
  const home = homedir();
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Ringfence');
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Ringfence');
  return join(process.env.XDG_DATA_HOME || join(home, '.local', 'share'), 'ringfence');
}

export function dataPaths(dir: string = defaultDataDir(), options: { create?: boolean } = {}): DataPaths {
  const root = resolve(dir);
  const paths = {
    dir: root,
    database: join(root, 'ringfence.db'),
    settings: join(root, 'settings.json'),
    exports: join(root, 'exports'),
    logs: join(root, 'logs'),
  };
  if (options.create ?? true) for (const d of [paths.dir, paths.exports, paths.logs]) mkdirSync(d, { recursive: true });
  return paths;
}
