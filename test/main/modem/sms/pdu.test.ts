// The PDU codec against real PDUs from public sources (each cited), plus round trips of what Ringfence
// sends. These are the vectors the npm libraries were judged on (see main/modem/sms/pdu.ts).
import { describe, expect, it } from 'vitest';
import { decodePdu, PduError, type Deliver, type StatusReport } from '../../../../main/modem/sms/pdu.ts';
import { encodeDeliver, encodeSubmit, submitShape } from '../../../../main/modem/sms/submit.ts';

const hex = (bytes: number[]) =>
  bytes
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
const deliver = (pdu: string, length?: number) => {
  const d = decodePdu(pdu, length);
  if (d.type !== 'deliver') throw new Error(`expected SMS-DELIVER, got ${d.type}`);
  return d as Deliver;
};

describe('SMS-DELIVER from real modems', () => {
  it('decodes UCS2 Chinese (csdndocs.com/article/9085087: "你好" from +8613505165495)', () => {
    const d = deliver('0891683108200505F0040D91683105155694F5000850208151754500044F60597D');
    expect(d).toMatchObject({
      smsc: '+8613800250500',
      sender: { kind: 'number', value: '+8613505165495' },
      encoding: 'ucs2',
      text: '你好',
      sentAt: '2005-02-18T15:57:54+00:00',
      concat: null,
      problems: [],
    });
  });

  it('decodes GSM 7-bit with the extension table and a negative zone (ModemManager test_pdu1)', () => {
    // prettier-ignore
    const pdu = hex([0x07,0x91,0x21,0x04,0x44,0x29,0x61,0xf4,0x04,0x0b,0x91,0x61,0x71,0x95,0x72,0x91,0xf8,0x00,0x00,0x11,0x20,0x82,0x11,0x05,0x05,0x0a,0x6a,0xc8,0xb2,0xbc,0x7c,0x9a,0x83,0xc2,0x20,0xf6,0xdb,0x7d,0x2e,0xcb,0x41,0xed,0xf2,0x7c,0x1e,0x3e,0x97,0x41,0x1b,0xde,0x06,0x75,0x4f,0xd3,0xd1,0xa0,0xf9,0xbb,0x5d,0x06,0x95,0xf1,0xf4,0xb2,0x9b,0x5c,0x26,0x83,0xc6,0xe8,0xb0,0x3c,0x3c,0xa6,0x97,0xe5,0xf3,0x4d,0x6a,0xe3,0x03,0xd1,0xd1,0xf2,0xf7,0xdd,0x0d,0x4a,0xbb,0x59,0xa0,0x79,0x7d,0x8c,0x06,0x85,0xe7,0xa0,0x00,0x28,0xec,0x26,0x83,0x2a,0x96,0x0b,0x28,0xec,0x26,0x83,0xbe,0x60,0x50,0x78,0x0e,0xba,0x97,0xd9,0x6c,0x17]);
    const d = deliver(pdu);
    expect(d.sender.value).toBe('+16175927198');
    expect(d.sentAt).toBe('2011-02-28T11:50:50-05:00');
    expect(d.text).toBe("Here's a longer message [{with some extended characters}] thrown in, such as £ and ΩΠΨ and §¿ as well.");
  });

  it('decodes an alphanumeric sender with UCS2 Cyrillic (ModemManager test_pdu2)', () => {
    const d = deliver('07919730071111F10414D04937BD2C7797E9D3E6140008113092910240610804420435044104 42'.replace(/ /g, ''));
    expect(d).toMatchObject({ sender: { kind: 'alphanumeric', value: 'InternetSMS' }, text: 'тест', sentAt: '2011-03-29T19:20:04+04:00' });
  });

  it('reads the 8-bit concatenation reference of both parts of a long message (ModemManager test_pdu_multipart)', () => {
    const p1 = deliver(
      '07912160130320F5440B916171056429F5000021405291650569A00500034C0201A9E8F41C949E83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB0C9297E1F2F2BCECA6CF41',
    );
    const p2 = deliver(
      '07912160130320F6440B916171056429F5000021405291651569320500034C0202E9E8301D44479741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10',
    );
    expect(p1.concat).toEqual({ reference: 0x4c, referenceBits: 8, total: 2, sequence: 1 });
    expect(p2.concat).toEqual({ reference: 0x4c, referenceBits: 8, total: 2, sequence: 2 });
    expect(p1.text! + p2.text!).toBe(
      'This is a very long test designed to exercise multi part capability. It should show up as one message, not as two, as the underlying encoding represents that the parts are related to one another. ',
    );
  });

  it('reads a 16-bit concatenation reference before 7-bit text (ModemManager test_pdu_udhi, KPN welcome)', () => {
    const d = deliver(
      '07911356131313F64004850120390011609232239180A006080400100201D7327BFD6EB340E2321BF46E83EA7790F59D1E97DBE1341B442F83C465763D3DA797E56537C81D0ECB41AB59CC1693C16031D96C064241E5656838AF03A96230982A269BCD462917C8FA4E8FCBED709A0D7ABBE9F6B0FB5C7683D27350984D4FABC9A0B33C4C4FCF5D20EBFB2D079DCB62793DBD06D9C36E50FB2D4E97D9A0B49B5E96BBCB',
    );
    expect(d.sender.value).toBe('1002');
    expect(d.concat).toEqual({ reference: 0x0010, referenceBits: 16, total: 2, sequence: 1 });
    expect(d.text).toBe(
      'Welkom, bel om uw Voicemail te beluisteren naar +31612001233 (PrePay: *100*1233#). Voicemail ontvangen is altijd gratis. Voor gebruik van mobiel interne',
    );
  });

  it('reads a class-1 data coding of group F as 7-bit text (ModemManager test_pdu_dcsf1, SFR)', () => {
    // prettier-ignore
    const pdu = hex([0x07,0x91,0x33,0x06,0x09,0x10,0x93,0xF0,0x04,0x04,0x85,0x81,0x00,0x00,0xF1,0x11,0x60,0x42,0x31,0x80,0x51,0x80,0xA0,0x49,0xB7,0xF9,0x0D,0x9A,0x1A,0xA5,0xA0,0x16,0x68,0xF8,0x76,0x9B,0xD3,0xE4,0xB2,0x9B,0x9E,0x2E,0xB3,0x59,0xA0,0x3F,0xC8,0x5D,0x06,0xA9,0xC3,0xED,0x70,0x7A,0x0E,0xA2,0xCB,0xC3,0xEE,0x79,0xBB,0x4C,0xA7,0xCB,0xCB,0xA0,0x56,0x43,0x61,0x7D,0xA7,0xC7,0x69,0x90,0xFD,0x4D,0x97,0x97,0x41,0xEE,0x77,0xDD,0x5E,0x0E,0xD7,0x41,0xED,0x37,0x1D,0x44,0x2E,0x83,0xE0,0xE1,0xF9,0xBC,0x0C,0xD2,0x81,0xE6,0x77,0xD9,0xB8,0x4C,0x06,0xC1,0xDF,0x75,0x39,0xE8,0x5C,0x90,0x97,0xE5,0x20,0xFB,0x9B,0x2E,0x2F,0x83,0xC6,0xEF,0x36,0x9C,0x5E,0x06,0x4D,0x8D,0x52,0xD0,0xBC,0x2E,0x07,0xDD,0xEF,0x77,0xD7,0xDC,0x2C,0x77,0x99,0xE5,0xA0,0x77,0x1D,0x04,0x0F,0xCB,0x41,0xF4,0x02,0xBB,0x00,0x47,0xBF,0xDD,0x65,0x50,0xB8,0x0E,0xCA,0xD9,0x66]);
    const d = deliver(pdu);
    expect(d).toMatchObject({ sender: { value: '1800' }, encoding: 'gsm7', messageClass: 1, sentAt: '2011-06-24T13:08:15+02:00' });
    expect(d.text).toContain('Voici votre nouveau mot de passe : sw2ced pour gérer votre compte SFR');
  });

  it('keeps 8-bit data as hex rather than inventing text (ModemManager test_pdu3_8bit)', () => {
    const d = deliver('07912143658709F1040B918100551512F2000411101021436500 0AE8329BFD4697D9EC37DE'.replace(/ /g, ''));
    expect(d).toMatchObject({ encoding: '8bit', text: null, data: 'E8329BFD4697D9EC37DE' });
  });

  it('keeps what a truncated PDU holds and says it is cut short (ModemManager test_pdu_insufficient_data)', () => {
    const d = deliver('07912143658709F1040B918100551512F20000111010214365000BE8329BFD4697D9EC37');
    expect(d.text).toBe('hellohello');
    expect(d.problems.join(' ')).toMatch(/10 of the 11 characters/);
  });

  it('tells from the announced length whether the SMSC field is present', () => {
    // The same TPDU with and without the SMSC in front: +CMT: ,25 announces the TPDU's 25 octets.
    const tpdu = '040D91683105155694F5000850208151754500044F60597D';
    expect(deliver(tpdu, tpdu.length / 2)).toMatchObject({ smsc: null, text: '你好' });
    expect(deliver(`0891683108200505F0${tpdu}`, tpdu.length / 2)).toMatchObject({ smsc: '+8613800250500', text: '你好', problems: [] });
  });
});

