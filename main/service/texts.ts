// The service's own sentences, in English and Chinese: refusals of the API itself (bad input, no such line
// or call) and the sentence for a failure nobody foresaw.
import type { Text } from '../../shared/domain.ts';

export const texts = {
  /** The UI's own "not accepted" sentence, so a form shows what it always showed. */
  invalidInput: (detail: string): Text => ({ en: `That was not accepted: ${detail}. Correct it and try again.`, zh: `未被接受：${detail}。请修改后重试。` }),
  unknownMethod: (method: string): Text => ({
    en: `There is no API method "${method}".`,
    zh: `没有名为“${method}”的 API 方法：当前版本的 Ringfence 不提供此操作。`,
  }),
  noSuchLine: (lineId: string): Text => ({ en: `There is no line "${lineId}".`, zh: `没有线路“${lineId}”。` }),
  portInUse: (path: string): Text => ({ en: `${path} is already screened by Ringfence as a line.`, zh: `${path} 已作为一条线路由 Ringfence 筛选。` }),
  noSuchCall: (id: number): Text => ({ en: `There is no call with id ${id}.`, zh: `没有编号为 ${id} 的通话。` }),
  noDemoLine: (): Text => ({ en: 'There is no demo line to ring: turn on the demo line first.', zh: '没有可以拨打的演示线路：请先打开演示线路。' }),
  demoBesideRealLine: (): Text => ({
    en: 'A modem is set up, so the demo does not start: its made-up calls would count toward the shield and the limits of your real line, and its floods would turn the shield on for real callers. To try the demo, first untick "Screen calls on this line" under Settings → Modems; your history stays as it is.',
    zh: '已设置调制解调器，因此不启动演示：演示的虚构来电会计入真实线路的护盾和限制，其模拟轰炸还会为真实来电开启护盾。如要试用演示，请先在“设置 → 调制解调器”中取消勾选“筛查此线路的来电”；您的通话记录保持不变。',
  }),
  noSuchMessage: (id: number): Text => ({ en: `There is no message with id ${id}.`, zh: `没有编号为 ${id} 的短信。` }),
  noSmsLine: (): Text => ({
    en: 'No line can send SMS now: connect a GSM dongle with a SIM and wait until its line is ready.',
    zh: '目前没有可以发送短信的线路：请连接插有 SIM 卡的 GSM 上网卡，并等待线路就绪。',
  }),
  nothingToReport: (): Text => ({
    en: 'Say what to report: an incident or a number.',
    zh: '请指明要举报的内容：一次骚扰事件或一个号码。',
  }),
  noSuchIncident: (id: number): Text => ({ en: `There is no incident ${id}.`, zh: `没有编号为 ${id} 的骚扰事件。` }),
  draftExpired: (): Text => ({
    en: 'This complaint SMS was prepared too long ago or already sent: prepare it again, check the text, and confirm.',
    zh: '这条举报短信准备得太久或已发送：请重新准备，核对内容后再确认发送。',
  }),
  sendFailed: (detail: string): Text => ({ en: `The SMS was not sent: ${detail}.`, zh: `短信未发送：${detail}。` }),
  smsWriteFailing: (detail: string, pending: number): Text => ({
    en: `Text messages cannot be saved (${detail}). ${pending} message(s) are kept and retried; messages on the SIM stay there until they are saved.`,
    zh: `无法保存短信（${detail}）。${pending} 条短信已保留并将重试；SIM 卡上的短信在保存之前不会删除。`,
  }),
  smsWriteRecovered: (flushed: number): Text => ({
    en: `Text messages are being saved again; ${flushed} waiting message(s) were written.`,
    zh: `短信已恢复保存；${flushed} 条等待中的短信已写入。`,
  }),
  checkpointSmsNoLine: (to: string): Text => ({
    en: `The daily checkpoint SMS to ${to} was not sent: no GSM line is ready to send SMS. It is sent with the next checkpoint.`,
    zh: `每日校验点短信未发送到 ${to}：没有可发送短信的 GSM 线路。将随下一个校验点发送。`,
  }),
  checkpointSmsSent: (to: string, lastId: number): Text => ({
    en: `Daily checkpoint SMS sent to ${to} (record ${lastId}).`,
    zh: `每日校验点短信已发送到 ${to}（第 ${lastId} 条记录）。`,
  }),
  checkpointSmsFailed: (to: string, detail: string): Text => ({
    en: `The daily checkpoint SMS to ${to} failed: ${detail}.`,
    zh: `每日校验点短信发送到 ${to} 失败：${detail}。`,
  }),
  internal: (detail: string): Text => ({
    en: `Ringfence hit an unexpected problem (${detail}). Screening goes on; details are in the log file.`,
    zh: `Ringfence 遇到意外问题（${detail}）。来电筛选仍在继续；详情见日志文件。`,
  }),
  /** The decision recorded for a call that ended before its caller ID arrived (stored with the record). */
  notScreened: (): Text => ({ en: 'Not screened: the call ended before its caller was known.', zh: '未筛选：来电在识别号码之前已结束。' }),
  /** The decision while screening is paused (stored with each record). */
  paused: (): Text => ({ en: 'Screening is paused: every call rings through.', zh: '拦截已暂停：所有来电均可接通。' }),
  historyWriteFailing: (detail: string, pending: number, dir: string): Text => ({
    en: `Call records cannot be saved (${detail}). Screening continues; ${pending} record(s) are kept and retried. Free disk space or check the data folder ${dir}.`,
    zh: `无法保存通话记录（${detail}）。拦截仍在运行；${pending} 条记录已保留并将重试。请释放磁盘空间或检查数据文件夹 ${dir}。`,
  }),
  historyWriteRecovered: (flushed: number): Text => ({
    en: `Call records are being saved again; ${flushed} waiting record(s) were written.`,
    zh: `通话记录已恢复保存；${flushed} 条等待中的记录已写入。`,
  }),
  /** The name of a report number the user typed in the settings. */
  customReportNumber: (number: string): Text => ({ en: `Report number ${number}`, zh: `举报号码 ${number}` }),
};
