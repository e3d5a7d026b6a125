// The demo's sandbox: `ringfence serve --demo` (and so `npm start` without Electron) keeps its made-up calls
// in a data folder of its own unless --data-dir says otherwise, so demo calls never enter the user's real
// history. Inside it the demo's family ("Mum", "Dad", "Clinic") is trusted and its sales line blocked, as a
// user would have set up, so the shield lets the family through; its shield ends after 2 quiet minutes
// instead of 60, so a newcomer sees a flood start and end within one ten-minute demo cycle.
import { join } from 'node:path';
import type { ApiHost } from '../service/index.ts';
import { demoBlockedCallers, demoTrustedCallers } from '../sim/index.ts';
import type { SettingsStore } from '../settings/index.ts';
import { defaultDataDir } from '../store/index.ts';

/** Beside the real data, inside the same folder, so removing Ringfence's data removes the sandbox too. */
export function demoSandboxDir(realDataDir: string = defaultDataDir()): string {
  return join(realDataDir, 'demo-sandbox');
}

/** Settings a fresh sandbox starts with: the demo's numbers are Chinese, its floods short. */
export function prepareSandboxSettings(settings: SettingsStore): void {
  const s = settings.get();
  if (s.firstRunDone) return;
  settings.update({ homeCountry: 'CN', firstRunDone: true, screening: { shield: { quietMinutes: 2 } } });
}

/** The sandbox's lists: family trusted, the sales line blocked. Adds only what is missing (a restart adds nothing). */
export async function prepareSandboxRules(api: ApiHost): Promise<void> {
  const want = [
    ...demoTrustedCallers.map((c) => ({ list: 'trusted' as const, ...c })),
    ...demoBlockedCallers.map((c) => ({ list: 'blocked' as const, ...c })),
  ];
  for (const { list, number, name } of want) {
    const { rules } = await api.call('listRules', { list, search: number.slice(-8) });
    if (rules.some((r) => r.value.endsWith(number.replace(/^0/, '')))) continue;
    await api.call('addRule', { list, value: number, kind: 'number', label: name });
  }
}
