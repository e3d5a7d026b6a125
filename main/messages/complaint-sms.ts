// The complaint SMS: one short text for the operator's report number, in the form it accepts
// ("<reported number>*<what happened>", see ./report-numbers.ts), from an incident or from a number's
// record. Pure: facts in, the exact text out. The user sees this text, may edit it, and only a confirmed
// text is sent (see ./sending.ts). Chinese, because the report desks are Chinese.
import { maxParts, submitShape } from '../modem/index.ts';
import type { ReportNumber } from './report-numbers.ts';

export type ComplaintFacts = {
  /** The number being reported; null for withheld callers (no number to report: the text says so). */
  reported: string | null;
  /** Local date-times of the first and last event, "2025-03-04 14:02". */
  from: string;
  to: string;
  calls: number;
  blockedCalls: number;
  messages: number;
  /** The user's own number on that line, when known (helps the desk find the record). */
  ownNumber: string | null;
  /** A flagged message to quote (extortion / fraud), if any: quoted shortened, the report has it in full. */
  quote: string | null;
};

/** Longest quote carried in the SMS itself; the evidence report quotes the whole text. */
const quoteChars = 40;

/** Line text is hostile: no control or direction-override characters travel on into what we send. */
const plain = (text: string) => text.replace(/[\p{Cc}\p{Cf}]/gu, ' ');

function shorten(text: string, max: number): string {
  const chars = [...plain(text).replace(/\s+/g, ' ').trim()];
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * "13800138000*骚扰：2025-03-04 14:02至2025-03-04 18:40来电312次（已拦截300次），短信45条，含勒索内容“加微信…”。本机号码13912345678。"
 * Keeps within `maxParts` SMS parts by shortening the quote first.
 */
export function complaintSms(facts: ComplaintFacts, to: ReportNumber): string {
  const parts: string[] = [];
  const span = facts.from === facts.to ? facts.from : `${facts.from}至${facts.to}`;
  const what: string[] = [];
  if (facts.calls > 0) what.push(`来电${facts.calls}次${facts.blockedCalls > 0 ? `（已拦截${facts.blockedCalls}次）` : ''}`);
  if (facts.messages > 0) what.push(`短信${facts.messages}条`);
  parts.push(`骚扰：${span}${what.join('，')}`);
  const own = facts.ownNumber ? `本机号码${facts.ownNumber}。` : '';
  const build = (quoteMax: number) => {
    const quote = facts.quote && quoteMax > 0 ? `，含勒索/诈骗内容“${shorten(facts.quote, quoteMax)}”` : '';
    const content = `${parts.join('')}${quote}。${own}`;
    // Replacer functions: a "$&" in a sender's text must stay text, not become a replacement pattern.
    return to.format.replace('{number}', () => plain(facts.reported ?? '隐藏号码')).replace('{content}', () => content);
  };
  for (let max = quoteChars; max >= 0; max -= 10) {
    const text = build(max);
    if (submitShape(text).parts <= Math.min(maxParts, 3)) return text;
  }
  return build(0);
}
