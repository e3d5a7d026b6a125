// What the desktop shell says to a person, in English and Chinese: the tray, the notifications, the
// first-run notice and the shell's own dialogs. Sentences live here, not in the files that show them
// (test/main/texts.test.ts holds every capability to that and checks both languages are there).
import type { Text } from '../../shared/domain.ts';

export const trayTexts = {
  starting: (): Text => ({ en: 'Ringfence is starting…', zh: 'Ringfence 正在启动…' }),
  noModem: (): Text => ({ en: 'No modem connected: calls are not screened.', zh: '未连接调制解调器：来电未被筛选。' }),
  disconnected: (): Text => ({ en: 'Lost contact with the screening service: calls may not be screened.', zh: '与筛选服务失去联系：来电可能未被筛选。' }),
  connecting: (): Text => ({ en: 'Connecting to the modem: calls are not screened yet.', zh: '正在连接调制解调器：来电暂未被筛选。' }),
  lineState: (line: string, state: string): Text => ({ en: `${line}: ${state}.`, zh: `${line}：${state}。` }),
  pausedUntil: (until: string): Text => ({ en: `Screening paused until ${until}.`, zh: `来电筛选已暂停，至 ${until}。` }),
  shieldOn: (): Text => ({ en: 'Shield on: only trusted callers ring through.', zh: '防护已开启：仅信任的来电可以接通。' }),
  protected: (): Text => ({ en: 'Protected: every call is screened.', zh: '已保护：每个来电都会被筛选。' }),
  demo: (): Text => ({
    en: 'Demo: made-up calls in a separate folder; your history is untouched. No real line is screened.',
    zh: '演示：虚构来电保存在单独的文件夹中，您的通话记录不受影响。目前没有筛选任何真实线路。',
  }),
  menu: {
    open: { en: 'Open Ringfence', zh: '打开 Ringfence' },
    shield: { en: 'Shield (only trusted callers ring)', zh: '防护（仅信任的来电接通）' },
    'shield-on': { en: 'Shield on', zh: '开启防护' },
    'shield-off': { en: 'Shield off', zh: '关闭防护' },
    'pause-15': { en: 'Pause screening for 15 minutes', zh: '暂停筛选 15 分钟' },
    'pause-60': { en: 'Pause screening for 1 hour', zh: '暂停筛选 1 小时' },
    resume: { en: 'Resume screening', zh: '恢复筛选' },
    'leave-demo': { en: 'Leave the demo', zh: '退出演示' },
    quit: { en: 'Quit Ringfence (stops screening)', zh: '退出 Ringfence（停止筛选）' },
  } satisfies Record<string, Text>,
};

export const notificationTexts = {
  withheld: (): Text => ({ en: 'Withheld number', zh: '隐藏号码' }),
  unknown: (): Text => ({ en: 'Unknown number', zh: '未知号码' }),
  inTheLast: (minutes: number): Text =>
    minutes === 1 ? { en: 'in the last minute', zh: '最近 1 分钟内' } : { en: `in the last ${minutes} minutes`, zh: `最近 ${minutes} 分钟内` },
  fromNumbers: (distinct: number): Text => ({ en: `They came from ${distinct} different numbers. `, zh: `来自 ${distinct} 个不同号码。` }),
  blockedSummary: (calls: number, when: Text): Text => ({
    en: `${calls} ${calls === 1 ? 'call' : 'calls'} blocked ${when.en}`,
    zh: `${when.zh}拦截了 ${calls} 个来电`,
  }),
  allInHistory: (from: Text): Text => ({ en: `${from.en}Every call is in the history.`, zh: `${from.zh}所有来电都记录在历史中。` }),
  callFrom: (who: Text): Text => ({ en: `Call from ${who.en}`, zh: `${who.zh} 来电` }),
  blockedCallFrom: (who: Text): Text => ({ en: `Blocked a call from ${who.en}`, zh: `已拦截 ${who.zh} 的来电` }),
};

export const firstRunTexts = {
  plugIn: (): Text => ({
    en: 'No modem is connected, so calls are not being screened. Plug in a USB GSM dongle with a SIM card (Huawei, ZTE, SIMCom, Quectel) or a USB voice modem on your landline (USRobotics, Conexant, Zoom).',
    zh: '未连接调制解调器，来电目前不会被筛选。请插入装有 SIM 卡的 USB GSM 上网卡（华为、中兴、SIMCom、移远），或接在固定电话线上的 USB 语音调制解调器（USRobotics、Conexant、Zoom）。',
  }),
  permissionLinux: (): Text => ({
    en: 'If it is plugged in but not found: the .deb package installs a rule that gives you access to known modems and keeps ModemManager away from them; otherwise run "sudo usermod -aG dialout $USER" and log in again.',
    zh: '如果已插入却找不到：.deb 安装包会安装一条规则，让您可以访问常见的调制解调器并让 ModemManager 不去占用；否则请运行 "sudo usermod -aG dialout $USER" 后重新登录。',
  }),
  permissionWindows: (): Text => ({
    en: "If it is plugged in but not found: install the modem maker's driver so it appears as a COM port in Device Manager, and close the maker's own dial-up software.",
    zh: '如果已插入却找不到：请安装厂商驱动，使其在设备管理器中显示为 COM 端口，并关闭厂商自带的拨号软件。',
  }),
  permissionMac: (): Text => ({
    en: "If it is plugged in but not found: some dongles need the maker's driver before they appear as /dev/cu.* ports.",
    zh: '如果已插入却找不到：部分上网卡需先安装厂商驱动，才会显示为 /dev/cu.* 端口。',
  }),
  demo: (): Text => ({
    en: 'To look around first, turn on the demo line: it simulates calls, including a call-bombing flood.',
    zh: '想先体验一下，可以开启演示线路：它会模拟来电，包括"呼死你"式的轰炸。',
  }),
};

export const shellTexts = {
  starting: (): Text => ({ en: 'Ringfence is still starting; try again in a moment.', zh: 'Ringfence 仍在启动，请稍后再试。' }),
  couldNotStart: (why: string, logPath: string) => ({
    title: 'Ringfence could not start / Ringfence 无法启动',
    body: `${why}\n\nDetails / 详情: ${logPath}`,
  }),
  stillScreeningTitle: (): Text => ({ en: 'Ringfence is still screening', zh: 'Ringfence 仍在筛选来电' }),
  stillScreeningBody: (): Text => ({
    en: 'Closing the window keeps Ringfence running in the tray. To stop screening, choose Quit from the tray menu.',
    zh: '关闭窗口后 Ringfence 会继续在托盘中运行。若要停止筛选，请在托盘菜单中选择"退出"。',
  }),
  stoppedTitle: (): Text => ({ en: 'Ringfence stopped screening', zh: 'Ringfence 已停止筛选' }),
  stoppedBody: (kind: string, logPath: string): Text => ({
    en: `It failed repeatedly after ${kind}. Please restart it; the log is in ${logPath}.`,
    zh: `发生 ${kind} 后多次失败。请重新启动；日志位于 ${logPath}。`,
  }),
};
