// The simulator's sentences, in English and Chinese: why it cannot start or cannot do what was asked.
import type { Text } from '../../shared/domain.ts';

export const texts = {
  socatMissing: (): Text => ({
    en: 'socat is not installed. It creates the simulated serial port. Install it: Debian/Ubuntu "sudo apt-get install socat", Fedora "sudo dnf install socat", macOS "brew install socat".',
    zh: '未安装 socat，模拟串口需要它。请安装：Debian/Ubuntu 运行“sudo apt-get install socat”，Fedora 运行“sudo dnf install socat”，macOS 运行“brew install socat”。',
  }),
  linkPathTaken: (path: string): Text => ({
    en: `${path} already exists and is not a simulated modem's link. Choose another --link path (for example /tmp/ringfence-modem), or remove ${path} if you are sure it is not needed.`,
    zh: `${path} 已存在，且不是模拟调制解调器的链接。请换一个 --link 路径（例如 /tmp/ringfence-modem），或在确定不再需要时删除 ${path}。`,
  }),
  linkFolderMissing: (link: string, folder: string): Text => ({
    en: `Cannot create the modem link ${link}: the folder ${folder} does not exist.`,
    zh: `无法创建调制解调器链接 ${link}：文件夹 ${folder} 不存在。`,
  }),
  noSms: (label: string): Text => ({ en: `${label} is a landline modem: it receives no SMS.`, zh: `${label} 是固定电话调制解调器，不能接收短信。` }),
  invalidInput: (what: string, detail: string): Text => ({ en: `Invalid ${what}: ${detail}`, zh: `模拟器输入无效（${what}）：${detail}` }),
  /** `detail`: the system's reason, or null when the file does not exist. */
  replayFile: (file: string, detail: string | null): Text => ({
    en: `Cannot replay ${file}: ${detail ?? 'it does not exist'}. Give the path of a .modem transcript (see test/fixtures/modem/README.md).`,
    zh: `无法回放 ${file}：${detail ?? '文件不存在'}。请给出 .modem 记录文件的路径（见 test/fixtures/modem/README.md）。`,
  }),
  scenarioTooLarge: (max: number): Text => ({
    en: `The scenario expands to more than ${max} calls; make "every" longer or "for" shorter.`,
    zh: `该场景展开后超过 ${max} 通来电；请把“every”设得更长，或把“for”设得更短。`,
  }),
  closed: (): Text => ({ en: 'The simulated modem has been closed.', zh: '模拟调制解调器已关闭。' }),
};
