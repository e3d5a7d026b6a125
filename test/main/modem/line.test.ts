// The Line on a real pty with real serialport: init per profile, URCs interleaved with replies, echo,
// a hung modem, caller-ID checks.
import { afterEach, describe, expect, it } from 'vitest';
import type { LineStatus } from '../../../shared/domain.ts';
import { conexantZoom, gsmModem, huaweiE173, landlineModem, quectelEc25, sim800, usr5637, wavecom, zteMf, type GsmSpec } from './support/modems.ts';
import { frame, ModemPeer, ok, type Script } from './support/peer.ts';
import { lineRig } from './support/line-rig.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(script: Script, options: Parameters<typeof lineRig>[1] = {}) {
  const peer = await ModemPeer.start(script);
  const rig = lineRig(peer.link, options);
  cleanups.push(() => peer.close());
  cleanups.push(() => rig.line.close());
  return { peer, rig };
}

describe('line initialisation per profile', { tags: ['pty'] }, () => {
  const gsmCases: [string, GsmSpec, string[]][] = [
    ['huawei', huaweiE173, ['AT^CURC=0']],
    ['simcom', sim800, ['AT+CVHU=0']],
    ['quectel', quectelEc25, ['AT+QURCCFG="urcport","all"']],
    ['zte', zteMf, []],
    ['generic-gsm', wavecom, []],
  ];
  for (const [profile, spec, extra] of gsmCases) {
    it(`identifies a ${profile} modem, enables and confirms caller ID, and reads its health`, async () => {
      const modem = gsmModem(spec);
      const { peer, rig } = await setup(modem.script);
      await rig.line.ready();
      const s = rig.line.status();
      expect(s).toMatchObject({
        state: 'ready',
        kind: 'gsm',
        profile,
        model: spec.cgmm,
        imei: spec.imei,
        sim: 'READY',
        operator: 'CHINA MOBILE',
        callerIdConfirmed: true,
        problem: null,
      });
      expect(s.signal).toEqual({ csq: 20, dbm: -73, bars: 4 });
      for (const c of ['ATE0', 'AT+CMEE=2', 'AT+CLIP=1', 'AT+CRC=1', 'AT+CLIP?', ...extra]) expect(peer.commands).toContain(c);
      expect(modem.state.clip).toBe(1);
    });
  }

  it('initialises a USRobotics landline modem: reset, echo off, AT+VCID=1', async () => {
    const modem = landlineModem(usr5637);
    const { peer, rig } = await setup(modem.script);
    await rig.line.ready();
    expect(rig.line.status()).toMatchObject({ kind: 'landline', profile: 'usrobotics', callerIdConfirmed: true, problem: null, signal: null });
    expect(peer.commands.slice(peer.commands.indexOf('ATZ'))).toEqual(['ATZ', 'ATE0 V1 Q0', 'AT+VCID=1']);
  });

  it('falls back to AT#CID=1 on a Conexant modem that refuses AT+VCID', async () => {
    const modem = landlineModem(conexantZoom);
    const { peer, rig } = await setup(modem.script);
    await rig.line.ready();
    expect(rig.line.status()).toMatchObject({ profile: 'conexant', callerIdConfirmed: true });
    expect(peer.commands).toContain('AT#CID=1');
    expect(modem.state.vcid).toBe(true);
  });

  it('says plainly when a landline modem has no caller ID at all', async () => {
    const { rig } = await setup(landlineModem({ ...usr5637, vcid: false }).script);
    await rig.line.ready();
    expect(rig.line.status().problem?.text.en).toMatch(/^Modem does not report caller ID: check AT\+VCID/);
  });

  it('reports an error, not a hang, when the modem refuses a required set-up command', async () => {
    const modem = landlineModem(usr5637);
    const { rig } = await setup((command, peer) => (command === 'ATE0 V1 Q0' ? frame('ERROR') : modem.script(command, peer)));
    await expect(rig.line.ready()).rejects.toThrow(/init-refused/);
    expect(rig.line.status()).toMatchObject({ state: 'error', problem: { code: 'init-refused' } });
  });

  it('reports a missing SIM card as the line’s problem', async () => {
    const { rig } = await setup(gsmModem({ ...huaweiE173, sim: 'NOT INSERTED' }).script);
    await rig.line.ready();
    expect(rig.line.status()).toMatchObject({ sim: 'NOT INSERTED', problem: { code: 'no-sim' } });
    expect(rig.line.status().problem?.text.zh).toMatch(/SIM/);
  });

  it('reports Huawei firmware with voice disabled', async () => {
    const { rig } = await setup(gsmModem({ ...huaweiE173, replies: { 'AT^CVOICE?': frame('ERROR') } }).script);
    await rig.line.ready();
    expect(rig.line.status().problem?.code).toBe('voice-disabled');
  });

  it('works with a modem that has echo on and keeps it on', async () => {
    const modem = gsmModem({ ...sim800, replies: { ATE0: ok() } });
    const { peer, rig } = await setup(modem.script);
    peer.echo = true;
    await rig.line.ready();
    expect(rig.line.status()).toMatchObject({ state: 'ready', model: 'SIMCOM_SIM800', imei: sim800.imei });
  });
});

