// What the modem link says to a person, in English and Chinese: why a line or a port cannot be used and
// what to do, how a port is described in the port list, and the decision a call gets when screening fails.
import type { Text } from '../../shared/domain.ts';

export type PortProblemCode = 'permission-denied' | 'port-busy' | 'not-found' | 'not-a-modem' | 'hilink' | 'open-failed';

/** What a line's problem means and what to do about it (the line status's sentence). */
export const lineProblems = {
  'no-sim': { en: 'No SIM card: insert a SIM card into the dongle, then unplug it and plug it in again.', zh: '未插入 SIM 卡：请将 SIM 卡插入上网卡，然后拔下再重新插入。' },
  'sim-pin': { en: 'SIM needs PIN: remove the PIN lock with a phone, or enter the PIN once in the dongle’s own software.', zh: 'SIM 卡需要 PIN 码：请用手机取消 PIN 锁，或在上网卡自带软件中输入一次 PIN 码。' },
  'sim-puk': { en: 'SIM is blocked and needs its PUK code: unblock it in a phone first.', zh: 'SIM 卡已锁定，需要 PUK 码：请先在手机中解锁。' },
  'voice-disabled': { en: 'This firmware has voice disabled: the dongle cannot see calls until voice is enabled (AT^CVOICE) or other firmware is installed.', zh: '此固件已禁用语音功能：在启用语音（AT^CVOICE）或更换固件之前，上网卡无法看到来电。' },
  'no-caller-id': { en: 'Modem does not report caller ID: check AT+VCID (or AT#CID) support and that caller ID is part of your phone service.', zh: '调制解调器不报告来电显示：请检查是否支持 AT+VCID（或 AT#CID），以及电话业务是否包含来电显示。' },
  'caller-id-off': { en: 'The modem refused to turn caller ID on (AT+CLIP=1): calls will be seen without numbers.', zh: '调制解调器拒绝开启来电显示（AT+CLIP=1）：来电将没有号码。' },
  'not-responding': { en: 'The modem stopped answering: restarting it. If this keeps happening, unplug it and plug it in again.', zh: '调制解调器停止响应，正在重新初始化。如果反复出现，请拔下后重新插入。' },
  'init-refused': { en: 'The modem refused a set-up command, so calls cannot be screened on it. Check that this port is the modem’s command port (ringfence ports --probe).', zh: '调制解调器拒绝了设置命令，无法在此端口筛选来电。请确认该端口是调制解调器的命令端口（ringfence ports --probe）。' },
  disconnected: { en: 'The modem is unplugged or its port went away: waiting for it to come back.', zh: '调制解调器已拔出或端口消失：正在等待它重新连接。' },
  'no-network': { en: 'No mobile network: check the antenna, the signal, and that the SIM card is active.', zh: '没有移动网络：请检查天线、信号以及 SIM 卡是否有效。' },
} satisfies Record<string, Text>;

