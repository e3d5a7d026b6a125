// Why a port could not be used, as a code and a sentence that says what to do, in English and Chinese.
// serialport reports open failures as message text ("Permission denied, cannot open …", "Cannot lock
// port", "No such file or directory"), so that text is what is matched.
import type { Text } from '../../shared/domain.ts';

export type PortProblemCode = 'permission-denied' | 'port-busy' | 'not-found' | 'not-a-modem' | 'hilink' | 'open-failed';
export type PortProblem = { code: PortProblemCode; text: Text };

export function portProblem(code: PortProblemCode, path: string, detail = '', platform: NodeJS.Platform = process.platform): PortProblem {
  switch (code) {
    case 'permission-denied':
      return platform === 'linux'
        ? {
            code,
            text: {
              en: `No permission to open ${path}. Join the dialout group (sudo usermod -aG dialout $USER, then log out and back in), or install the Ringfence package, whose udev rule gives you access to known modems.`,
              zh: `没有权限打开 ${path}。请加入 dialout 组（sudo usermod -aG dialout $USER，然后注销并重新登录），或安装 Ringfence 软件包，其 udev 规则会授予对已知调制解调器的访问权限。`,
            },
          }
        : { code, text: { en: `No permission to open ${path}. Check that no other program has it open and that your user may use it.`, zh: `没有权限打开 ${path}。请确认没有其他程序占用它，并且当前用户有权使用。` } };
    case 'port-busy':
      return {
        code,
        text:
          platform === 'linux'
            ? {
                en: `${path} is in use by another program, usually ModemManager. Make it leave the modem alone: install the Ringfence package (its udev rule sets ID_MM_DEVICE_IGNORE for known modems), or run "sudo systemctl stop ModemManager".`,
                zh: `${path} 正被其他程序占用，通常是 ModemManager。请让它放开调制解调器：安装 Ringfence 软件包（其 udev 规则会为已知调制解调器设置 ID_MM_DEVICE_IGNORE），或运行 "sudo systemctl stop ModemManager"。`,
              }
            : { en: `${path} is in use by another program (the dongle's own dialer software, for example). Close it and try again.`, zh: `${path} 正被其他程序占用（例如上网卡自带的拨号软件）。请关闭它后重试。` },
      };
    case 'not-found':
      return {
        code,
        text: { en: `${path} does not exist: the modem is unplugged or has another name now. Run "ringfence ports" to list the ports.`, zh: `${path} 不存在：调制解调器已拔出或名称已改变。运行 "ringfence ports" 查看端口列表。` },
      };
    case 'not-a-modem':
      return {
        code,
        text: {
          en: `${path} does not answer AT commands: it is not a modem's command port (dongles have several ports; only one takes commands). Try the others listed by "ringfence ports".`,
          zh: `${path} 不响应 AT 命令：它不是调制解调器的命令端口（上网卡有多个端口，只有一个接受命令）。请尝试 "ringfence ports" 列出的其他端口。`,
        },
      };
    case 'hilink':
      return {
        code,
        text: {
          en: 'A Huawei stick in HiLink mode was found: it acts as a network card and has no AT port, so it cannot screen calls. Switch it to modem ("stick") mode with usb_modeswitch, or use a dongle with serial ports.',
          zh: '发现处于 HiLink 模式的华为上网卡：它作为网卡工作，没有 AT 端口，无法筛选来电。请用 usb_modeswitch 切换到调制解调器（stick）模式，或改用带串口的上网卡。',
        },
      };
    case 'open-failed':
      return { code, text: { en: `Could not open ${path}: ${detail}`, zh: `无法打开 ${path}：${detail}` } };
  }
}

/** Classifies a serialport open error. */
export function openErrorProblem(error: unknown, path: string, platform: NodeJS.Platform = process.platform): PortProblem {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (/cannot lock port|resource temporarily unavailable|EBUSY|device or resource busy/i.test(message) || code === 'EBUSY') return portProblem('port-busy', path, message, platform);
  if (/access denied/i.test(message) && platform === 'win32') return portProblem('port-busy', path, message, platform);
  if (/permission denied|EACCES|EPERM/i.test(message) || code === 'EACCES') return portProblem('permission-denied', path, message, platform);
  if (/no such file|ENOENT|file not found|cannot find the file/i.test(message) || code === 'ENOENT') return portProblem('not-found', path, message, platform);
  return portProblem('open-failed', path, message, platform);
}
