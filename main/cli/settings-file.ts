// The CLI opens a data folder's settings through here, so a settings file that had to be reset (kept aside,
// defaults in use) is said on stderr by whichever command found it, never silently adopted.
import { openSettings, type SettingsStore } from '../settings/index.ts';
import { err } from './terminal.ts';

export function cliSettings(dataDir: string): SettingsStore {
  const settings = openSettings(dataDir);
  for (const n of settings.notices) err(`ringfence: ${n.text.en}\n`);
  return settings;
}
