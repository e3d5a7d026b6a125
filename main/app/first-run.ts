// First run and the "no modem" case. The renderer owns the welcome screen; the main process decides whether
// the window opens at start and adds to the status the notice that explains, for this platform, what to
// plug in, how to get permission to the port, and that the demo line works without any hardware.
import type { MethodName, MethodOutput, Status } from '../../shared/api.ts';
import type { Text } from '../../shared/domain.ts';
import type { ApiHost } from '../service/index.ts';
import { firstRunTexts } from './texts.ts';

/** The window opens unless we were started at login; on first run it opens regardless, to welcome the user. */
export function showWindowAtStart(input: { firstRunDone: boolean; launchedAtLogin: boolean }): boolean {
  return !input.firstRunDone || !input.launchedAtLogin;
}

export const NO_MODEM = 'no-modem';

export function noModemText(platform: NodeJS.Platform): Text {
  const plug = firstRunTexts.plugIn();
  const permission =
    platform === 'linux' ? firstRunTexts.permissionLinux() : platform === 'win32' ? firstRunTexts.permissionWindows() : firstRunTexts.permissionMac();
  const demo = firstRunTexts.demo();
  return { en: `${plug.en} ${permission.en} ${demo.en}`, zh: `${plug.zh}${permission.zh}${demo.zh}` };
}

/** The desktop notices for this status; none once a line (or the demo line) exists. */
export function desktopNotices(status: Status, platform: NodeJS.Platform): Status['notices'] {
  if (status.lines.length > 0 || status.demo || status.notices.some((n) => n.code === NO_MODEM)) return [];
  return [{ code: NO_MODEM, level: 'warning', text: noModemText(platform) }];
}

/** The service as the window sees it: the same API, with the desktop's notices added to getStatus. */
export function withDesktopNotices(host: ApiHost, platform: NodeJS.Platform): ApiHost {
  return {
    async call<M extends MethodName>(method: M, input: unknown): Promise<MethodOutput<M>> {
      const output = await host.call(method, input);
      if (method !== 'getStatus') return output;
      const status = output as Status;
      return { ...status, notices: [...status.notices, ...desktopNotices(status, platform)] } as MethodOutput<M>;
    },
    onEvent: (listener) => host.onEvent(listener),
  };
}
