// @module-tag pty
// The simulated dongles' SMS side, seen from a bare host on a real pty: 27.005 shapes, a SIM that fills
// (+CMS ERROR: 322), the network holding what does not fit, and an SMS flood during a call flood.
import { afterEach, describe, expect, it } from 'vitest';
import { decodePdu } from '../../../main/modem/sms/pdu.ts';
import { encodeSubmit } from '../../../main/modem/sms/submit.ts';
import { startSimulator, type SimProfileName, type Simulator } from '../../../main/sim/index.ts';
import { openHost, tempLink, type TestHost } from './host.ts';

let running: Array<{ sim: Simulator; host: TestHost }> = [];
afterEach(async () => {
  for (const { sim, host } of running) {
    await host.close();
    await sim.close();
  }
  running = [];
});

async function modem(profile: SimProfileName, init: string[], sms: { capacity?: number; preload?: { from: string; text: string }[] } = {}) {
  const link = tempLink();
  const sim = await startSimulator({ link, profile, timeScale: 100, sms });
  const host = await openHost(link);
  running.push({ sim, host });
  for (const c of ['ATE0', 'AT+CMEE=1', ...init]) await host.command(c);
  host.clear();
  return { sim, host };
}

describe('simulated SMS storage', () => {
  it('lists, reads and deletes in PDU mode with 27.005 shapes, and names an empty index', async () => {
    const { host } = await modem('sim800', ['AT+CMGF=0'], { preload: [{ from: '+8613912345678', text: '你好' }] });
    const list = await host.command('AT+CMGL=4');
    const m = /\+CMGL: 1,0,,(\d+)\r\n([0-9A-F]+)\r\n/.exec(list);
    expect(m).not.toBeNull();
    expect(decodePdu(m![2]!, Number(m![1]))).toMatchObject({ type: 'deliver', text: '你好', sender: { value: '+8613912345678' } });
    expect(await host.command('AT+CMGR=1')).toMatch(/\+CMGR: 1,,\d+\r\n/); // read since the list
    expect(await host.command('AT+CMGD=1')).toMatch(/OK/);
    expect(await host.command('AT+CMGR=1')).toMatch(/\+CMS ERROR: 321/);
    expect(await host.command('AT+CPMS?')).toMatch(/\+CPMS: "SM",0,30,"SM",0,30,"SM",0,30/);
  });

  it('answers +CMS ERROR: 322 to AT+CMGW when the SIM is full, and the network holds new messages until there is room', async () => {
    const preload = Array.from({ length: 3 }, (_, i) => ({ from: '10690000', text: `m${i}` }));
    const { sim, host } = await modem('huawei-e173', ['AT+CMGF=0', 'AT+CNMI=2,1,0,0,0'], { capacity: 3, preload });
    expect(await host.command('AT+CMGW=20')).toMatch(/\+CMS ERROR: 322/);
    const held = await sim.sendSms({ from: '10690000', text: 'waiting' });
    expect(held.delivered).toEqual(['held']);
    await host.waitFor('^SMMEMFULL: "SM"');
    host.clear();
    await host.command('AT+CMGD=0');
    // The network retries once there is room: the message is stored and announced.
    expect(await host.waitFor(/\+CMTI: "SM",0\r\n/)).toMatch(/\+CMTI: "SM",0/);
    expect(sim.smsStore().messages.find((x) => x.index === 0)).toBeTruthy();
  });

  it('refuses direct delivery on the ZTE dongle and takes it on the others', async () => {
    const zte = await modem('zte-mf', ['AT+CMGF=0']);
    expect(await zte.host.command('AT+CNMI=2,2,0,1,0')).toMatch(/\+CMS ERROR: 303/);
    const quectel = await modem('quectel-ec25', ['AT+CMGF=0']);
    expect(await quectel.host.command('AT+CNMI=2,2,0,1,0')).toMatch(/OK/);
    await quectel.sim.sendSms({ from: 'BANK', text: 'Your code is 1234', class: 1 });
    const text = await quectel.host.waitFor(/\+CMT: ,(\d+)\r\n[0-9A-F]+\r\n/);
    const [, len, pdu] = /\+CMT: ,(\d+)\r\n([0-9A-F]+)/.exec(text)!;
    expect(decodePdu(pdu!, Number(len))).toMatchObject({ sender: { kind: 'alphanumeric', value: 'BANK' }, text: 'Your code is 1234', messageClass: 1 });
  });

  it('takes AT+CMGS after the "> " prompt, refuses a PDU of the wrong length, and abandons on ESC', async () => {
    const { sim, host } = await modem('sim800', ['AT+CMGF=0']);
    const [pdu] = encodeSubmit('10086999', '13800138000*骚扰', { reference: 9 });
    await host.send(`AT+CMGS=${pdu!.tpduLength}\r`);
    await host.waitFor('\r\n> ');
    await host.send(`${pdu!.hex}\x1a`);
    expect(await host.waitFor(/\+CMGS: \d+\r\n\r\nOK\r\n/)).toMatch(/\+CMGS: 0/);
    expect(sim.smsSent()).toMatchObject([{ to: '10086999', text: '13800138000*骚扰', reference: 0 }]);
    host.clear();
    await host.send(`AT+CMGS=${pdu!.tpduLength + 1}\r`);
    await host.waitFor('> ');
    await host.send(`${pdu!.hex}\x1a`);
    expect(await host.waitFor(/\+CMS ERROR: 304\r\n/)).toMatch(/304/);
    host.clear();
    await host.send(`AT+CMGS=${pdu!.tpduLength}\r`);
    await host.waitFor('> ');
    await host.send('00\x1b');
    await host.waitFor('OK');
    expect(sim.smsSent()).toHaveLength(1);
  });
});

describe('SMS scenarios', () => {
  it('runs an SMS flood (500 messages in 5 minutes) while calls flood, and delivers every message', async () => {
    const { sim, host } = await modem('huawei-e173', ['AT+CMGF=0', 'AT+CNMI=2,2,0,1,0', 'AT+CLIP=1']);
    host.on(/\+CLIP: [^\r]*\r\n/, () => void host.send('AT+CHUP\r'));
    const calls = await sim.runScenario({
      steps: [
        { every: 600, for: 300_000, sms: { senders: 'rotating', texts: ['【某宝】您的验证码是{code}，5分钟内有效。', 'Your code is {code}'] } },
        { every: 10_000, for: 300_000, call: { numbers: 'rotating', rings: 2 } },
      ],
    });
    expect(calls).toHaveLength(30);
    expect(sim.smsStore().counts).toMatchObject({ cmt: 500, held: 0 });
    // Every write has drained on the modem's side; wait until the host has read them all.
    const cmtCount = () => (host.text().match(/\+CMT: ,\d+\r\n[0-9A-F]+\r\n/g) ?? []).length;
    for (const deadline = Date.now() + 10_000; cmtCount() < 500 && Date.now() < deadline;)
      await host.waitForBytes(host.bytes().length + 1, 1000).catch(() => {});
    const pdus = [...host.text().matchAll(/\+CMT: ,(\d+)\r\n([0-9A-F]+)\r\n/g)].map((m) => decodePdu(m[2]!, Number(m[1])));
    expect(pdus).toHaveLength(500);
    const codes = pdus.map((p) => (p.type === 'deliver' ? /\d{6}/.exec(p.text ?? '')?.[0] : null));
    expect(codes.every(Boolean)).toBe(true);
  });
});
