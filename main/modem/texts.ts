// What the modem link says to people, in English and Chinese: why a line or a port cannot be used and what
// to do, how a port is described in the port list, the decision a call gets when screening fails, whether a
// line can run the pass gate, and — to callers — the pass gate's spoken prompts.
import type { Text } from '../../shared/domain.ts';

export type PortProblemCode = 'permission-denied' | 'port-busy' | 'not-found' | 'not-a-modem' | 'hilink' | 'open-failed';

/** What a line's problem means and what to do about it (the line status's sentence). */
export const lineProblems = {
  'no-sim': {
    en: 'No SIM card: insert a SIM card into the dongle, then unplug it and plug it in again.',
    zh: '未插入 SIM 卡：请将 SIM 卡插入上网卡，然后拔下再重新插入。',
  },
  'sim-pin': {
    en: 'SIM needs PIN: remove the PIN lock with a phone, or enter the PIN once in the dongle’s own software.',
    zh: 'SIM 卡需要 PIN 码：请用手机取消 PIN 锁，或在上网卡自带软件中输入一次 PIN 码。',
  },
  'sim-puk': { en: 'SIM is blocked and needs its PUK code: unblock it in a phone first.', zh: 'SIM 卡已锁定，需要 PUK 码：请先在手机中解锁。' },
  'voice-disabled': {
    en: 'This firmware has voice disabled: the dongle cannot see calls until voice is enabled (AT^CVOICE) or other firmware is installed.',
    zh: '此固件已禁用语音功能：在启用语音（AT^CVOICE）或更换固件之前，上网卡无法看到来电。',
  },
  'no-caller-id': {
    en: 'Modem does not report caller ID: check AT+VCID (or AT#CID) support and that caller ID is part of your phone service.',
    zh: '调制解调器不报告来电显示：请检查是否支持 AT+VCID（或 AT#CID），以及电话业务是否包含来电显示。',
  },
  'caller-id-off': {
    en: 'The modem refused to turn caller ID on (AT+CLIP=1): calls will be seen without numbers.',
    zh: '调制解调器拒绝开启来电显示（AT+CLIP=1）：来电将没有号码。',
  },
  'not-responding': {
    en: 'The modem stopped answering: restarting it. If this keeps happening, unplug it and plug it in again.',
    zh: '调制解调器停止响应，正在重新初始化。如果反复出现，请拔下后重新插入。',
  },
  'init-refused': {
    en: 'The modem refused a set-up command, so calls cannot be screened on it. Check that this port is the modem’s command port (ringfence ports --probe).',
    zh: '调制解调器拒绝了设置命令，无法在此端口筛选来电。请确认该端口是调制解调器的命令端口（ringfence ports --probe）。',
  },
  disconnected: { en: 'The modem is unplugged or its port went away: waiting for it to come back.', zh: '调制解调器已拔出或端口消失：正在等待它重新连接。' },
  'no-network': {
    en: 'No mobile network: check the antenna, the signal, and that the SIM card is active.',
    zh: '没有移动网络：请检查天线、信号以及 SIM 卡是否有效。',
  },
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
        : {
            en: `No permission to open ${path}. Check that no other program has it open and that your user may use it.`,
            zh: `没有权限打开 ${path}。请确认没有其他程序占用它，并且当前用户有权使用。`,
          };
    case 'port-busy':
      return platform === 'linux'
        ? {
            en: `${path} is in use by another program, usually ModemManager. Make it leave the modem alone: install the Ringfence package (its udev rule sets ID_MM_DEVICE_IGNORE for known modems), or run "sudo systemctl stop ModemManager".`,
            zh: `${path} 正被其他程序占用，通常是 ModemManager。请让它放开调制解调器：安装 Ringfence 软件包（其 udev 规则会为已知调制解调器设置 ID_MM_DEVICE_IGNORE），或运行 "sudo systemctl stop ModemManager"。`,
          }
        : {
            en: `${path} is in use by another program (the dongle's own dialer software, for example). Close it and try again.`,
            zh: `${path} 正被其他程序占用（例如上网卡自带的拨号软件）。请关闭它后重试。`,
          };
    case 'not-found':
      return {
        en: `${path} does not exist: the modem is unplugged or has another name now. Run "ringfence ports" to list the ports.`,
        zh: `${path} 不存在：调制解调器已拔出或名称已改变。运行 "ringfence ports" 查看端口列表。`,
      };
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
    manufacturer
      ? { en: `Serial port (${manufacturer})`, zh: `串口（${manufacturer}）` }
      : usb
        ? { en: 'USB serial port', zh: 'USB 串口' }
        : { en: 'Serial port', zh: '串口' },
  commandInterface: (gsm: boolean): Text => ({ en: gsm ? ', command (AT/PCUI) interface' : ', command interface', zh: '，命令（AT/PCUI）接口' }),
  maybeCommands: (iface: number): Text => ({ en: `, interface ${iface} (may take AT commands)`, zh: `，接口 ${iface}（可能接受 AT 命令）` }),
  notForCommands: (iface: number): Text => ({
    en: `, interface ${iface} (data, diagnostics or GPS; not for commands)`,
    zh: `，接口 ${iface}（数据、诊断或 GPS 接口，不接受命令）`,
  }),
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

export const gateTexts = {
  // Whether a line can run the pass gate (LineStatus.gate.text).
  simcomTts: (): Text => ({
    en: 'Can gate: this SIMCom module detects key presses (AT+DDET) and speaks the prompt itself (AT+CTTS).',
    zh: '可以验证：此 SIMCom 模块能识别按键（AT+DDET），并能自行播报提示语（AT+CTTS）。',
  }),
  quectelTts: (): Text => ({
    en: 'Can gate: this Quectel module detects key presses (AT+QTONEDET) and speaks the prompt to the caller (AT+QWTTS).',
    zh: '可以验证：此移远模块能识别按键（AT+QTONEDET），并能向来电方播报提示语（AT+QWTTS）。',
  }),
  simcomFile: (): Text => ({
    en: 'Can gate: this SIMCom module detects key presses (AT+DDET) and plays the recorded prompt, which Ringfence copies to it each time the line starts (AT+CREC).',
    zh: '可以验证：此 SIMCom 模块能识别按键（AT+DDET），并播放 Ringfence 在每次线路启动时复制到模块中的录音提示语（AT+CREC）。',
  }),
  quectelFile: (): Text => ({
    en: 'Can gate: this Quectel module detects key presses (AT+QTONEDET) and plays the recorded prompt to the caller, which Ringfence copies to it each time the line starts (AT+QPSND).',
    zh: '可以验证：此移远模块能识别按键（AT+QTONEDET），并向来电方播放 Ringfence 在每次线路启动时复制到模块中的录音提示语（AT+QPSND）。',
  }),
  uploadFailed: (family: string, detail: string): Text => ({
    en: `Cannot gate yet: copying the recorded prompt to this ${family} module failed (${detail}). Ringfence tries again the next time the line starts; until then the shield rejects unknown callers.`,
    zh: `暂时无法验证：向此 ${family} 模块复制录音提示语失败（${detail}）。下次线路启动时会再次尝试；在此之前，护盾期间将直接拒接陌生来电。`,
  }),
  voiceModem: (): Text => ({
    en: 'Can gate: this voice modem plays the recorded prompt (AT+VTX) and reports key presses.',
    zh: '可以验证：此语音调制解调器能播放录制好的提示语（AT+VTX），并能上报按键。',
  }),
  huaweiAudio: (): Text => ({
    en: "Can gate: Ringfence plays the prompt and listens for the key on this dongle's audio port.",
    zh: '可以验证：Ringfence 通过此上网卡的音频端口播放提示语并识别按键。',
  }),
  noDtmf: (family: string): Text => ({
    en: `Cannot gate: this ${family} modem does not report key presses (it refused the DTMF detection command). The shield rejects unknown callers instead.`,
    zh: `无法验证：此 ${family} 模块不能上报按键（不支持按键识别指令）。护盾期间将直接拒接陌生来电。`,
  }),
  noTts: (family: string): Text => ({
    en: `Cannot gate: this ${family} firmware has no text-to-speech and cannot play a recorded prompt to ask for the key. The shield rejects unknown callers instead.`,
    zh: `无法验证：此 ${family} 固件没有语音播报功能，也不能播放录音提示语，无法提示来电方按键。护盾期间将直接拒接陌生来电。`,
  }),
  noVoiceMode: (): Text => ({
    en: 'Cannot gate: this landline modem has no voice mode (AT+FCLASS=8) or no 8 kHz μ-law / 8-bit format. The shield rejects unknown callers instead.',
    zh: '无法验证：此固话调制解调器没有语音模式（AT+FCLASS=8）或不支持 8 kHz 音频格式。护盾期间将直接拒接陌生来电。',
  }),
  huaweiNoVoice: (): Text => ({
    en: 'Cannot gate: voice is turned off in this Huawei dongle (AT^CVOICE). The shield rejects unknown callers instead.',
    zh: '无法验证：此华为上网卡的语音功能已关闭（AT^CVOICE）。护盾期间将直接拒接陌生来电。',
  }),
  huaweiNoAudioPort: (): Text => ({
    en: "Cannot gate yet: choose this dongle's audio port in the line's settings (the port that is not an AT port). Until then the shield rejects unknown callers.",
    zh: '暂时无法验证：请在线路设置中选择此上网卡的音频端口（不响应 AT 指令的那个端口）。在此之前，护盾期间将直接拒接陌生来电。',
  }),
  unknownFamily: (): Text => ({
    en: 'Cannot gate: Ringfence does not know how to read key presses on this modem (SIMCom, Quectel, Huawei voice dongles and landline voice modems can). The shield rejects unknown callers instead.',
    zh: '无法验证：Ringfence 暂不支持在此型号上识别按键（支持 SIMCom、移远、华为语音上网卡和固话语音调制解调器）。护盾期间将直接拒接陌生来电。',
  }),
};

/** What the caller hears. Digits are spoken as digits; Chinese uses 一…九 as people say them on the phone. */
export const gatePrompts = {
  ask: (digit: string): Text => ({ en: `Press ${digit} to be put through.`, zh: `请按 ${digit} 接通。` }),
  passed: (minutes: number): Text => ({ en: `Please call again within ${minutes} minutes.`, zh: `请在 ${minutes} 分钟内再拨一次。` }),
  withheld: (): Text => ({ en: 'Please call again with your number shown.', zh: '请显示您的号码后再拨打。' }),
};