/** Why a port could not be used, and what to do (port-problems.ts classifies; this says it). */
export function portProblemText(code: PortProblemCode, path: string, detail: string, platform: NodeJS.Platform): Text {
  switch (code) {
    case 'permission-denied':
      return platform === 'linux'
        ? {
            en: `No permission to open ${path}. Join the dialout group (sudo usermod -aG dialout $USER, then log out and back in), or install the Ringfence package, whose udev rule gives you access to known modems.`,
            zh: `没有权限打开 ${path}。请加入 dialout 组（sudo usermod -aG dialout $USER，然后注销并重新登录），或安装 Ringfence 软件包，其 udev 规则会授予对已知调制解调器的访问权限。`,
          }
        : { en: `No permission to open ${path}. Check that no other program has it open and that your user may use it.`, zh: `没有权限打开 ${path}。请确认没有其他程序占用它，并且当前用户有权使用。` };
    case 'port-busy':
      return platform === 'linux'
            ? {
                en: `${path} is in use by another program, usually ModemManager. Make it leave the modem alone: install the Ringfence package (its udev rule sets ID_MM_DEVICE_IGNORE for known modems), or run "sudo systemctl stop ModemManager".`,
                zh: `${path} 正被其他程序占用，通常是 ModemManager。请让它放开调制解调器：安装 Ringfence 软件包（其 udev 规则会为已知调制解调器设置 ID_MM_DEVICE_IGNORE），或运行 "sudo systemctl stop ModemManager"。`,
              }
            : { en: `${path} is in use by another program (the dongle's own dialer software, for example). Close it and try again.`, zh: `${path} 正被其他程序占用（例如上网卡自带的拨号软件）。请关闭它后重试。` };
    case 'not-found':
      return { en: `${path} does not exist: the modem is unplugged or has another name now. Run "ringfence ports" to list the ports.`, zh: `${path} 不存在：调制解调器已拔出或名称已改变。运行 "ringfence ports" 查看端口列表。` };
    case 'not-a-modem':
      return {
          en: `${path} does not answer AT commands: it is not a modem's command port (dongles have several ports; only one takes commands). Try the others listed by "ringfence ports".`,
          zh: `${path} 不响应 AT 命令：它不是调制解调器的命令端口（上网卡有多个端口，只有一个接受命令）。请尝试 "ringfence ports" 列出的其他端口。`,
      };
    case 'hilink':
      return {
          en: 'A Huawei stick in HiLink mode was found: it acts as a network card and has no AT port, so it cannot screen calls. Switch it to modem ("stick") mode with usb_modeswitch, or use a dongle with serial ports.',
          zh: '发现处于 HiLink 模式的华为上网卡：它作为网卡工作，没有 AT 端口，无法筛选来电。请用 usb_modeswitch 切换到调制解调器（stick）模式，或改用带串口的上网卡。',
      };
    case 'open-failed':
      return { en: `Could not open ${path}: ${detail}`, zh: `无法打开 ${path}：${detail}` };
  }
}

/** How the port list describes a port. */
export const portTexts = {
  unknownPort: (manufacturer: string | null, usb: boolean): Text =>
    manufacturer ? { en: `Serial port (${manufacturer})`, zh: `串口（${manufacturer}）` } : usb ? { en: 'USB serial port', zh: 'USB 串口' } : { en: 'Serial port', zh: '串口' },
  commandInterface: (gsm: boolean): Text => ({ en: gsm ? ', command (AT/PCUI) interface' : ', command interface', zh: '，命令（AT/PCUI）接口' }),
  maybeCommands: (iface: number): Text => ({ en: `, interface ${iface} (may take AT commands)`, zh: `，接口 ${iface}（可能接受 AT 命令）` }),
  notForCommands: (iface: number): Text => ({ en: `, interface ${iface} (data, diagnostics or GPS; not for commands)`, zh: `，接口 ${iface}（数据、诊断或 GPS 接口，不接受命令）` }),
};

/** The decision a call gets when screening itself failed: it rings through, as a phone without us would. */
export const screeningFailedText = (): Text => ({ en: 'Screening failed; the call rings through.', zh: '筛选失败，来电正常响铃。' });

/** The vendors' names in Chinese, by USB vendor id (the English names stay with the vendor table in ports.ts). */
const vendorNamesZh: Record<string, string> = {
  '12d1': '华为 GSM 上网卡',
  '19d2': '中兴 GSM 上网卡',
  '1e0e': '芯讯通 GSM 模块',
  '2c7c': '移远 GSM 模块',
  '05c6': '高通方案 GSM 模块',
  '1bbb': '阿尔卡特/TCL GSM 上网卡',
  '0baf': 'U.S. Robotics 调制解调器',
  '0572': 'Conexant 语音调制解调器（Zoom 等）',
  '0803': 'Zoom 调制解调器',
  '1a86': 'USB 转串口（CH340），例如 SIM800 模块板',
  '10c4': 'USB 转串口（CP210x），例如 SIM800 模块板',
  '0403': 'USB 转串口（FTDI）',
  '067b': 'USB 转串口（PL2303）',
};

export const vendorName = (vendorId: string, en: string): Text => ({ en, zh: vendorNamesZh[vendorId] ?? en });
