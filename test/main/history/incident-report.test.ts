// The evidence report leads with the flood incident, its figures counted from the chained records, and says
// only what is true: complaints for numbers that meet the stated threshold, never for a trusted number, a
// one-off caller or a simulated call; "repeated" only when repeated; decisions as one sentence.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NewSms } from '../../../main/history/index.ts';
import { messagesFrom } from '../../../main/messages/index.ts';
import type { SmsRecord } from '../../../shared/domain.ts';
import { defaultKeywords } from '../../../shared/message-flags.ts';
import { describe, expect, it } from 'vitest';
import { hour, makeCall, makeIncident, makeSms, openTestHistory, t0, tempDir } from './support.ts';

const minute = 60_000;
const trusted = {
  action: 'allow' as const,
  reason: 'trusted' as const,
  ruleId: 'r-mum',
  ruleLabel: 'Mum',
  text: { en: 'Rang through: a trusted caller (Mum).', zh: '已接通：白名单来电（妈妈）。' },
};

function flood() {
  const { history } = openTestHistory();
  const on = t0 + 10 * hour;
  const calls = [
    // Before the shield, inside its 10-minute window: two rang through, one was blocked by a rule.
    makeCall(on - 8 * minute, { number: '17000000001', action: 'allow' }),
    makeCall(on - 5 * minute, { number: '17000000002', action: 'allow' }),
    makeCall(on - 2 * minute, { number: '17100000003' }),
    // The shield: 20 calls from 12 numbers and 4 withheld.
    ...Array.from({ length: 16 }, (_, i) => makeCall(on + i * minute, { number: `170000001${String(i % 12).padStart(2, '0')}` })),
    ...Array.from({ length: 4 }, (_, i) => makeCall(on + (20 + i) * minute, { presentation: 'withheld' })),
    // Mum rings during the flood (trusted), the demo line rings once (simulated): neither is part of it.
    makeCall(on + 30 * minute, { number: '13900001111', decision: trusted, outcome: 'rang-through', hangupLatencyMs: null }),
    makeCall(on + 31 * minute, { number: '17000000199', simulated: true, lineId: 'demo' }),
    // Outside the flood: a one-off blocked caller (no complaint) and a caller who rang three times (repeated).
    makeCall(t0 + hour, { number: '13800000001' }),
    ...[2, 3, 4].map((h) => makeCall(t0 + h * hour, { number: '13800000002' })),
  ];
  calls.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  history.recordBatch(calls);
  history.recordIncidents([makeIncident(on, on + 90 * minute, { id: 5, callsRejected: 20, distinctNumbers: 12, withheldShare: 0.2 })]);
  return history;
}

const figure = (html: string, name: string) => new RegExp(`data-figure="${name}"[^>]*>([^<]*)<`).exec(html)?.[1];

