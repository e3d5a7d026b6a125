import { describe, expect, it } from 'vitest';
import { complaintSms } from '../../../main/messages/complaint-sms.ts';
import { operatorOf, reportNumberFor, reportNumbers } from '../../../main/messages/report-numbers.ts';
import { submitShape } from '../../../main/modem/index.ts';

const facts = {
  reported: '17012345678',
  from: '2025-03-04 14:02',
  to: '2025-03-04 18:40',
  calls: 312,
  blockedCalls: 300,
  messages: 45,
  ownNumber: '13912345678',
  quote: '你欠的钱今天不还，就把你的照片发给你通讯录里所有人。加微信 zhai2024 私聊，转账后删除，不要报警，后果自负。',
};

describe('the complaint SMS', () => {
  it("puts the reported number first and an asterisk before the content, as the operators' report numbers require", () => {
    const text = complaintSms(facts, reportNumberFor('CHINA MOBILE'));
    expect(text.startsWith('17012345678*骚扰：2025-03-04 14:02至2025-03-04 18:40来电312次（已拦截300次），短信45条')).toBe(true);
    expect(text).toContain('含勒索/诈骗内容“你欠的钱');
    expect(text).toContain('本机号码13912345678。');
    expect(submitShape(text).parts).toBeLessThanOrEqual(3);
  });

  it('shortens the quote to stay within three SMS parts, and says so with an ellipsis', () => {
    const text = complaintSms({ ...facts, quote: '加微信'.repeat(200) }, reportNumbers[0]!);
    expect(submitShape(text).parts).toBeLessThanOrEqual(3);
    expect(text).toMatch(/…”/);
  });

  it('keeps hostile text inert: control characters go, "$&" stays literal', () => {
    const text = complaintSms({ ...facts, reported: '10690000', quote: 'pay $& now\u001b[31m\u202e' }, reportNumbers[3]!);
    expect(text).toContain('pay $& now [31m');
    expect([...text].some((c) => c < ' ' || c === '\u202e')).toBe(false);
  });

  it('names withheld callers instead of inventing a number, and leaves out what did not happen', () => {
    expect(complaintSms({ ...facts, reported: null, messages: 0, quote: null, ownNumber: null, from: 'x', to: 'x' }, reportNumbers[0]!)).toBe(
      '隐藏号码*骚扰：x来电312次（已拦截300次）。',
    );
  });

  it("picks the report number of the line's operator from +COPS names and codes, and 12321 otherwise", () => {
    expect(operatorOf('CHINA MOBILE')).toBe('china-mobile');
    expect(operatorOf('46000')).toBe('china-mobile');
    expect(operatorOf('CHN-UNICOM')).toBe('china-unicom');
    expect(operatorOf('46011')).toBe('china-telecom');
    expect(reportNumberFor('CHN-CT').number).toBe('10000999');
    expect(reportNumberFor('Vodafone UK').number).toBe('12321');
    expect(reportNumberFor(null).number).toBe('12321');
  });
});
