// @module-tag pty
// SMS through the real Line and the simulated dongles on a real pty: direct delivery (+CMT) and stored
// delivery (+CMTI, read-and-delete), the sweep of a SIM that is already full, a flood through a full SIM,
// a store that refuses writes, multipart messages, and sending with the "> " prompt.
import { afterEach, describe, expect, it } from 'vitest';
import { openLine, type Line } from '../../../main/modem/index.ts';
import { joinParts } from '../../../main/modem/sms/concat.ts';
import type { ReceivedPdu } from '../../../main/modem/sms/receiver.ts';
import { startSimulator, type SimProfileName, type Simulator } from '../../../main/sim/index.ts';
import { tempLink } from '../sim/host.ts';
import { decision } from './support/tracker-rig.ts';
import { fastTiming } from './support/line-rig.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type Rig = {
  sim: Simulator;
  line: Line;
  received: ReceivedPdu[];
  deleted: ReceivedPdu[];
  until: (test: () => boolean, what: string, timeoutMs?: number) => Promise<void>;
  failing: { on: boolean };
};

async function rig(
  profile: SimProfileName,
  options: { capacity?: number; preload?: { from: string; text: string }[]; sweepEveryMs?: number } = {},
): Promise<Rig> {
  const link = tempLink();
  const sim = await startSimulator({
    link,
    profile,
    timeScale: 50,
    sms: { ...(options.capacity ? { capacity: options.capacity } : {}), ...(options.preload ? { preload: options.preload } : {}) },
  });
  const received: ReceivedPdu[] = [];
  const deleted: ReceivedPdu[] = [];
  const failing = { on: false };
  const waiters = new Set<() => void>();
  const line = openLine({
    id: 'sms-1',
    path: link,
    decide: (callerId) => decision(callerId.number === '13800138000' ? 'allow' : 'reject'),
    commandTimeoutMs: 1000,
    reconnect: { initialDelayMs: 50, maxDelayMs: 200 },
    timing: fastTiming,
    sms: {
      store: (sms) => {
        if (failing.on) return false;
        received.push(sms);
        for (const w of [...waiters]) w();
        return true;
      },
      deleted: (sms) => {
        deleted.push(sms);
        for (const w of [...waiters]) w();
      },
      ...(options.sweepEveryMs ? { sweepEveryMs: options.sweepEveryMs } : {}),
    },
  });
  cleanups.push(
    () => sim.close(),
    () => line.close(),
  );
  const until = (test: () => boolean, what: string, timeoutMs = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!test()) return;
        waiters.delete(check);
        clearTimeout(timer);
        clearInterval(poll);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        clearInterval(poll);
        reject(new Error(`timed out waiting for ${what}; received ${received.length}, SIM holds ${sim.smsStore().messages.length}`));
      }, timeoutMs);
      // The SIM's side changes without an event on our side (a delete lands in the simulator).
      const poll = setInterval(check, 20);
      waiters.add(check);
      check();
    });
  await line.ready(10_000);
  await until(() => line.smsState().ready, 'SMS set-up');
  return { sim, line, received, deleted, until, failing };
}

const texts = (r: ReceivedPdu[]) => r.map((m) => (m.decoded?.type === 'deliver' ? m.decoded.text : null));

