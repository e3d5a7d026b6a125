// First run and the "no modem" case. The renderer owns the welcome screen; the main process decides whether
// the window opens at start and adds to the status the notice that explains, for this platform, what to
// plug in, how to get permission to the port, and that the demo line works without any hardware.
import type { MethodName, MethodOutput, Status } from '../../shared/api.ts';
import type { Text } from '../../shared/domain.ts';
import type { ApiHost } from '../service/index.ts';

/** The window opens unless we were started at login; on first run it opens regardless, to welcome the user. */
export function showWindowAtStart(input: { firstRunDone: boolean; launchedAtLogin: boolean }): boolean {
  return !input.firstRunDone || !input.launchedAtLogin;
}

export const NO_MODEM = 'no-modem';

export function noModemText(platform: NodeJS.Platform): Text {
  const plug = {
    en: 'No modem is connected, so calls are not being screened. Plug in a USB GSM dongle with a SIM card (Huawei, ZTE, SIMCom, Quectel) or a USB voice modem on your landline (USRobotics, Conexant, Zoom).',
    zh: '未连接调制解调器，来电目前不会被筛选。请插入装有 SIM 卡的 USB GSM 上网卡（华为、中兴、SIMCom、移远），或接在固定电话线上的 USB 语音调制解调器（USRobotics、Conexant、Zoom）。',
  };
  const permission: Text =
    platform === 'linux'
      ? {
          en: 'If it is plugged in but not found: the .deb package installs a rule that gives you access to known modems and keeps ModemManager away from them; otherwise run "sudo usermod -aG dialout $USER" and log in again.',
          zh: '如果已插入却找不到：.deb 安装包会安装一条规则，让您可以访问常见的调制解调器并让 ModemManager 不去占用；否则请运行 "sudo usermod -aG dialout $USER" 后重新登录。',
        }
      : platform === 'win32'
        ? {
            en: 'If it is plugged in but not found: install the modem maker\'s driver so it appears as a COM port in Device Manager, and close the maker\'s own dial-up software.',
            zh: '如果已插入却找不到：请安装厂商驱动，使其在设备管理器中显示为 COM 端口，并关闭厂商自带的拨号软件。',
          }
        : {
            en: 'If it is plugged in but not found: some dongles need the maker\'s driver before they appear as /dev/cu.* ports.',
            zh: '如果已插入却找不到：部分上网卡需先安装厂商驱动，才会显示为 /dev/cu.* 端口。',
          };
  const demo = {
    en: 'To look around first, turn on the demo line: it simulates calls, including a call-bombing flood.',
    zh: '想先体验一下，可以开启演示线路：它会模拟来电，包括"呼死你"式的轰炸。',
  };
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
