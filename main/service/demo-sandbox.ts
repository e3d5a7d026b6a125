// The demo's sandbox: the demo line plays in a data folder of its own, so its made-up calls never enter the
// user's real history (issue 15, "simulated never mixes with real"). `ringfence serve --demo` (and so
// `npm start` without Electron) and the desktop app's "Try without a modem" both use it: the same folder,
// the same preparation. Inside it the demo's family ("Mum", "Dad", "Clinic") is trusted and its sales line
// blocked, as a user would have set up, so the shield lets the family through; its shield ends after 2
// quiet minutes instead of 60, so a newcomer sees a flood start and end within one ten-minute demo cycle.
import { join } from 'node:path';
import type { SettingsStore } from '../settings/index.ts';
import { demoBlockedCallers, demoTrustedCallers } from '../sim/index.ts';
import { defaultDataDir } from '../store/index.ts';
import type { ApiHost } from './api-host.ts';

/** Beside the real data, inside the same folder, so removing Ringfence's data removes the sandbox too. */
export function demoSandboxDir(realDataDir: string = defaultDataDir()): string {
  return join(realDataDir, 'demo-sandbox');
}

/**
 * Settings a fresh sandbox starts with: the demo's numbers are Chinese, its floods short. `from` (the
 * desktop app's real settings, read only) lends the sandbox the user's language and theme, so the demo
 * speaks as the app does. A modem plugged in while the demo plays is never picked up here: its real calls
 * belong in the real history, not among made-up ones (the user leaves the demo to screen it).
 */
export function prepareSandboxSettings(settings: SettingsStore, from?: Pick<SettingsStore, 'get'>): void {
  const s = settings.get();
  if (!s.firstRunDone) settings.update({ homeCountry: 'CN', firstRunDone: true, screening: { shield: { quietMinutes: 2 } } });
  if (s.autoDetectModems) settings.update({ autoDetectModems: false });
  if (from) {
    const { language, theme } = from.get();
    const now = settings.get();
    if (now.language !== language || now.theme !== theme) settings.update({ language, theme });
  }
}

/** The sandbox's lists: family trusted, the sales line blocked. Adds only what is missing (a restart adds nothing). */
export async function prepareSandboxRules(api: ApiHost): Promise<void> {
  const want = [...demoTrustedCallers.map((c) => ({ list: 'trusted' as const, ...c })), ...demoBlockedCallers.map((c) => ({ list: 'blocked' as const, ...c }))];
  for (const { list, number, name } of want) {
    const { rules } = await api.call('listRules', { list, search: number.slice(-8) });
    if (rules.some((r) => r.value.endsWith(number.replace(/^0/, '')))) continue;
    await api.call('addRule', { list, value: number, kind: 'number', label: name });
  }
}
