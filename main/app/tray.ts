// The tray: what it shows (a state and a tooltip) and what its menu offers, as pure functions of what the
// service last told us; and what each menu entry does, as calls on the API. tray-icon.ts draws it.
import type { ApiEvent, Status } from '../../shared/api.ts';
import type { LineStatus, ShieldState, Text } from '../../shared/domain.ts';
import { lineTrouble, protectionOf, type Protection } from '../../shared/protection.ts';
import type { ApiHost } from '../service/index.ts';
import { say, type Language } from './language.ts';
import { trayTexts } from './texts.ts';

export type TrayModel = {
  /** False until the first getStatus answer: then we know nothing yet. */
  loaded: boolean;
  lines: LineStatus[];
  shield: ShieldState | null;
  pausedUntil: string | null;
  demo: boolean;
  /** The app runs the demo in its sandbox folder (Status.sandbox). */
  sandbox: boolean;
};

export const emptyTrayModel: TrayModel = { loaded: false, lines: [], shield: null, pausedUntil: null, demo: false, sandbox: false };

export function trayModelFromStatus(status: Status): TrayModel {
  return { loaded: true, lines: status.lines, shield: status.shield, pausedUntil: status.pausedUntil, demo: status.demo, sandbox: status.sandbox ?? false };
}

/** Keeps the model current between status refreshes from the events that change what the tray shows. */
export function applyTrayEvent(model: TrayModel, event: ApiEvent): TrayModel {
  switch (event.type) {
    case 'line-status': {
      const others = model.lines.filter((l) => l.id !== event.line.id);
      const known = others.length !== model.lines.length;
      const lines = known ? model.lines.map((l) => (l.id === event.line.id ? event.line : l)) : [...model.lines, event.line];
      return { ...model, lines };
    }
    case 'line-removed':
      return { ...model, lines: model.lines.filter((l) => l.id !== event.lineId) };
    case 'shield-changed':
      return { ...model, shield: event.shield };
    default:
      return model;
  }
}

/** The tray shows the window's status model (shared/protection.ts): the same states, the same colours. */
export type TrayState = Protection;

/** The service runs in this process: the tray always hears it, once it has answered. */
export function trayState(model: TrayModel, now: Date): TrayState {
  return protectionOf(model.loaded ? { lines: model.lines, shield: model.shield, pausedUntil: model.pausedUntil, sandbox: model.sandbox } : null, {
    connected: true,
    now,
  });
}

function clock(iso: string, language: Language): string {
  return new Date(iso).toLocaleTimeString(language === 'zh' ? 'zh-CN' : 'en-GB', { hour: '2-digit', minute: '2-digit' });
}

/** One sentence for the tray tooltip (and the disabled first menu line). */
export function trayTooltip(model: TrayModel, language: Language, now: Date): string {
  const state = trayState(model, now);
  const text: Text = (() => {
    switch (state) {
      case 'starting':
        return trayTexts.starting();
      case 'disconnected':
        return trayTexts.disconnected();
      case 'connecting':
        return trayTexts.connecting();
      case 'no-line':
        return trayTexts.noModem();
      case 'demo':
        return trayTexts.demo();
      case 'problem': {
        const line = model.lines.find(lineTrouble);
        if (!line) return trayTexts.noModem();
        return line.problem?.text ?? trayTexts.lineState(line.label || line.path, line.state);
      }
      case 'paused':
        return trayTexts.pausedUntil(clock(model.pausedUntil as string, language));
      case 'shield':
        return model.shield?.text ?? trayTexts.shieldOn();
      case 'protected':
        return trayTexts.protected();
    }
  })();
  return `Ringfence — ${say(text, language)}`;
}

export type TrayAction = 'open' | 'shield-on' | 'shield-off' | 'pause-15' | 'pause-60' | 'resume' | 'leave-demo' | 'quit';

export type TrayItem =
  | { type: 'label'; label: string }
  | { type: 'separator' }
  | { type: 'action'; action: TrayAction; label: string; enabled: boolean }
  | { type: 'checkbox'; action: TrayAction; label: string; checked: boolean; enabled: boolean };

const labels: Record<TrayAction | 'shield', Text> = trayTexts.menu;

/** The tray menu for this moment. Service actions are disabled until the service has answered once. */
export function trayMenu(model: TrayModel, language: Language, now: Date): TrayItem[] {
  const ready = model.loaded;
  const shieldOn = model.shield?.active ?? false;
  const paused = trayState(model, now) === 'paused';
  const l = (key: keyof typeof labels) => say(labels[key], language);
  return [
    { type: 'label', label: trayTooltip(model, language, now) },
    { type: 'separator' },
    { type: 'action', action: 'open', label: l('open'), enabled: true },
    { type: 'checkbox', action: shieldOn ? 'shield-off' : 'shield-on', label: l('shield'), checked: shieldOn, enabled: ready },
    ...(paused
      ? [{ type: 'action' as const, action: 'resume' as const, label: l('resume'), enabled: ready }]
      : [
          { type: 'action' as const, action: 'pause-15' as const, label: l('pause-15'), enabled: ready },
          { type: 'action' as const, action: 'pause-60' as const, label: l('pause-60'), enabled: ready },
        ]),
    // In the sandbox the way back to the real history is one click away, as in the window's banner.
    ...(model.sandbox ? [{ type: 'action' as const, action: 'leave-demo' as const, label: l('leave-demo'), enabled: ready }] : []),
    { type: 'separator' },
    { type: 'action', action: 'quit', label: l('quit'), enabled: true },
  ];
}

export type TrayEffects = { host: ApiHost; showWindow: () => void; quit: () => void };

/** Carries out one menu choice; service calls go through the same validated API as the window's. */
export async function runTrayAction(action: TrayAction, effects: TrayEffects): Promise<void> {
  switch (action) {
    case 'open':
      return effects.showWindow();
    case 'quit':
      return effects.quit();
    case 'shield-on':
    case 'shield-off':
      await effects.host.call('setShield', { on: action === 'shield-on' });
      return;
    case 'pause-15':
    case 'pause-60':
      await effects.host.call('pauseScreening', { minutes: action === 'pause-15' ? 15 : 60 });
      return;
    case 'resume':
      await effects.host.call('pauseScreening', { minutes: null });
      return;
    case 'leave-demo':
      await effects.host.call('setDemo', { on: false });
      return;
  }
}
