export { SettingsStore, SettingsError, type SettingsBackend, type Notice } from './store.ts';
export { settingPaths, suggestSettings } from './explain.ts';
export { confBackend } from './conf-backend.ts';
export { countryFromLocale } from './locale.ts';

import { confBackend } from './conf-backend.ts';
import { countryFromLocale } from './locale.ts';
import { SettingsStore } from './store.ts';

/** The headless settings for a data directory (the CLI and `ringfence serve`). */
export function openSettings(dataDir: string): SettingsStore {
  return new SettingsStore(confBackend(dataDir), { firstRun: { homeCountry: countryFromLocale() } });
}
