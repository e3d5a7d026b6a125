// Every public capture through a real serialport link: the bytes replayed into a socat pty in random
// small writes, read back by the real splitter, AT channel and parser — and then by a whole Line,
// which must find the same calls live (replugging the pty between captures).
// @module-tag pty
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialPort } from 'serialport';
import type { CallerId } from '../../../shared/domain.ts';
import { createAtChannel } from '../../../main/modem/at-channel.ts';
import { createCallerIdParser, createLineSplitter, createTranscriptAssembler, type EndedCall } from '../../../main/modem/index.ts';
import { collapse, loadFixtures } from './support/fixtures.ts';
import { gsmModem, huaweiE173, landlineModem, usr5637 } from './support/modems.ts';
import { ModemPeer } from './support/peer.ts';
import { lineRig } from './support/line-rig.ts';

const fixtures = loadFixtures();

describe('captures through a real serial link', () => {
  let peer: ModemPeer;
  let port: SerialPort;
  let onBytes: (chunk: Buffer) => void = () => {};

  beforeAll(async () => {
    peer = await ModemPeer.start(() => null);
    port = new SerialPort({ path: peer.link, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    port.on('data', (chunk: Buffer) => onBytes(chunk));
  });
  afterAll(async () => {
    await new Promise<void>((r) => port.close(() => r()));
    await peer.close();
  });

  for (const [i, f] of fixtures.entries()) {
    it(`reads the calls of ${f.name} from split writes`, async () => {
      const splitter = createLineSplitter();
      const parser = createCallerIdParser();
      const assembler = createTranscriptAssembler();
      const channel = createAtChannel({ write: () => {}, onUrc: (line) => parser.push(line).forEach((s) => assembler.signal(s)) });
      const arrived = new Promise<void>((resolve) => {
        onBytes = (chunk) => {
          splitter.push(chunk).forEach((l) => channel.receive(l));
          if (splitter.bytesIn >= f.bytes.length) resolve();
        };
      });
      await peer.write(f.bytes, { split: true, seed: i + 1 });
      await arrived;
      splitter.end().forEach((l) => channel.receive(l));
      parser.end().forEach((s) => assembler.signal(s));
      expect(collapse(assembler.end())).toEqual(collapse(f.calls));
    });
  }
});

describe('captures through a live Line', () => {
  const gsm = gsmModem(huaweiE173);
  const landline = landlineModem(usr5637);
  let peer: ModemPeer;
  let rig: ReturnType<typeof lineRig>;

  beforeAll(async () => {
    peer = await ModemPeer.start(gsm.script);
    rig = lineRig(peer.link);
    await rig.line.ready();
  });
  afterAll(async () => {
    await rig.line.close();
    await peer.close();
  });

  for (const [i, f] of fixtures.entries()) {
    it(`finds the calls of ${f.name} live`, async () => {
      const isGsm = f.name.startsWith('gsm-');
      const script = isGsm ? gsm.script : landline.script;
      if (peer.script !== script) {
        // Another kind of modem is plugged in: the line must re-identify it after the replug.
        const mark = rig.events.length;
        await peer.unplug();
        await rig.waitForState('disconnected', mark);
        peer.script = script;
        await peer.replug();
        await rig.waitForState('ready', mark);
        expect(rig.line.status().kind).toBe(isGsm ? 'gsm' : 'landline');
      }
      const from = rig.ended().length;
      const logMark = rig.log.length;
      await peer.replay(f.bytes, i + 1);
      // A vendor-noise line after the capture: once the line has read it, it has read every byte before it.
      await peer.write(`\r\n^SENTINEL:${i}\r\n`);
      await rig.waitForLog(`in ^SENTINEL:${i}`, logMark);
      // Unplugging closes whatever call is still ringing (as line-lost), so every call is now reported.
      const mark = rig.events.length;
      await peer.unplug();
      await rig.waitForState('disconnected', mark);
      const calls: CallerId[] = rig
        .ended()
        .slice(from)
        .map((c: EndedCall) => c.callerId);
      expect(collapse(calls)).toEqual(collapse(f.calls));
      await peer.replug();
      await rig.waitForState('ready', mark);
    });
  }
});
