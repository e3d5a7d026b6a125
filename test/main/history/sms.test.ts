// SMS in the tamper-evident chain: each PDU is an entry numbered with the calls and events, checked by
// verify like a call, and a message read again from the SIM after a crash is not recorded twice. Real SQLite
// files; the damage is done the way the sqlite3 shell would, on a connection of its own.
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewSms } from '../../../main/history/index.ts';
import { openTestHistory, isoAt, makeCall, makeIncident, makeSms } from './support.ts';

const t0 = Date.parse('2026-11-20T02:00:00Z');
const minute = 60_000;

/** A verification code from a bulk sender, with the network's time stamp and the PDU as the modem printed it. */
const codeSms = (at: number, o: Partial<NewSms> = {}): NewSms =>
  makeSms(at, {
    networkTime: isoAt(at - 3_000),
    party: '10690000123',
    normalized: '+8610690000123',
    text: '【某某】您的验证码是 482913，5 分钟内有效。',
    pdu: '0791683108200805F0040D91683106900001F2000822113021020023',
    ...o,
  });

function setUp() {
  const opened = openTestHistory({ now: () => new Date(t0 + 60 * minute) });
  const file = join(opened.dir, 'ringfence.db');
  const shell = (sql: string) => {
    const other = new DatabaseSync(file);
    other.exec('DROP TRIGGER IF EXISTS history_sms_append_only');
    other.exec(sql);
    other.close();
  };
  return { ...opened, shell };
}

