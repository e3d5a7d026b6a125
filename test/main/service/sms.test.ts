// @module-tag pty
// SMS through the real path: a simulated dongle on a real pty, the service's line reading it over serialport,
// every PDU written through the record writer into a real SQLite file, then `verify` over the whole chain.
// Nothing lost through a full SIM, long messages joined, the extortion text flagged, nothing sent without
// the user's confirmation of the exact draft.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openHistory } from '../../../main/history/index.ts';
import { startService, type Service } from '../../../main/service/index.ts';
import { openSettings } from '../../../main/settings/index.ts';
import { startSimulator, type SimProfileName, type Simulator } from '../../../main/sim/index.ts';
import { tempLink } from '../sim/host.ts';

let running: { service: Service; sim: Simulator }[] = [];
afterEach(async () => {
  for (const { service, sim } of running.splice(0)) {
    await service.close();
    await sim.close();
  }
});

const extortion = '你欠的钱今天必须还清，加微信 hk8899 私聊，否则把你的照片发给你所有联系人。';
const long = `【通知】${'您的账户存在异常，请立即处理。'.repeat(8)}回复TD退订`;

async function serviceOn(profile: SimProfileName, sms: { capacity?: number; preload?: { from: string; text: string }[] }) {
  const link = tempLink();
  const sim = await startSimulator({ link, profile, timeScale: 50, sms });
  const dataDir = mkdtempSync(join(tmpdir(), 'rf-sms-service-'));
  const settings = openSettings(dataDir);
  settings.update({ autoDetectModems: false, homeCountry: 'CN' });
  const service = await startService({ dataDir, settings, host: 'headless', modems: [link] });
  running.push({ service, sim });
  await vi.waitFor(async () => expect((await service.call('getStatus', {})).lines[0]?.sms?.ready).toBe(true), { timeout: 60_000, interval: 100 });
  return { service, sim, dataDir, settings };
}

/** The last hour to the next one: the statistics period the test's messages fall in. */
const range = () => ({ from: new Date(Date.now() - 3600_000).toISOString(), to: new Date(Date.now() + 3600_000).toISOString(), bucket: 'hour' as const });

const allMessages = async (service: Service) => (await service.call('queryMessages', { limit: 1000, order: 'oldest' })).messages;

