// The service's own sentences, in English and Chinese: refusals of the API itself (bad input, no such line
// or call) and the sentence for a failure nobody foresaw.
import type { Text } from '../../shared/domain.ts';

export const texts = {
  /** The UI's own "not accepted" sentence, so a form shows what it always showed. */
  invalidInput: (detail: string): Text => ({ en: `That was not accepted: ${detail}. Correct it and try again.`, zh: `未被接受：${detail}。请修改后重试。` }),
  unknownMethod: (method: string): Text => ({ en: `There is no API method "${method}".`, zh: `没有名为“${method}”的 API 方法：当前版本的 Ringfence 不提供此操作。` }),
  noSuchLine: (lineId: string): Text => ({ en: `There is no line "${lineId}".`, zh: `没有线路“${lineId}”。` }),
  portInUse: (path: string): Text => ({ en: `${path} is already screened by Ringfence as a line.`, zh: `${path} 已作为一条线路由 Ringfence 筛选。` }),
  noSuchCall: (id: number): Text => ({ en: `There is no call with id ${id}.`, zh: `没有编号为 ${id} 的通话。` }),
  noDemoLine: (): Text => ({ en: 'There is no demo line to ring: turn on the demo line first.', zh: '没有可以拨打的演示线路：请先打开演示线路。' }),
  internal: (detail: string): Text => ({
    en: `Ringfence hit an unexpected problem (${detail}). Screening goes on; details are in the log file.`,
    zh: `Ringfence 遇到意外问题（${detail}）。来电筛选仍在继续；详情见日志文件。`,
  }),
};
