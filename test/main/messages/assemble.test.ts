import { describe, expect, it } from 'vitest';
import type { SmsRecord } from '../../../shared/domain.ts';
import { defaultKeywords } from '../../../shared/message-flags.ts';
import { messagesFrom, smsFromReceived, type RecordContext } from '../../../main/messages/assemble.ts';
import { decodePdu, encodeDeliver } from '../../../main/modem/index.ts';

const ctx: RecordContext = {
  simulated: false,
  timeZone: 'Asia/Shanghai',
  receivedAt: '2025-03-04T14:02:05.000+08:00',
  normalize: (n) => (n.startsWith('+') ? n : `+86${n}`),
  label: (p) =>
    p === '+8617012345678' ? { label: 'blocked', ruleId: 'r1', ruleLabel: 'virtual operators' } : { label: 'unknown', ruleId: null, ruleLabel: null },
};

const received = (pdu: string) => ({
  lineId: 'l1',
  pdu,
  tpduLength: null,
  source: 'cmt' as const,
  storage: null,
  receivedAt: new Date(),
  decoded: decodePdu(pdu),
  error: null,
});
let id = 0;
const stored = (pdu: string, at = ctx.receivedAt): SmsRecord => ({ ...smsFromReceived(received(pdu), { ...ctx, receivedAt: at }), id: ++id, hash: 'x' });

describe('recorded SMS', () => {
  it('keeps the PDU, the sender, the network time and the label at the moment it arrived', () => {
    const [pdu] = encodeDeliver('+8617012345678', '加微信转账', { sentAt: new Date('2025-03-04T06:02:03Z'), offsetMinutes: 480, reference: 1 });
    expect(smsFromReceived(received(pdu!), ctx)).toMatchObject({
      direction: 'received',
      party: '+8617012345678',
      partyKind: 'number',
      normalized: '+8617012345678',
      networkTime: '2025-03-04T14:02:03+08:00',
      receivedAt: ctx.receivedAt,
      text: '加微信转账',
      pdu,
      label: 'blocked',
      ruleLabel: 'virtual operators',
      problems: [],
    });
  });

  it('records a PDU it cannot decode, with the reason, instead of dropping it', () => {
    const broken = {
      lineId: 'l1',
      pdu: '0791',
      tpduLength: null,
      source: 'stored' as const,
      storage: { memory: 'SM', index: 3 },
      receivedAt: new Date(),
      decoded: null,
      error: 'the PDU ends before its first octet',
    };
    const r = smsFromReceived(broken, ctx);
    expect(r).toMatchObject({ direction: 'received', party: null, text: null, pdu: '0791', problems: ['not decoded: the PDU ends before its first octet'] });
  });

  it('joins parts into messages, flags the extortion text and counts it toward its incident', () => {
    const sentAt = new Date('2025-03-04T06:00:00Z');
    const long = encodeDeliver('+8617012345678', '你欠的钱今天不还，就把照片发给你通讯录所有人，加微信私聊。'.repeat(3), {
      sentAt,
      offsetMinutes: 480,
      reference: 9,
    });
    const code = encodeDeliver('10690000', '您的验证码是 123456', { sentAt, offsetMinutes: 480, reference: 0 });
    const parts = [
      stored(long[1]!, '2025-03-04T14:01:00.000+08:00'),
      stored(code[0]!, '2025-03-04T14:01:01.000+08:00'),
      stored(long[0]!, '2025-03-04T14:01:02.000+08:00'),
    ];
    const incident = {
      id: 7,
      startedAt: '2025-03-04T13:55:00.000+08:00',
      endedAt: '2025-03-04T15:00:00.000+08:00',
      trigger: 'calls' as const,
      cause: { en: '5 calls from 5 unknown numbers within 3 minutes', zh: '3 分钟内 5 个陌生号码来电 5 次' },
      callsRejected: 30,
      distinctNumbers: 20,
      withheldShare: 0.1,
    };
    const messages = messagesFrom(parts, defaultKeywords, [incident]);
    expect(messages).toHaveLength(2);
    const [extortion, codeMessage] = messages;
    expect(extortion).toMatchObject({ complete: true, total: long.length, label: 'blocked', incidentId: 7 });
    expect(extortion!.text).toBe('你欠的钱今天不还，就把照片发给你通讯录所有人，加微信私聊。'.repeat(3));
    expect(extortion!.flags.alert).toEqual(['微信', '通讯录', '照片']);
    expect(codeMessage!.flags).toEqual({ alert: [], code: ['验证码'] });
  });
});