describe('status reports', () => {
  it('decodes a status report (ModemManager test_pdu_not_stored)', () => {
    const r = decodePdu('07914356060013F1065A098136397339F7219011700463802190117004638030') as StatusReport;
    expect(r).toMatchObject({
      type: 'status-report',
      smsc: '+34656000311',
      reference: 0x5a,
      recipient: { value: '639337937' },
      sentAt: '2012-09-11T07:40:36+02:00',
      status: 0x30,
    });
  });

  it('decodes a status report without SMSC (python-gsmmodem test_pdu: reference 214 to +31628870634)', () => {
    const r = decodePdu('0006D60B911326880736F4111011719551401110117195714000') as StatusReport;
    expect(r).toMatchObject({ type: 'status-report', smsc: null, reference: 214, recipient: { value: '+31628870634' }, status: 0 });
  });
});

describe('malformed input is an error with a reason, never a guess', () => {
  for (const [what, pdu, reason] of [
    ['non-hex text', 'ZZ12', /not a hex PDU/],
    ['an odd length', '079', /odd length/],
    ['nothing after the SMSC', '07912143658709F1', /first octet/],
    ['an address cut short', '07912143658709F1040B9181', /sender address/],
    ['a reserved message type', '0003', /reserved/],
  ] as const) {
    it(`rejects ${what}`, () => {
      expect(() => decodePdu(pdu)).toThrow(PduError);
      expect(() => decodePdu(pdu)).toThrow(reason);
    });
  }
});

