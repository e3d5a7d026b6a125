// Keyword flags for SMS text: the extortion or fraud message ("加微信…", "转账…") among thousands of
// verification codes. Pure and shared: main flags messages when it records them, the renderer marks the
// words it matched. Keywords are the user's literal text, matched without regard to case or full/half
// width — never a pattern — and a message's text is only ever searched, never interpreted.

/** `alert`: extortion and fraud wording the user must see; `code`: verification-code bombing (counted, not alarming). */
export type FlagKind = 'alert' | 'code';

export type MessageKeywords = { alert: readonly string[]; code: readonly string[] };

/**
 * Defaults: words that move the victim to another channel (WeChat, QQ and their evasions V信, 威信, 薇信,
 * 扣扣), money words (转账, 汇款, 红包), threats (曝光, 通讯录, 后果自负) and debt-collection lines; and
 * how platforms phrase a verification code. The user edits both lists in Settings.
 */
export const defaultKeywords: MessageKeywords = {
  alert: [
    '微信',
    'WeChat',
    'VX',
    'V信',
    '威信',
    '薇信',
    '加V',
    'QQ',
    '扣扣',
    '转账',
    '汇款',
    '打款',
    '红包',
    '收款码',
    '银行卡',
    '安全账户',
    '曝光',
    '通讯录',
    '照片',
    '后果自负',
    '不要报警',
    '别报警',
    '欠款',
    '还钱',
    '逾期',
    '催收',
    '上门',
    '传票',
    '冻结',
  ],
  code: ['验证码', '校验码', '动态码', '动态密码', 'verification code', 'your code', 'OTP'],
};

/** At most this many keywords per list, each at most this long (Settings validates the same). */
export const keywordLimits = { count: 200, length: 40 } as const;

/**
 * The text folded for matching (NFKC, lower case), with where each folded character came from, so a match
 * in the folded text marks the right characters of the original ("ＶＸ" and "vx" both match "VX").
 */
function fold(text: string): { folded: string; from: number[] } {
  let folded = '';
  const from: number[] = [];
  let at = 0;
  for (const ch of text) {
    const f = ch.normalize('NFKC').toLowerCase();
    for (let i = 0; i < f.length; i++) from.push(at);
    folded += f;
    at += ch.length;
  }
  from.push(at);
  return { folded, from };
}

const foldKeyword = (k: string) => k.trim().normalize('NFKC').toLowerCase();

/** Text folded the way keywords are matched: searches find "微信" in "加微信" and "vx" in "ＶＸ". */
export const foldForSearch = (text: string) => text.normalize('NFKC').toLowerCase();

/** A keyword found in the text: `start`/`end` are positions in the original text (UTF-16 units). */
export type KeywordHit = { keyword: string; kind: FlagKind; start: number; end: number };

export function findKeywords(text: string, keywords: MessageKeywords): KeywordHit[] {
  const { folded, from } = fold(text);
  const hits: KeywordHit[] = [];
  for (const kind of ['alert', 'code'] as const) {
    for (const keyword of keywords[kind]) {
      const k = foldKeyword(keyword);
      if (k === '') continue;
      for (let at = folded.indexOf(k); at !== -1; at = folded.indexOf(k, at + k.length)) {
        hits.push({ keyword, kind, start: from[at]!, end: from[at + k.length]! });
      }
    }
  }
  return hits.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Which alert and code keywords the text contains, each once, in list order. */
export function flagText(text: string, keywords: MessageKeywords): { alert: string[]; code: string[] } {
  const hits = findKeywords(text, keywords);
  const of = (kind: FlagKind) => keywords[kind].filter((k) => hits.some((h) => h.kind === kind && h.keyword === k));
  return { alert: of('alert'), code: of('code') };
}

/** The text cut into plain and marked pieces (overlapping matches merged), for showing matches as text. */
export function markKeywords(text: string, keywords: MessageKeywords): { text: string; kind: FlagKind | null }[] {
  const spans: { start: number; end: number; kind: FlagKind }[] = [];
  for (const hit of findKeywords(text, keywords)) {
    const last = spans[spans.length - 1];
    if (last && hit.start < last.end) {
      last.end = Math.max(last.end, hit.end);
      if (hit.kind === 'alert') last.kind = 'alert';
    } else spans.push({ start: hit.start, end: hit.end, kind: hit.kind });
  }
  const pieces: { text: string; kind: FlagKind | null }[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start > at) pieces.push({ text: text.slice(at, s.start), kind: null });
    pieces.push({ text: text.slice(s.start, s.end), kind: s.kind });
    at = s.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), kind: null });
  return pieces;
}
