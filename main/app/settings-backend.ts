// The desktop settings file, kept by electron-store in the data directory: the same file name and the same
// zod schema (SettingsStore) as headless mode's conf backend, so `ringfence settings` on the CLI and the
// app read and write one file.
import ElectronStore from 'electron-store';
import { join } from 'node:path';
import type { Settings } from '../../shared/settings.ts';
import type { SettingsBackend } from '../settings/index.ts';

// electron-store answers this synchronous IPC message from any page so that renderers can locate the file.
// Our page never needs it, and an IPC listener that checks no sender breaks checklist item 17, so it goes.
const ELECTRON_STORE_CHANNEL = 'electron-store-get-data';

export function electronStoreBackend(dataDir: string, ipcMain: { removeAllListeners(channel: string): unknown }): SettingsBackend {
  // Opened on first use, not here: SettingsStore reads the raw file first and moves a corrupt one aside
  // before anything parses it, and electron-store (like conf) throws on a file it cannot parse.
  let store: ElectronStore<Record<string, unknown>> | null = null;
  const open = () => {
    if (store) return store;
    // No schema or defaults here: validation and recovery are SettingsStore's job, with zod.
    store = new ElectronStore<Record<string, unknown>>({ cwd: dataDir, name: 'settings', clearInvalidConfig: false, watch: false });
    ipcMain.removeAllListeners(ELECTRON_STORE_CHANNEL);
    return store;
  };
  return {
    path: join(dataDir, 'settings.json'),
    read: () => open().store,
    write: (value: Settings) => {
      open().store = value as unknown as Record<string, unknown>;
    },
  };
}
