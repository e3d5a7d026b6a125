// The tray icon itself: applies the pure model of tray.ts to Electron's Tray and Menu, and redraws when the
// service reports a change or a pause runs out.
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { ApiEvent } from '../../shared/api.ts';
import type { ApiHost } from '../service/index.ts';
import type { Language } from './language.ts';
import { applyTrayEvent, emptyTrayModel, runTrayAction, trayMenu, trayModelFromStatus, trayState, trayTooltip, type TrayItem, type TrayModel } from './tray.ts';
import { markPng } from './tray-icon.ts';

type Log = (level: 'info' | 'warn' | 'error', message: string) => void;

export type TrayDeps = {
  host: ApiHost;
  language: () => Language;
  showWindow: () => void;
  quit: () => void;
  log: Log;
  now?: () => Date;
};

/** Our menu items as Electron's template; `onAction` runs the item's action. */
export function menuTemplate(items: TrayItem[], onAction: (item: Extract<TrayItem, { action: unknown }>) => void): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.type) {
      case 'separator':
        return { type: 'separator' };
      case 'label':
        return { label: item.label, enabled: false };
      case 'action':
        return { label: item.label, enabled: item.enabled, click: () => onAction(item) };
      case 'checkbox':
        return { type: 'checkbox', label: item.label, checked: item.checked, enabled: item.enabled, click: () => onAction(item) };
    }
  });
}

export type TrayController = { onEvent(event: ApiEvent): void; refresh(): Promise<void>; destroy(): void };

export function startTray(deps: TrayDeps): TrayController {
  const now = deps.now ?? (() => new Date());
  let model: TrayModel = emptyTrayModel;
  const tray = new Tray(nativeImage.createFromBuffer(markPng(32, 'starting'), { scaleFactor: 2 }));

  const redraw = () => {
    const at = now();
    const language = deps.language();
    tray.setImage(nativeImage.createFromBuffer(markPng(32, trayState(model, at)), { scaleFactor: 2 }));
    tray.setToolTip(trayTooltip(model, language, at));
    const template = menuTemplate(trayMenu(model, language, at), (item) => {
      runTrayAction(item.action, { host: deps.host, showWindow: deps.showWindow, quit: deps.quit })
        .then(() => refresh())
        .catch((e: unknown) => deps.log('warn', `Tray action ${item.action} failed: ${(e as Error).message}`));
    });
    tray.setContextMenu(Menu.buildFromTemplate(template));
  };

  const refresh = async () => {
    try {
      model = trayModelFromStatus(await deps.host.call('getStatus', {}));
    } catch (e) {
      deps.log('warn', `The tray could not read the status: ${(e as Error).message}`);
    }
    redraw();
  };

  // Clicking the icon opens the window (Windows and most Linux panels; macOS opens the menu instead).
  tray.on('click', () => deps.showWindow());
  // A pause ends without an event, and status is cheap: a slow re-read keeps the tray from going stale.
  const timer = setInterval(() => void refresh(), 30_000);
  timer.unref?.();
  redraw();
  void refresh();

  return {
    onEvent(event) {
      // Another service is behind the window (into or out of the demo's sandbox): read it afresh.
      if (event.type === 'service-changed') {
        void refresh();
        return;
      }
      const next = applyTrayEvent(model, event);
      if (next === model) return;
      model = next;
      redraw();
    },
    refresh,
    destroy() {
      clearInterval(timer);
      tray.destroy();
    },
  };
}