describe('SMS-SUBMIT for the complaint SMS', () => {
  it('matches python-gsmmodem\'s encoding of "Hello World!" to +27820001111', () => {
    expect(encodeSubmit('+27820001111', 'Hello World!', { reference: 0 })).toEqual([
      { hex: '000100' + '0B917228001011F100000CC8329BFD065DDF72363904', tpduLength: 24 },
    ]);
  });

  it('sends short codes and national numbers as typed, never as international', () => {
    const [p] = encodeSubmit('10086999', '13800138000*test', { reference: 1 });
    const back = decodePdu(p!.hex);
    expect(back).toMatchObject({ type: 'submit', recipient: { kind: 'number', value: '10086999' }, text: '13800138000*test' });
    expect(p!.hex.slice(6, 10)).toBe('0881'); // 8 digits, type unknown/ISDN
  });

  it('splits a long Chinese complaint into UCS2 parts with one reference and joins back exactly', () => {
    const text = '投诉：我的号码自2025-03-04起遭受呼死你式骚扰，短时间内大量来电并收到勒索短信（加微信、转账），请核查处理。'.repeat(2);
    const parts = encodeSubmit('12321', text, { reference: 77, statusReport: true });
    expect(submitShape(text)).toEqual({ encoding: 'ucs2', parts: parts.length });
    const decoded = parts.map((p) => decodePdu(p.hex));
    expect(decoded.map((d) => d.type === 'submit' && d.concat)).toEqual(
      parts.map((_, i) => ({ reference: 77, referenceBits: 8, total: parts.length, sequence: i + 1 })),
    );
    expect(decoded.map((d) => (d.type === 'submit' ? d.text : '')).join('')).toBe(text);
    for (const p of parts) expect(p.tpduLength).toBe(p.hex.length / 2 - 1);
  });

  it('keeps 7-bit text 7-bit, with the extension table, and never cuts an escape or an emoji in two', () => {
    const seven = 'Code [123456] {ok} ~ € |'.repeat(12);
    const p7 = encodeSubmit('+8613800138000', seven, { reference: 3 });
    expect(submitShape(seven).encoding).toBe('gsm7');
    expect(p7.map((p) => (decodePdu(p.hex) as { text: string }).text).join('')).toBe(seven);
    const emoji = '红包🧧'.repeat(40);
    const pe = encodeSubmit('+8613800138000', emoji, { reference: 4 });
    expect(pe.map((p) => (decodePdu(p.hex) as { text: string }).text).join('')).toBe(emoji);
  });
});

describe('SMS-DELIVER as the simulator sends it', () => {
  it('round-trips sender, time with zone, 16-bit references and alphanumeric senders', () => {
    const sentAt = new Date('2025-03-04T06:02:03Z');
    const text = '您的验证码是 482913，5分钟内有效。请勿泄露。'.repeat(4);
    const pdus = encodeDeliver('+8613912345678', text, { sentAt, offsetMinutes: 480, reference: 0x1234, referenceBits: 16, smsc: '+8613800100500' });
    const parts = pdus.map((p) => deliver(p));
    expect(parts[0]).toMatchObject({
      smsc: '+8613800100500',
      sender: { value: '+8613912345678' },
      sentAt: '2025-03-04T14:02:03+08:00',
      concat: { reference: 0x1234, referenceBits: 16 },
    });
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(deliver(encodeDeliver('Bank', 'Hi', { sentAt, offsetMinutes: -300, reference: 0 })[0]!)).toMatchObject({
      sender: { kind: 'alphanumeric', value: 'Bank' },
      sentAt: '2025-03-04T01:02:03-05:00',
    });
  });
});
