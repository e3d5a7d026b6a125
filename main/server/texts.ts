// The server's sentences, in English and Chinese: a bad --listen, an exposure refused, a request too large.
import type { Text } from '../../shared/domain.ts';

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`);

export const texts = {
  notHostPort: (value: string): Text => ({
    en: `--listen "${value}" is not HOST:PORT (for example 127.0.0.1:7345).`,
    zh: `--listen “${value}”不是 主机:端口 的形式（例如 127.0.0.1:7345）。`,
  }),
  portOutOfRange: (port: number): Text => ({ en: `--listen port ${port} is out of range (0–65535).`, zh: `--listen 端口 ${port} 超出范围（0–65535）。` }),
  exposedWithoutToken: (host: string): Text => ({
    en: `Refusing to listen on ${host}: anyone on the network could read your call history. Add --token <secret> (at least 16 characters) or listen on 127.0.0.1.`,
    zh: `拒绝在 ${host} 上监听：网络上的任何人都能读取您的通话记录。请加上 --token <密钥>（至少 16 个字符），或改为监听 127.0.0.1。`,
  }),
  tokenTooShort: (): Text => ({ en: 'The --token must be at least 16 characters long.', zh: '--token 至少需要 16 个字符。' }),
  tooLarge: (limit: number): Text => ({
    en: `The request is larger than ${size(limit)} (${limit} bytes), the most this server accepts. For a bigger list, run "ringfence rules import" on the computer that holds the data folder, or split the list.`,
    zh: `请求超过 ${size(limit)}（${limit} 字节），超出此服务器的上限。更大的名单请在存放数据文件夹的电脑上运行 “ringfence rules import”，或拆分名单。`,
  }),
};