describe('SMS reception on a real line', () => {
  it('takes direct delivery (+CMT) where the dongle offers it: nothing is left on the SIM', async () => {
    const { sim, line, received, until } = await rig('huawei-e173');
    expect(line.smsState()).toMatchObject({ ready: true, mode: 'direct' });
    await sim.sendSms({ from: '+8613912345678', text: '加我微信 abc123，转账 5000 元，否则后果自负' });
    await until(() => received.length === 1, 'the message');
    expect(received[0]).toMatchObject({
      source: 'cmt',
      storage: null,
      error: null,
      decoded: { type: 'deliver', sender: { value: '+8613912345678' }, text: '加我微信 abc123，转账 5000 元，否则后果自负' },
    });
    expect(sim.smsStore().messages).toEqual([]);
  });

  it('reads and deletes stored messages (+CMTI) on a dongle without direct delivery, deleting only after the store said yes', async () => {
    const { sim, line, received, deleted, until } = await rig('zte-mf');
    expect(line.smsState()).toMatchObject({ ready: true, mode: 'stored' });
    await sim.sendSms({ from: '10690000', text: '【某平台】您的验证码是 482913，5分钟内有效。' });
    await until(() => deleted.length === 1 && sim.smsStore().messages.length === 0, 'read, record, delete');
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ source: 'stored', storage: { memory: 'SM', index: 0 } });
    expect(texts(received)).toEqual(['【某平台】您的验证码是 482913，5分钟内有效。']);
  });

  it('sweeps a SIM that was already full before the app opened it, and records each message once', async () => {
    const preload = Array.from({ length: 30 }, (_, i) => ({ from: `1069${String(i).padStart(4, '0')}`, text: `old message ${i}` }));
    const { sim, received, until } = await rig('zte-mf', { preload });
    await until(() => sim.smsStore().messages.length === 0 && received.length === 30, 'the sweep');
    expect(new Set(texts(received))).toEqual(new Set(preload.map((p) => p.text)));
  });

  it('loses nothing through a full SIM under a flood: the network holds what does not fit until space is freed', async () => {
    const preload = Array.from({ length: 5 }, (_, i) => ({ from: '10690000', text: `before ${i}` }));
    const { sim, received, until } = await rig('zte-mf', { capacity: 5, preload });
    const flood = Array.from({ length: 60 }, (_, i) => `您的验证码是 ${String(100000 + i)}`);
    await Promise.all(flood.map((text, i) => sim.sendSms({ from: `+86170${String(i).padStart(8, '0')}`, text })));
    await until(() => received.length === 65 && sim.smsStore().messages.length === 0, 'every message', 30_000);
    const got = texts(received);
    expect(new Set(got).size).toBe(65);
    for (const t of [...flood, ...preload.map((p) => p.text)]) expect(got).toContain(t);
    expect(sim.smsStore().counts.held).toBeGreaterThan(0);
    expect(sim.smsStore().counts.lostAtNetwork).toBe(0);
  });

  it('leaves messages on the SIM while the store refuses them, and records them once it takes them again', async () => {
    const { sim, received, failing, until } = await rig('zte-mf', { sweepEveryMs: 300 });
    failing.on = true;
    await sim.sendSms({ from: '10690000', text: 'kept on the SIM' });
    await until(() => sim.smsStore().messages.length === 1 && sim.smsStore().messages[0]!.stat === 1, 'the read that fails to record');
    expect(received).toHaveLength(0);
    failing.on = false;
    await until(() => received.length === 1 && sim.smsStore().messages.length === 0, 'the retry');
    expect(texts(received)).toEqual(['kept on the SIM']);
  });

  it.each(['huawei-e173', 'zte-mf'] as const)('joins a long UCS2 message with a 16-bit reference from its parts (%s)', async (profile) => {
    const { sim, received, until } = await rig(profile);
    const text = '警告：你欠的钱今天必须还清，否则我们会把你的照片发给你通讯录里的所有人。加微信 zhai2024 私聊，不要报警，后果自负。'.repeat(2);
    const delivery = await sim.sendSms({ from: '+8617012345678', text, referenceBits: 16 });
    expect(delivery.parts).toBeGreaterThan(1);
    await until(() => received.length === delivery.parts, 'every part');
    const joined = joinParts(
      received.map((r) => {
        const d = r.decoded!;
        if (d.type !== 'deliver') throw new Error('not a deliver');
        return {
          concat: d.concat ? { lineId: r.lineId, sender: d.sender.value, ...d.concat } : null,
          receivedMs: r.receivedAt.getTime(),
          text: d.text,
          item: r,
        };
      }),
    );
    expect(joined).toHaveLength(1);
    expect(joined[0]).toMatchObject({ complete: true, text });
  });

  it('keeps screening calls while an SMS flood arrives', async () => {
    const { sim, received, until } = await rig('huawei-e173');
    const flood = Promise.all(Array.from({ length: 40 }, (_, i) => sim.sendSms({ from: '10690000', text: `验证码 ${i}` })));
    const call = await sim.placeCall({ number: null, presentation: 'withheld', rings: 10 });
    await flood;
    expect(call.outcome).toBe('rejected');
    await until(() => received.length === 40, 'the flood');
  });
});

describe('sending SMS on a real line', () => {
  it('sends a long Chinese text with the "> " prompt, part by part, and gets the operator\'s reply', async () => {
    const { sim, line, received, until } = await rig('sim800');
    const text = '13800138000*呼死你式骚扰：2025-03-04 共来电 312 次，自动挂断 300 次，并收到勒索短信（加微信、转账）。请核查处理。';
    const result = await line.sendSms('10086999', text);
    expect(result.ok).toBe(true);
    const sent = sim.smsSent();
    expect(sent.map((s) => s.to)).toEqual(sent.map(() => '10086999'));
    expect(sent.map((s) => s.text).join('')).toBe(text);
    if (result.ok) expect(result.references).toEqual(sent.map((s) => s.reference));
    await until(() => received.some((r) => r.decoded?.type === 'deliver' && r.decoded.sender.value === '10086999'), "the operator's reply");
    await until(() => received.some((r) => r.decoded?.type === 'status-report'), 'the status report');
  });

  it('says which part failed when the network is gone, and sends nothing after it', async () => {
    const { sim, line } = await rig('quectel-ec25');
    await sim.fault('no-network');
    const result = await line.sendSms('+8613800138000', 'hello');
    expect(result).toMatchObject({ ok: false, sentParts: 0 });
    if (!result.ok) expect(result.error).toMatch(/part 1 of 1 was not sent: CMS ERROR: 331/);
    expect(sim.smsSent()).toEqual([]);
  });
});