describe('SMS recorded by the service', () => {
  it('records an SMS flood through a SIM that fills, deletes each only once chained, joins the long one, flags the extortion text, and verifies', async () => {
    // The ZTE dongle refuses direct delivery: every message goes through the SIM (+CMTI, read, record, delete).
    const preload = Array.from({ length: 4 }, (_, i) => ({ from: '10690000', text: `【某宝】您的验证码是10000${i}，5分钟内有效。` }));
    const { service, sim, dataDir } = await serviceOn('zte-mf', { capacity: 8, preload });
    await sim.runScenario({
      steps: [
        { every: 400, for: 40_000, sms: { senders: 'rotating', texts: ['【某宝】您的验证码是{code}，5分钟内有效。', 'Your code is {code}'] } },
        { at: 10_000, sms: { from: '+8613800138000', text: extortion } },
        { at: 20_000, sms: { from: '95555', text: long } },
      ],
    });
    const expected = 4 + 100 + 2;
    await vi.waitFor(async () => expect(await allMessages(service)).toHaveLength(expected), { timeout: 120_000, interval: 250 });
    // Every one left the SIM, and the network holds none: nothing lost.
    await vi.waitFor(() => expect(sim.smsStore().messages).toHaveLength(0), { timeout: 30_000, interval: 100 });
    // The SIM did fill (the network had to hold messages back), and the network gave up on none.
    expect(sim.smsStore().counts.heldPeak).toBeGreaterThan(0);
    expect(sim.smsStore().counts.lostAtNetwork).toBe(0);

    const messages = await allMessages(service);
    const joined = messages.find((m) => m.party === '95555')!;
    expect(joined).toMatchObject({ text: long, complete: true, total: joined.partIds.length });
    expect(joined.partIds.length).toBeGreaterThan(1);
    const flagged = (await service.call('queryMessages', { flag: 'alert', limit: 10 })).messages;
    expect(flagged.map((m) => m.text)).toEqual([extortion]);
    expect(flagged[0]!.flags.alert).toEqual(expect.arrayContaining(['微信']));
    // Each PDU is its own entry: as many as the messages plus the extra parts of the long one.
    const entries = expected + joined.partIds.length - 1;

    await service.close();
    running = running.filter((r) => r.service !== service);
    const db = new DatabaseSync(join(dataDir, 'ringfence.db'), { readOnly: true });
    const verdict = openHistory(db).verify();
    expect(verdict).toMatchObject({ ok: true, messages: entries, firstBad: null });
    expect((db.prepare('SELECT COUNT(*) AS n FROM history_sms_on_sim').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('prepares the complaint SMS, sends nothing without confirmation, and records what it sent', async () => {
    const { service, sim } = await serviceOn('quectel-ec25', {});
    await sim.sendSms({ from: '+8613800138000', text: extortion });
    await vi.waitFor(async () => expect(await allMessages(service)).toHaveLength(1), { timeout: 30_000, interval: 100 });

    const draft = await service.call('prepareComplaintSms', { number: '+8613800138000' });
    // The simulated SIM is China Mobile's: its report number, the number as dialled at home.
    expect(draft).toMatchObject({ to: '10086999', reported: '+8613800138000', encoding: 'ucs2' });
    expect(draft.text).toMatch(/^13800138000\*骚扰：.*短信1条，含勒索\/诈骗内容“你欠的钱今天必须还清/);
    // Not confirmed: refused by the contract, nothing leaves the modem.
    await expect(service.call('sendComplaintSms', { draftId: draft.draftId, text: draft.text })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(service.call('sendComplaintSms', { draftId: 'made-up', text: draft.text, confirmed: true })).rejects.toMatchObject({ code: 'draft-expired' });
    expect(sim.smsSent()).toEqual([]);

    const result = await service.call('sendComplaintSms', { draftId: draft.draftId, text: draft.text, confirmed: true });
    expect(result).toMatchObject({ ok: true, error: null });
    // A long text leaves as concatenated parts, each recorded as sent.
    expect(sim.smsSent().map((s) => s.to)).toEqual(Array.from({ length: draft.parts }, () => '10086999'));
    expect(
      sim
        .smsSent()
        .map((s) => s.text)
        .join(''),
    ).toBe(draft.text);
    expect(result.sent.map((s) => s.direction)).toEqual(Array.from({ length: draft.parts }, () => 'sent'));
    const sent = await service.call('queryMessages', { direction: 'sent', limit: 10 });
    expect(sent.messages.map((m) => m.text)).toEqual([draft.text]);
    // The same draft cannot be sent twice.
    await expect(service.call('sendComplaintSms', { draftId: draft.draftId, text: draft.text, confirmed: true })).rejects.toMatchObject({
      code: 'draft-expired',
    });
  });

  it('counts an SMS flood toward the shield incident it arrives in, and files the operator\u2019s reply with the complaint\u2019s incident', async () => {
    const { service, sim } = await serviceOn('quectel-ec25', {});
    const shield = await service.call('setShield', { on: true });
    expect(shield.active).toBe(true);
    await sim.runScenario({
      steps: [
        { every: 500, for: 5_000, sms: { senders: 'rotating', texts: ['您的验证码是{code}'] } },
        { at: 2_000, sms: { from: '+8613800138000', text: extortion } },
      ],
    });
    await vi.waitFor(async () => expect(await allMessages(service)).toHaveLength(11), { timeout: 60_000, interval: 100 });
    const incidentId = (await service.call('getStatistics', range())).incidents.at(-1)?.id;
    expect(incidentId).toBeTypeOf('number');
    const inIncident = await service.call('queryMessages', { incidentId: incidentId!, limit: 100 });
    expect(inIncident.messages).toHaveLength(11);
    expect(inIncident.counts).toMatchObject({ total: 11, alert: 1 });
    const stats = await service.call('getStatistics', range());
    expect(stats.messages).toMatchObject({ received: 11, flagged: 1, perIncident: [{ incidentId, received: 11, flagged: 1 }] });
    await service.call('setShield', { on: false });

    const draft = await service.call('prepareComplaintSms', { incidentId: incidentId! });
    expect(draft).toMatchObject({ incidentId, to: '10086999' });
    expect(draft.text).toContain('短信11条');
    await service.call('sendComplaintSms', { draftId: draft.draftId, text: draft.text, confirmed: true });
    // The simulated desk acknowledges: the reply arrives after the shield ended, and still goes with the incident.
    await vi.waitFor(
      async () => expect((await service.call('queryMessages', { party: '10086999', direction: 'received', limit: 5 })).messages).toHaveLength(1),
      { timeout: 60_000, interval: 100 },
    );
    const reply = (await service.call('queryMessages', { party: '10086999', direction: 'received', limit: 5 })).messages[0]!;
    expect(reply).toMatchObject({ incidentId, text: expect.stringContaining('不良信息已收到') });
  });

  it('sends the daily checkpoint SMS only to a confirmed number, and records it', async () => {
    const first = await serviceOn('quectel-ec25', {});
    await first.sim.sendSms({ from: '10690000', text: '您的验证码是 123456' });
    await vi.waitFor(async () => expect(await allMessages(first.service)).toHaveLength(1), { timeout: 30_000, interval: 100 });
    // Enabled but not confirmed: the first daily checkpoint is written, no SMS leaves.
    first.settings.update({ evidence: { smsCheckpoint: { enabled: true, to: '13900001111', confirmedAt: null } } });
    await vi.waitFor(() => expect(readdirSync(join(first.dataDir, 'exports', 'checkpoints')).length).toBeGreaterThan(0), { timeout: 30_000, interval: 200 });
    expect(first.sim.smsSent()).toEqual([]);
    // Confirmed: the next housekeeping tick texts the head, once, and the sent SMS is in the chain.
    const head = (await first.service.call('verifyHistory', {})).head;
    first.settings.update({ evidence: { smsCheckpoint: { enabled: true, to: '13900001111', confirmedAt: new Date().toISOString() } } });
    await vi.waitFor(() => expect(first.sim.smsSent()).toHaveLength(1), { timeout: 30_000, interval: 100 });
    expect(first.sim.smsSent()[0]).toMatchObject({
      to: '13900001111',
      text: expect.stringMatching(new RegExp(`^Ringfence checkpoint .* record \\d+ head ${head}$`)),
    });
    await vi.waitFor(async () => expect((await first.service.call('queryMessages', { direction: 'sent', limit: 5 })).messages).toHaveLength(1), {
      timeout: 30_000,
      interval: 100,
    });
    expect((await first.service.call('getStatus', {})).notices.map((n) => n.code)).toContain('checkpoint-sms-sent');
  });
});
