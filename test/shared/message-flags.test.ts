import { describe, expect, it } from 'vitest';
import { defaultKeywords, findKeywords, flagText, markKeywords } from '../../shared/message-flags.ts';

describe('keyword flags', () => {
  it('flags the extortion text and not the verification codes around it', () => {
    const codes = Array.from({ length: 2000 }, (_, i) => `【某宝】您的验证码是${String(100000 + i)}，5分钟内有效，请勿泄露。`);
    const extortion = '你欠的钱今天不还，就把你的照片发给你通讯录里所有人。加微信 zhai2024，转账后删除。';
    const all = [...codes.slice(0, 1234), extortion, ...codes.slice(1234)];
    const alerts = all.filter((t) => flagText(t, defaultKeywords).alert.length > 0);
    expect(alerts).toEqual([extortion]);
    expect(flagText(extortion, defaultKeywords).alert).toEqual(['微信', '转账', '通讯录', '照片']);
    expect(flagText(codes[0]!, defaultKeywords)).toEqual({ alert: [], code: ['验证码'] });
  });

  it('matches full-width and lower-case forms, and marks the original characters', () => {
    const text = '加ｖｘ：abc，或加qq 12345';
    expect(flagText(text, defaultKeywords).alert).toEqual(['VX', '加V', 'QQ']);
    const pieces = markKeywords(text, defaultKeywords);
    expect(pieces.filter((p) => p.kind).map((p) => p.text)).toEqual(['加ｖｘ', 'qq']);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });

  it('takes keywords literally: pattern characters are text, not a pattern', () => {
    const keywords = { alert: ['.*', '(a|b)', '$&'], code: [] };
    expect(flagText('anything at all', keywords).alert).toEqual([]);
    expect(flagText('pay $& now (a|b) .*', keywords).alert).toEqual(['.*', '(a|b)', '$&']);
    expect(findKeywords('x', { alert: ['', '  '], code: [] })).toEqual([]);
  });

  it('keeps positions right around characters outside the basic plane', () => {
    const text = '🧧红包🧧来了';
    const [hit] = findKeywords(text, defaultKeywords);
    expect(text.slice(hit!.start, hit!.end)).toBe('红包');
  });
});
