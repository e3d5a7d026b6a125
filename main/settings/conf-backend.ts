// Headless settings file, kept by `conf` (the library electron-store is built on): atomic writes, one
// JSON file in the data directory.
import Conf from 'conf';
import type { Settings } from '../../shared/settings.ts';
import type { SettingsBackend } from './store.ts';

export function confBackend(dataDir: string): SettingsBackend {
  // No schema or defaults in conf itself: validation and recovery are SettingsStore's job, with zod.
  let conf: Conf<Record<string, unknown>> | null = null;
  const open = () =>
    (conf ??= new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'settings', projectName: 'ringfence', clearInvalidConfig: false }));
  return {
    path: `${dataDir}/settings.json`,
    read: () => open().store,
    write: (value: Settings) => {
      open().store = value as unknown as Record<string, unknown>;
    },
  };
}