describe('the incident-led evidence report', () => {
  it('counts the flood from the chained records: before the shield, rejected, numbers, withheld, ranges', async () => {
    const history = flood();
    const file = join(tempDir('rf-incident-'), 'report.html');
    await history.exportTo(file, { format: 'html', language: 'en', incidents: history.incidents(), ownNumbers: ['13512345678'] });
    const html = readFileSync(file, 'utf8');
    const incident = html.slice(html.indexOf('data-incident="5"'), html.indexOf('</article>'));
    expect(figure(incident, 'incident-calls')).toBe('23');
    expect(figure(incident, 'incident-numbers')).toBe('15');
    expect(figure(incident, 'incident-withheld')).toBe('4');
    // The three in the window, and the call that engaged the shield (it starts within the incident's first millisecond).
    expect(incident).toMatch(/data-figure="incident-before" data-calls="4" data-rang="2"/);
    expect(figure(incident, 'incident-rejected')).toBe('21');
    expect(figure(incident, 'incident-rang')).toBe('2');
    expect(incident).toContain('1 trusted, 1 simulated, 0 excluded');
    expect(incident).toMatch(/170 <small>\(virtual-operator range\)<\/small>/);
    expect(incident).toContain('China Telecom');
    // The complaint for the whole incident, and the 12321 form's fields.
    expect(incident).toContain('Complaint: call bombing of my number 13512345678');
    expect(incident).toContain('23 from 15 different numbers; 4 withheld (17%)');
    expect(incident).toMatch(/Report type<\/dt><dd>Harassing calls — call bombing/);
    expect(incident).toMatch(/China Mobile <span class="num">10086999<\/span>/);
    expect(incident).toMatch(/<code class="sms" data-sms="\+8617000000100">17000000100\*呼死你骚扰：.*呼叫本机13512345678共2次，同期15个号码共轰炸23次/);
    // The report leads with it: the incident comes before the totals.
    expect(html.indexOf('data-incident="5"')).toBeLessThan(html.indexOf('data-figure="total-calls"'));
    expect(html).toContain('data-police');
  });

  it('writes complaints only for numbers that meet the threshold, never trusted, one-off or simulated ones', async () => {
    const history = flood();
    const file = join(tempDir('rf-incident-'), 'report.html');
    await history.exportTo(file, { format: 'html', language: 'en', incidents: history.incidents(), exclude: ['17000000002'] });
    const html = readFileSync(file, 'utf8');
    const complaints = [...html.matchAll(/data-complaint="([^"]+)"/g)].map((m) => m[1]);
    expect(complaints).toContain('+8613800000002'); // three calls
    expect(complaints).toContain('+8617000000001'); // rang before the shield: part of the incident
    expect(complaints).not.toContain('+8613800000001'); // one call, no incident
    expect(complaints).not.toContain('+8613900001111'); // trusted
    expect(complaints).not.toContain('+8617000000199'); // simulated
    expect(complaints).not.toContain('+8617000000002'); // excluded by the user
    const repeated = html.slice(html.indexOf('data-complaint="+8613800000002"'));
    expect(repeated.slice(0, 400)).toContain('Type: repeated nuisance');
    const once = html.slice(html.indexOf('data-complaint="+8617000000001"'));
    expect(once.slice(0, 400)).toContain('one of the numbers of a call-bombing flood');
    expect(once.slice(0, 400)).not.toContain('repeated');
  });

  it('marks simulated calls, shows decisions as one sentence, and keeps numbers from wrapping', async () => {
    const history = flood();
    const file = join(tempDir('rf-incident-'), 'report.html');
    await history.exportTo(file, { format: 'html', language: 'zh', incidents: history.incidents() });
    const html = readFileSync(file, 'utf8');
    expect(figure(html, 'simulated')).toBe('1');
    expect(html).toMatch(/<tr class="blocked" data-simulated="true">.*\(模拟\)/);
    expect(html).toContain('<td>已拦截：匹配前缀 +86 170（名单“虚拟运营商”）</td>');
    expect(html).not.toMatch(/已拒接: 已拦截/);
    expect(html).toMatch(/\.num, \.time \{ white-space: nowrap/);
    expect(html).toContain('投诉：呼死你式电话轰炸');
  });

  it('counts the SMS of each incident and quotes the flagged ones in full, in both languages, as text', async () => {
    const history = flood();
    const on = t0 + 10 * hour;
    const extortion = '你欠的钱今天必须还清，加微信 hk8899 私聊，<script>alert(1)</script>否则把你的照片发给你所有联系人。';
    const sms = (at: number, party: string, text: string, o: Partial<NewSms> = {}) =>
      history.recordSms(makeSms(at, { receivedAt: new Date(at).toISOString(), party, text, incidentId: 5, ...o }));
    for (let i = 0; i < 30; i++) sms(on + i * minute, '10690000', `【某宝】您的验证码是${100000 + i}，5分钟内有效。`);
    sms(on + 45 * minute, '13800138000', extortion);
    sms(t0 + 2 * hour, '13900001111', '晚上回家吃饭吗', { incidentId: null }); // before the flood: not part of it
    sms(on + 46 * minute, '17000000199', '加微信', { simulated: true }); // the demo line: never counted
    const joinParts = (parts: readonly SmsRecord[]) => messagesFrom(parts, defaultKeywords, []);
    for (const language of ['en', 'zh'] as const) {
      const file = join(tempDir('rf-incident-'), 'report.html');
      await history.exportTo(file, { format: 'html', language, incidents: history.incidents(), messages: joinParts });
      const html = readFileSync(file, 'utf8');
      const incident = html.slice(html.indexOf('data-incident="5"'), html.indexOf('</article>'));
      expect(incident).toMatch(/data-figure="incident-sms" data-messages="31" data-flagged="1"/);
      const quoted = /<blockquote class="sms-text" data-incident-sms="\d+">([^<]*)<\/blockquote>/.exec(incident)?.[1];
      expect(quoted).toBe(extortion.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
      expect(html).not.toContain('<script>');
      expect(html).toMatch(/data-figure="sms-received" data-messages="32" data-flagged="1"/);
      expect(incident).toContain(language === 'zh' ? '31 条，其中 1 条含勒索或诈骗内容' : '31 messages, 1 flagged as extortion or fraud');
    }
  });
});