describe('SMS in the chain', () => {
  it('take the next numbers between calls and shield events, and verify counts them', () => {
    const { history } = setUp();
    history.record(makeCall(t0));
    const a = history.recordSms(codeSms(t0 + minute));
    history.recordIncidents([
      makeIncident(t0 + 2 * minute, null, { cause: { en: '5 calls from 5 unknown numbers within 3 minutes', zh: '3 分钟内 5 个陌生号码来电 5 次' } }),
    ]);
    const b = history.recordSms(codeSms(t0 + 3 * minute, { text: '加微信 abc123 私聊，否则后果自负' }));
    const c = history.record(makeCall(t0 + 4 * minute));
    expect([a.id, b.id, c.id]).toEqual([2, 4, 5]);
    expect(history.headInfo()).toEqual({ lastId: 5, head: c.hash });
    expect(history.verify()).toMatchObject({ ok: true, records: 2, events: 1, messages: 2, firstBad: null, lastId: 5 });
    expect(history.getSms(b.id)).toEqual(b);
    expect(history.listSms({ order: 'oldest' }).map((s) => s.text)).toEqual([a.text, b.text]);
  });

  it("editing a stored SMS's text fails verify and names the message", () => {
    const { history, shell } = setUp();
    history.record(makeCall(t0));
    history.recordSms(codeSms(t0 + minute, { party: '13800138000', text: '转账 5000 到这个账户，不然天天打你电话' }));
    history.record(makeCall(t0 + 2 * minute));
    shell("UPDATE history_sms SET text = '你好' WHERE id = 2");
    const result = history.verify();
    expect(result.ok).toBe(false);
    expect(result.firstBad).toMatchObject({
      id: 2,
      reason: expect.stringMatching(
        /^record 2 \(the SMS from 13800138000 received 2026-11-20T10:01:00\.000\+08:00\): its text, sender, time or PDU was changed/,
      ),
    });
  });

  it("moving a stored SMS's time fails verify and says which time changed", () => {
    const { history, shell } = setUp();
    history.recordSms(codeSms(t0));
    history.recordSms(codeSms(t0 + minute));
    shell(`UPDATE history_sms SET received_ms = received_ms + 86400000 WHERE id = 2`);
    expect(history.verify().firstBad).toMatchObject({ id: 2, reason: expect.stringMatching(/^record 2 \(the SMS from 10690000123 .*\): received_ms changed/) });
    shell(`UPDATE history_sms SET received_ms = received_ms - 86400000 WHERE id = 2`);
    expect(history.verify().ok).toBe(true);
    shell(`UPDATE history_sms SET received_at = '2026-11-19T10:01:00.000+08:00' WHERE id = 2`);
    expect(history.verify().firstBad).toMatchObject({
      id: 2,
      reason: expect.stringMatching(
        /received_at changed \(it says 2026-11-19T10:01:00\.000\+08:00; the message was recorded at 2026-11-20T10:01:00\.000\+08:00\)/,
      ),
    });
  });

  it('an edited PDU names the message, quoting a sender that is not a plain number', () => {
    const { history, shell } = setUp();
    history.recordSms(codeSms(t0, { party: 'Bank\u001b[2J', partyKind: 'alphanumeric', normalized: null }));
    history.record(makeCall(t0 + minute));
    shell("UPDATE history_sms SET pdu = pdu || '00' WHERE id = 1");
    expect(history.verify().firstBad?.reason).toMatch(/^record 1 \(the SMS from "Bank\\u001b\[2J" received 2026-11-20T10:00:00\.000\+08:00\)/);
  });

  it('a deleted SMS is a missing record', () => {
    const { history, shell } = setUp();
    history.recordSms(codeSms(t0));
    history.recordSms(codeSms(t0 + minute));
    history.record(makeCall(t0 + 2 * minute));
    shell('DELETE FROM history_sms WHERE id = 2');
    expect(history.verify().firstBad).toMatchObject({ id: 2, reason: 'record 2 is missing: the records jump from 1 to 3' });
  });

  it('a retention cut removes the old SMS with the old calls and the rest still verifies', () => {
    const day = 24 * 60 * minute;
    const { history } = openTestHistory({ now: () => new Date(t0 + 40 * day) });
    history.recordSms(codeSms(t0));
    history.record(makeCall(t0 + minute));
    history.recordSms(codeSms(t0 + 2 * minute));
    history.record(makeCall(t0 + 39 * day));
    history.recordSms(codeSms(t0 + 39 * day + minute));
    expect(history.applyRetention(30)).toEqual({ deleted: 1 });
    expect(history.listSms().map((s) => s.id)).toEqual([5]);
    expect(history.verify()).toMatchObject({ ok: true, records: 1, messages: 1 });
  });

  it('a message read again from its SIM slot before the modem deleted it is the same entry, not a second one', () => {
    const { history } = setUp();
    const sms = codeSms(t0, { source: 'stored' });
    const first = history.recordSms(sms, { memory: 'SM', slot: 3 });
    // the process died between the commit and AT+CMGD: the sweep after restart reads slot 3 again
    const again = history.recordSms({ ...sms, receivedAt: isoAt(t0 + 5 * minute) }, { memory: 'SM', slot: 3 });
    expect(again).toEqual(first);
    expect(history.listSms()).toHaveLength(1);
    history.smsDeletedFromSim('line-1', { memory: 'SM', slot: 3 }, sms.pdu);
    // once deleted, the slot holds a new message even if it is byte for byte the same (a repeated code SMS)
    const next = history.recordSms({ ...sms, receivedAt: isoAt(t0 + 9 * minute) }, { memory: 'SM', slot: 3 });
    expect(next.id).toBe(2);
    expect(history.verify()).toMatchObject({ ok: true, messages: 2 });
  });

  it('a long chain is verified in parallel stretches with SMS among the calls', () => {
    const { history, shell } = setUp();
    for (let i = 0; i < 60; i++) {
      if (i % 3 === 0) history.recordSms(codeSms(t0 + i * minute, { text: `code ${i}` }));
      else history.record(makeCall(t0 + i * minute, { number: `170123400${String(i).padStart(2, '0')}` }));
    }
    expect(history.verify({ parallelFrom: 10, threads: 3 })).toMatchObject({ ok: true, records: 40, messages: 20 });
    shell("UPDATE history_sms SET text = 'code 999' WHERE id = 46");
    expect(history.verify({ parallelFrom: 10, threads: 3 }).firstBad).toMatchObject({ id: 46 });
  });
});
