// Is this line protected? ONE answer for the window's sidebar, its page title and the tray, so they never
// disagree: computed from what the service last said (lines, shield, pause) and whether we can still hear
// it. Colours as the README promises: green protected, blue shield on, amber paused, red a problem.
import type { LineStatus, ShieldState, Text } from './domain.ts';

export type Protection = 'starting' | 'disconnected' | 'no-line' | 'demo' | 'problem' | 'connecting' | 'paused' | 'shield' | 'protected';

export type ProtectionColour = 'grey' | 'red' | 'amber' | 'blue' | 'green' | 'purple';

export const protectionColour: Record<Protection, ProtectionColour> = {
  starting: 'grey',
  connecting: 'grey',
  disconnected: 'red',
  'no-line': 'red',
  demo: 'purple',
  problem: 'red',
  paused: 'amber',
  shield: 'blue',
  protected: 'green',
};

/** What the protection is computed from: the service's status (null until it first answered). */
export type ProtectionInput = {
  lines: readonly LineStatus[];
  shield: ShieldState | null;
  pausedUntil: string | null;
  /** The service runs on the demo's sandbox folder (Status.sandbox). */
  sandbox?: boolean | undefined;
};

export function lineTrouble(line: LineStatus): boolean {
  return line.state === 'error' || line.state === 'disconnected' || line.problem !== null;
}

/**
 * Most urgent first. Not hearing the service means we cannot vouch for anything (the last status may be
 * stale: never keep saying "Shield on" to a window whose service is gone); no line or a line in trouble
 * means calls may not be screened at all; only made-up calls (the demo's sandbox, or the demo line as the
 * only line) means nothing real is screened, whatever the demo's own line or shield does — so it reads
 * "Demo" in the simulated badge's purple, never the green of "protected"; paused means they are knowingly
 * not screened; the shield means a flood is being held off; otherwise all is well.
 */
export function protectionOf(status: ProtectionInput | null, options: { connected: boolean; now: Date }): Protection {
  if (!options.connected) return status ? 'disconnected' : 'starting';
  if (!status) return 'starting';
  if (status.lines.length === 0) return 'no-line';
  if (status.sandbox || status.lines.every((l) => l.simulated)) return 'demo';
  if (status.lines.some(lineTrouble)) return 'problem';
  if (!status.lines.some((l) => l.state === 'ready' || l.state === 'degraded')) return 'connecting';
  if (status.pausedUntil !== null && Date.parse(status.pausedUntil) > options.now.getTime()) return 'paused';
  if (status.shield?.active) return 'shield';
  return 'protected';
}

/** The state in two or three words: the sidebar's badge and the page title. */
export const protectionLabel: Record<Protection, Text> = {
  starting: { en: 'Starting…', zh: '正在启动…' },
  connecting: { en: 'Connecting to the modem…', zh: '正在连接调制解调器…' },
  disconnected: { en: 'Not connected', zh: '连接已断开' },
  'no-line': { en: 'No line connected', zh: '未连接线路' },
  demo: { en: 'Demo: made-up calls', zh: '演示：虚构来电' },
  problem: { en: 'Line problem', zh: '线路故障' },
  paused: { en: 'Screening paused', zh: '拦截已暂停' },
  shield: { en: 'Shield on', zh: '护盾已开启' },
  protected: { en: 'Protected', zh: '防护中' },
};
