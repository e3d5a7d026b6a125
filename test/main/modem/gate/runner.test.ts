// One call's gate against a scripted modem: what is written, in order, byte for byte, and the verdict.
import { describe, expect, it } from 'vitest';
import type { AtResult } from '../../../../main/modem/at-channel.ts';
import { gatePlan, type GateMethod } from '../../../../main/modem/gate/families.ts';
import type { DtmfKey } from '../../../../main/modem/gate/goertzel.ts';
import { spokenText, ucs2Hex } from '../../../../main/modem/gate/prompt.ts';
import { runGate, type GateIo } from '../../../../main/modem/gate/runner.ts';

type Script = {
  /** Replies by command (default OK); 'NO CARRIER' / 'ERROR' as final results. */
  reply?: Record<string, 'OK' | 'ERROR' | 'NO CARRIER' | 'CONNECT'>;
  /** A key the caller presses after this command was written. */
  pressAfter?: { command: string; key: DtmfKey };
  hangUpAfter?: string;
};

function rig(method: GateMethod, script: Script) {
  const log: string[] = [];
  let clock = 0;
  let run: ReturnType<typeof runGate> | null = null;
  const result = (command: string, final: string): AtResult => ({
    command,
    status: final === 'ERROR' ? 'error' : 'ok',
    final:
      final === 'OK'
        ? { kind: 'ok' }
        : final === 'ERROR'
          ? { kind: 'error', code: 'ERROR', detail: null }
          : ({ kind: 'call-progress', code: final, detail: null } as AtResult['final']),
    lines: [],
    writtenAt: clock,
  });
  const after = (command: string) => {
    if (script.pressAfter?.command === command) queueMicrotask(() => run?.key(script.pressAfter!.key));
    if (script.hangUpAfter === command) queueMicrotask(() => run?.ended());
  };
  const io: GateIo = {
    async send(command, options) {
      log.push(command);
      clock += 100;
      after(command);
      const r = script.reply?.[command] ?? (command === 'AT+VTX' ? 'CONNECT' : options?.dial && command !== 'ATA' ? 'OK' : 'OK');
      return result(command, r);
    },
    async waitForUrc() {
      clock += 1500;
      return true;
    },
    async transmit(bytes) {
      log.push(`<${bytes.length} bytes, ends ${Buffer.from(bytes.slice(-2)).toString('hex')}>`);
      clock += bytes.length / 8;
      after('<data>');
      return result('data', 'OK');
    },
    async play(samples) {
      log.push(`<play ${samples.length} samples>`);
      clock += samples.length / 8;
      after('<play>');
    },
    async after(ms) {
      await new Promise((r) => setTimeout(r, 1));
      clock += ms;
    },
    now: () => clock,
  };
  return {
    log,
    start(digit: string | null) {
      run = runGate({ plan: gatePlan(method, 'zh-en', { code: 130, encoding: 'ulaw' }), io, digit, order: 'zh-en', digitWaitMs: 8000, passMinutes: 3 });
      return run.done;
    },
  };
}

const cttsFor = (text: string) => `AT+CTTS=1,"${ucs2Hex(text)}"`;

describe('the gate on a SIMCom module', () => {
  it('the right digit: detection on, answer, ask, closing prompt — then back to the tracker', async () => {
    const ask = cttsFor(spokenText({ kind: 'ask', digit: '7' }, 'zh-en'));
    const r = rig('simcom-tts', { pressAfter: { command: ask, key: '7' } });
    const report = await r.start('7');
    expect(r.log).toEqual(['AT+DDET=1,0,0', 'ATA', 'AT+CDTAM=1', ask, cttsFor('请在 3 分钟内再拨一次。 Please call again within 3 minutes.')]);
    expect(report).toMatchObject({ method: 'simcom-tts', result: 'passed', asked: '7', pressed: '7' });
    expect(report.heldMs).toBeGreaterThan(0);
  });

  it('a wrong digit fails, with no closing prompt', async () => {
    const ask = cttsFor(spokenText({ kind: 'ask', digit: '7' }, 'zh-en'));
    const r = rig('simcom-tts', { pressAfter: { command: ask, key: '3' } });
    expect(await r.start('7')).toMatchObject({ result: 'failed', asked: '7', pressed: '3' });
    expect(r.log).toHaveLength(4);
  });

  it('no key: waits the whole digit time, then fails', async () => {
    const r = rig('simcom-tts', {});
    const report = await r.start('5');
    expect(report).toMatchObject({ result: 'failed', pressed: null });
    expect(report.heldMs).toBeGreaterThanOrEqual(8000);
  });

  it('a caller hanging up during the prompt ends the gate at once', async () => {
    const ask = cttsFor(spokenText({ kind: 'ask', digit: '2' }, 'zh-en'));
    const r = rig('simcom-tts', { hangUpAfter: ask });
    expect(await r.start('2')).toMatchObject({ result: 'hung-up', pressed: null });
  });

  it('a caller gone before ATA (NO CARRIER) is a hang-up, not an error', async () => {
    const r = rig('simcom-tts', { reply: { ATA: 'NO CARRIER' } });
    expect(await r.start('2')).toMatchObject({ result: 'hung-up' });
    expect(r.log).toEqual(['AT+DDET=1,0,0', 'ATA']);
  });

  it('a refused step is an error that names the command; the optional CDTAM is not', async () => {
    const r = rig('simcom-tts', { reply: { 'AT+CDTAM=1': 'ERROR', 'AT+DDET=1,0,0': 'ERROR' } });
    expect(await r.start('2')).toMatchObject({ result: 'error', detail: 'AT+DDET=1,0,0: ERROR' });
  });

  it('a withheld caller is told to show the number', async () => {
    const r = rig('simcom-tts', {});
    expect(await r.start(null)).toMatchObject({ result: 'withheld', asked: null });
    expect(r.log.at(-1)).toBe(cttsFor('请显示您的号码后再拨打。 Please call again with your number shown.'));
  });
});

