// Each hang-up strategy end to end on a pty: the decision, the commands the modem receives, the order of
// events, and the record of the call.
// @module-tag pty
import { afterEach, describe, expect, it } from 'vitest';
import type { EndedCall } from '../../../main/modem/index.ts';
import type { HangupMethod } from '../../../shared/domain.ts';
import { gsmModem, huaweiE173, landlineModem, usr5637 } from './support/modems.ts';
import { frame, ModemPeer, type Script } from './support/peer.ts';
import { lineRig } from './support/line-rig.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(
  script: Script,
  hangupMethod: HangupMethod,
  decide: NonNullable<Parameters<typeof lineRig>[1]>['decide'] = () => 'reject',
  more: Parameters<typeof lineRig>[1] = {},
) {
  const peer = await ModemPeer.start(script);
  const rig = lineRig(peer.link, { hangupMethod, decide, ...more });
  cleanups.push(() => peer.close());
  cleanups.push(() => rig.line.close());
  await rig.line.ready();
  return { peer, rig };
}

const ringing = '+CLCC: 1,1,4,0,0,"+8613800138000",145,""';
const gsmCall = frame('+CRING: VOICE', '+CLIP: "+8613800138000",145,,,,0');

describe('GSM hang-up', () => {
  const cases: [HangupMethod, string][] = [
    ['auto', 'AT+CHUP'],
    ['chup', 'AT+CHUP'],
    ['ath', 'ATH'],
    ['chld', 'AT+CHLD=0'],
  ];
  for (const [method, command] of cases) {
    it(`rejects a call with ${command} (${method}) before telling anyone, and records it`, async () => {
      const modem = gsmModem(huaweiE173);
      const { peer, rig } = await setup(modem.script, method);
      const mark = peer.commands.length;
      modem.state.calls = [ringing];
      await peer.write(gsmCall);
      const ended = await rig.waitFor<EndedCall>('call-ended');
      expect(peer.commands.slice(mark)).toEqual([command, 'AT+CLCC']);
      expect(ended).toMatchObject({ outcome: 'rejected', hangupCommand: command, decision: { action: 'reject' }, rings: 1, oneRing: false });
      expect(ended.hangupLatencyMs).toBeGreaterThanOrEqual(0);
      expect(ended.timings.hangupConfirmed).toBeGreaterThanOrEqual(ended.timings.hangupSent!);
      expect(rig.order(ended.key)).toEqual(['call-started', 'caller-id', 'decided', 'hangup-sent', 'call-ended']);
    });
  }

  it('falls back to ATH when the firmware refuses AT+CHUP', async () => {
    const modem = gsmModem({ ...huaweiE173, refuse: ['AT+CHUP'] });
    const { peer, rig } = await setup(modem.script, 'auto');
    modem.state.calls = [ringing];
    await peer.write(gsmCall);
    const ended = await rig.waitFor<EndedCall>('call-ended');
    expect(ended).toMatchObject({ outcome: 'rejected', hangupCommand: 'ATH' });
    expect(modem.state.hangups).toEqual(['ATH']);
  });

  it('lets an allowed call ring through and never sends a hang-up', async () => {
    const modem = gsmModem(huaweiE173);
    const { peer, rig } = await setup(modem.script, 'auto', () => 'allow');
    await peer.write(gsmCall);
    await peer.write(gsmCall);
    const ended = await rig.waitFor<EndedCall>('call-ended');
    expect(ended).toMatchObject({ outcome: 'caller-hung-up', rings: 2, hangupCommand: null, hangupLatencyMs: null });
    expect(modem.state.hangups).toEqual([]);
    expect(rig.events.filter((e) => e.event === 'decided')).toHaveLength(1);
  });
});

describe('landline hang-up', () => {
  const call = frame('RING') + '\r\nDATE = 0504\r\nTIME = 2149\r\nNMBR = 4075551212\r\nNAME = JOHN DOE\r\n';

  it('goes off-hook and back on-hook (ATH1, pause, ATH0)', async () => {
    const modem = landlineModem(usr5637);
    const { peer, rig } = await setup(modem.script, 'offhook-onhook');
    await peer.write(call);
    const ended = await rig.waitFor<EndedCall>('call-ended');
    expect(modem.state.hangups).toEqual(['ATH1', 'ATH0']);
    expect(ended).toMatchObject({ outcome: 'rejected', hangupCommand: 'ATH1', callerId: { number: '4075551212', name: 'JOHN DOE' } });
  });

  it('answers then hangs up (ATA, pause, ATH0) when configured', async () => {
    const modem = landlineModem(usr5637);
    const { peer, rig } = await setup(modem.script, 'answer-hangup');
    await peer.write(call);
    const ended = await rig.waitFor<EndedCall>('call-ended');
    expect(modem.state.hangups).toEqual(['ATA', 'ATH0']);
    expect(ended).toMatchObject({ outcome: 'rejected', hangupCommand: 'ATA' });
  });

  it('answers then hangs up when the decision asks for it, whatever the line’s method', async () => {
    const modem = landlineModem(usr5637);
    const { peer, rig } = await setup(modem.script, 'auto', () => 'answer-hangup');
    await peer.write(call);
    await rig.waitFor<EndedCall>('call-ended');
    expect(modem.state.hangups).toEqual(['ATA', 'ATH0']);
  });

  it('decides on the number without waiting for the next ring when NAME never comes', async () => {
    const modem = landlineModem(usr5637);
    const { peer, rig } = await setup(modem.script, 'auto');
    await peer.write(frame('RING') + '\r\nNMBR = 0207946000\r\n');
    const ended = await rig.waitFor<EndedCall>('call-ended');
    expect(ended).toMatchObject({ outcome: 'rejected', rings: 1, callerId: { number: '0207946000', name: null } });
  });

  it('hangs up at the number when no name could save the caller, and still records the name that follows', async () => {
    const modem = landlineModem(usr5637);
    // A name wait of a minute: had the line waited for NAME, the hang-up would never come in time.
    const { peer, rig } = await setup(modem.script, 'auto', () => 'reject', { timing: { nameWaitMs: 60_000 }, hangsUpWhateverName: () => true });
    const mark = peer.commands.length;
    await peer.write(frame('RING') + '\r\nDATE = 0504\r\nTIME = 2149\r\nNMBR = 4075551212\r\n');
    await peer.waitForCommand('ATH1', 5000, mark);
    await peer.write('NAME = JOHN DOE\r\n');
    const ended = await rig.waitFor<EndedCall>('call-ended');
    expect(ended).toMatchObject({ outcome: 'rejected', callerId: { number: '4075551212', name: 'JOHN DOE' } });
  });
});
