// USB unplug and replug, for real: the pty vanishes (socat exits, the path is gone) and comes back at the
// same path. The line must notice, close a call in progress cleanly, reconnect, re-identify, re-enable
// caller ID, and lose no call that arrives afterwards.
// @module-tag pty
import { afterEach, describe, expect, it } from 'vitest';
import type { EndedCall } from '../../../main/modem/index.ts';
import type { LineStatus } from '../../../shared/domain.ts';
import { gsmModem, huaweiE173, landlineModem, usr5637 } from './support/modems.ts';
import { frame, ModemPeer } from './support/peer.ts';
import { lineRig } from './support/line-rig.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('unplug and replug', () => {
  it('ends a ringing call as line-lost, reconnects, re-initialises and takes the next call', async () => {
    const modem = gsmModem(huaweiE173);
    const peer = await ModemPeer.start(modem.script);
    const rig = lineRig(peer.link);
    cleanups.push(
      () => peer.close(),
      () => rig.line.close(),
    );
    await rig.line.ready();

    await peer.write(frame('RING', '+CLIP: "+8613800138000",145,,,,0'));
    const first = await rig.waitFor<{ key: string }>('caller-id');
    const mark = rig.events.length;
    await peer.unplug();
    const lost = await rig.waitFor<EndedCall>('call-ended', (c) => c.key === first.key);
    expect(lost).toMatchObject({ outcome: 'line-lost', callerId: { number: '+8613800138000' } });
    const down = await rig.waitForState('disconnected', mark);
    expect(down.problem?.code).toBe('disconnected');
    expect(down.problem?.text.zh).toBeTruthy();

    const clipBefore = peer.count('AT+CLIP=1');
    modem.state.clip = 0; // a replugged dongle has forgotten caller ID
    await peer.replug();
    await rig.waitForState('ready', mark);
    expect(peer.count('AT+CLIP=1')).toBe(clipBefore + 1);
    expect(modem.state.clip).toBe(1);

    await peer.write(frame('RING', '+CLIP: "10086",129,,,,0'));
    const next = await rig.waitFor<{ callerId: { number: string } }>('caller-id', (e) => e.callerId.number === '10086');
    expect(next.callerId.number).toBe('10086');
    expect(rig.ended().filter((c) => c.key === first.key)).toHaveLength(1);
  });

  it('survives repeated unplugs while idle and while a landline block is half received', async () => {
    const peer = await ModemPeer.start(landlineModem(usr5637).script);
    const rig = lineRig(peer.link);
    cleanups.push(
      () => peer.close(),
      () => rig.line.close(),
    );
    await rig.line.ready();
    for (let i = 0; i < 3; i++) {
      const mark = rig.events.length;
      if (i === 1) await peer.write(frame('RING') + '\r\nDATE = 0101\r\nNMBR = 55501');
      await peer.unplug();
      await rig.waitForState('disconnected', mark);
      await peer.replug();
      const ready = await rig.waitForState('ready', mark);
      expect(ready).toMatchObject<Partial<LineStatus>>({ kind: 'landline', callerIdConfirmed: true });
    }
    // Every call that started also ended, exactly once.
    const started = rig.events.filter((e) => e.event === 'call-started').map((e) => (e.payload as { key: string }).key);
    expect(
      rig
        .ended()
        .map((c) => c.key)
        .sort(),
    ).toEqual(started.sort());
    await peer.write(frame('RING') + '\r\nNMBR = 4075551212\r\nNAME = AFTER\r\n');
    const after = await rig.waitFor<{ callerId: { name: string } }>('caller-id', (e) => e.callerId.name === 'AFTER');
    expect(after.callerId.name).toBe('AFTER');
  });

  it('stays disconnected without crashing while the modem is away, then comes back', async () => {
    const peer = await ModemPeer.start(gsmModem(huaweiE173).script);
    const rig = lineRig(peer.link);
    cleanups.push(
      () => peer.close(),
      () => rig.line.close(),
    );
    await rig.line.ready();
    const mark = rig.events.length;
    await peer.unplug();
    await rig.waitForState('disconnected', mark);
    // Several reconnect attempts fail while the path does not exist (backoff 50 → 200 ms).
    await expect(rig.line.ready(400)).rejects.toThrow(/not ready|not-found/);
    await peer.replug();
    await rig.line.ready(5000);
    expect(rig.line.status().state).toBe('ready');
  });
});