describe('unsolicited lines during commands', { tags: ['pty'] }, () => {
  it('delivers a call that arrives between a command, its echo and its reply, and still reads the reply', async () => {
    const modem = gsmModem({
      ...huaweiE173,
      replies: {
        'AT+CGSN': `\r\n+CRING: VOICE\r\nAT+CGSN\r\n+CLIP: "+8613800138000",145,,,,0\r\n\r\n867420012345678\r\n^RSSI:14\r\n\r\nOK\r\n`,
      },
    });
    const { rig } = await setup(modem.script);
    const decided = await rig.waitFor<{ callerId: { number: string } }>('decided');
    expect(decided.callerId.number).toBe('+8613800138000');
    await rig.line.ready();
    expect(rig.line.status().imei).toBe('867420012345678');
    const ended = await rig.waitFor<{ rings: number; callerId: { number: string } }>('call-ended');
    expect(ended).toMatchObject({ rings: 1, callerId: { number: '+8613800138000' } });
  });

  it('asks AT+CLCC for the number when +CLIP does not come', async () => {
    const modem = gsmModem(huaweiE173);
    const { peer, rig } = await setup(modem.script);
    await rig.line.ready();
    modem.state.calls = ['+CLCC: 1,1,4,0,0,"13800138000",129,""'];
    await peer.write(frame('RING'));
    const decided = await rig.waitFor<{ callerId: { number: string } }>('decided');
    expect(decided.callerId.number).toBe('13800138000');
    expect(peer.commands).toContain('AT+CLCC');
  });
});

describe('a modem that stops answering', { tags: ['pty'] }, () => {
  it('times out, reports degraded, re-initialises and re-enables caller ID when it answers again', async () => {
    const modem = gsmModem(huaweiE173);
    const { peer, rig } = await setup(modem.script, { recheckCallerIdEveryMs: 150, commandTimeoutMs: 150 });
    await rig.line.ready();
    const enabledBefore = peer.count('AT+CLIP=1');
    peer.frozen = true;
    const degraded = await rig.waitForState('degraded');
    expect(degraded.problem?.code).toBe('not-responding');
    expect(degraded.problem?.text.zh).toBeTruthy();
    const mark = rig.events.length;
    peer.frozen = false;
    await rig.waitForState('ready', mark);
    expect(peer.count('AT+CLIP=1')).toBeGreaterThan(enabledBefore);
  });

  it('turns caller ID back on when the periodic check finds the modem forgot it', async () => {
    const modem = gsmModem(huaweiE173);
    const { peer, rig } = await setup(modem.script, { recheckCallerIdEveryMs: 100 });
    await rig.line.ready();
    const before = peer.count('AT+CLIP=1');
    modem.state.clip = 0; // a silent reset, weeks later
    await peer.waitForCommand((c) => c === 'AT+CLIP=1' && peer.count('AT+CLIP=1') > before);
    expect(rig.line.status().callerIdConfirmed).toBe(true);
  });
});

describe('ready()', () => {
  it('rejects with the port problem when the path does not exist', async () => {
    const rig = lineRig('/nonexistent/ttyUSB9');
    cleanups.push(() => rig.line.close());
    await expect(rig.line.ready(3000)).rejects.toThrow(/not-found/);
    expect(rig.line.status()).toMatchObject<Partial<LineStatus>>({ state: 'disconnected' });
  });
});