describe('the gate on the other families', () => {
  it('Quectel: QTONEDET, ATA, QWTTS', async () => {
    const r = rig('quectel-tts', {});
    await r.start('4');
    expect(r.log).toEqual(['AT+QTONEDET=1', 'ATA', `AT+QWTTS=1,1,1,"${ucs2Hex(spokenText({ kind: 'ask', digit: '4' }, 'zh-en'))}"`]);
  });

  it('voice modem: voice mode, off-hook, AT+VTX with shielded μ-law ending <DLE><ETX>, on-hook and data mode', async () => {
    const r = rig('voice-modem', { pressAfter: { command: '<data>', key: '9' } });
    expect(await r.start('9')).toMatchObject({ result: 'passed' });
    expect(r.log[0]).toBe('AT+FCLASS=8');
    expect(r.log[1]).toBe('AT+VSM=130,8000');
    expect(r.log[2]).toBe('AT+VLS=1');
    expect(r.log[3]).toBe('AT+VTX');
    expect(r.log[4]).toMatch(/^<\d+ bytes, ends 1003>$/);
    expect(r.log.slice(5)).toEqual(['AT+VTX', expect.stringMatching(/ends 1003>$/), 'AT+VLS=0', 'AT+FCLASS=0']);
  });

  it('voice modem: a failed step still leaves voice mode', async () => {
    const r = rig('voice-modem', { reply: { 'AT+VLS=1': 'ERROR' } });
    expect(await r.start('9')).toMatchObject({ result: 'error', detail: 'AT+VLS=1: ERROR' });
    expect(r.log.slice(-2)).toEqual(['AT+VLS=0', 'AT+FCLASS=0']);
  });

  it('SIMCom without text-to-speech: one AT+CREC a clip; a key during the first language stops nothing, the closing prompt follows', async () => {
    const crec = (id: string) => `AT+CREC=4,"C:\\User\\rf-${id}.amr",0,100`;
    const r = rig('simcom-file', { pressAfter: { command: crec('zh-connect'), key: '6' } });
    expect(await r.start('6')).toMatchObject({ method: 'simcom-file', result: 'passed', asked: '6', pressed: '6' });
    const ask = ['zh-press', 'zh-6', 'zh-connect', 'en-press', 'en-6', 'en-connect'];
    const again = ['zh-again', 'zh-3', 'zh-minutes', 'en-again', 'en-3', 'en-minutes'];
    expect(r.log).toEqual(['AT+DDET=1,0,0', 'ATA', ...ask.map(crec), ...again.map(crec)]);
  });

  it('Quectel without text-to-speech: a refused clip is an error naming its command', async () => {
    const first = 'AT+QPSND=1,"RAM:rf-zh-press.amr",0,1,1';
    const r = rig('quectel-file', { reply: { [first]: 'ERROR' } });
    expect(await r.start('4')).toMatchObject({ method: 'quectel-file', result: 'error', detail: `${first}: ERROR` });
    expect(r.log).toEqual(['AT+QTONEDET=1', 'ATA', first]);
  });

  it('Huawei: answer, route audio to the port, play the prompt there', async () => {
    const r = rig('huawei-audio', { pressAfter: { command: '<play>', key: '1' } });
    expect(await r.start('1')).toMatchObject({ result: 'passed' });
    expect(r.log.slice(0, 2)).toEqual(['ATA', 'AT^DDSETEX=2']);
    expect(r.log[2]).toMatch(/^<play \d+ samples>$/);
  });
});
