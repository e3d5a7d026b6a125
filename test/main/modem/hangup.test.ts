import { describe, expect, it } from 'vitest';
import { createAtChannel } from '../../../main/modem/at-channel.ts';
import { hangupChain, runHangup } from '../../../main/modem/hangup.ts';

describe('hang-up chain', () => {
  it('uses the profile order for auto: CHUP, ATH, CHLD on GSM; off-hook/on-hook then answer on a landline', () => {
    expect(hangupChain('gsm', ['chup', 'ath', 'chld'], 'auto', 'reject')).toEqual(['chup', 'ath', 'chld']);
    expect(hangupChain('landline', ['offhook-onhook', 'answer-hangup'], 'auto', 'reject')).toEqual(['offhook-onhook', 'answer-hangup']);
  });

  it('puts a configured method first and keeps the rest as fallbacks', () => {
    expect(hangupChain('gsm', ['chup', 'ath', 'chld'], 'chld', 'reject')).toEqual(['chld', 'chup', 'ath']);
    expect(hangupChain('landline', ['offhook-onhook', 'answer-hangup'], 'answer-hangup', 'reject')).toEqual(['answer-hangup', 'offhook-onhook']);
  });

  it('answers then hangs up a landline call when the decision says so, and treats it as a reject on GSM', () => {
    expect(hangupChain('landline', ['offhook-onhook', 'answer-hangup'], 'auto', 'answer-hangup')[0]).toBe('answer-hangup');
    expect(hangupChain('gsm', ['chup', 'ath', 'chld'], 'auto', 'answer-hangup')).toEqual(['chup', 'ath', 'chld']);
  });

  it('ignores a method that does not fit the line kind', () => {
    expect(hangupChain('gsm', ['chup', 'ath', 'chld'], 'offhook-onhook', 'reject')).toEqual(['chup', 'ath', 'chld']);
  });
});

/** A channel whose modem answers from a script, recording what it was sent. */
function scripted(answer: (command: string) => string[]) {
  const sent: string[] = [];
  const channel = createAtChannel({
    write: (text) => {
      const command = text.trim();
      sent.push(command);
      queueMicrotask(() => answer(command).forEach((l) => channel.receive(l)));
    },
    onUrc: () => {},
    defaultTimeoutMs: 100,
  });
  return { channel, sent };
}

const env = (channel: ReturnType<typeof scripted>['channel'], written: string[] = []) => ({
  channel,
  pauseMs: 5,
  onWritten: (command: string) => written.push(command),
  sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
});

describe('running a hang-up', () => {
  it('writes the first command synchronously and confirms with AT+CLCC', async () => {
    const { channel, sent } = scripted((c) => (c === 'AT+CLCC' ? ['OK'] : ['OK']));
    const written: string[] = [];
    const run = runHangup('gsm', ['chup', 'ath'], env(channel, written));
    expect(sent).toEqual(['AT+CHUP']);
    expect(written).toEqual(['AT+CHUP']);
    expect(await run.done).toEqual({ ok: true, method: 'chup', command: 'AT+CHUP' });
    expect(sent).toEqual(['AT+CHUP', 'AT+CLCC']);
  });

  it('falls back to ATH when AT+CHUP is refused, and to AT+CHLD=0 when the call still rings', async () => {
    let ringing = true;
    const { channel, sent } = scripted((c) => {
      if (c === 'AT+CHUP') return ['+CME ERROR: operation not supported'];
      if (c === 'AT+CLCC') return ringing ? ['+CLCC: 1,1,4,0,0,"10086",129', 'OK'] : ['OK'];
      if (c === 'AT+CHLD=0') ringing = false;
      return ['OK'];
    });
    const result = await runHangup('gsm', ['chup', 'ath', 'chld'], env(channel)).done;
    expect(result).toEqual({ ok: true, method: 'chld', command: 'AT+CHLD=0' });
    expect(sent).toEqual(['AT+CHUP', 'ATH', 'AT+CLCC', 'AT+CHLD=0', 'AT+CLCC']);
  });

  it('goes off-hook, pauses, and back on-hook on a landline', async () => {
    const { channel, sent } = scripted(() => ['OK']);
    expect(await runHangup('landline', ['offhook-onhook'], env(channel)).done).toMatchObject({ ok: true, command: 'ATH1' });
    expect(sent).toEqual(['ATH1', 'ATH0']);
  });

  it('answers and hangs up even when ATA never finishes', async () => {
    const { channel, sent } = scripted((c) => (c === 'ATA' ? [] : ['OK']));
    expect(await runHangup('landline', ['answer-hangup'], env(channel)).done).toMatchObject({ ok: true, command: 'ATA' });
    expect(sent).toEqual(['ATA', 'ATH0']);
  });

  it('reports failure with what it tried when nothing works', async () => {
    const { channel } = scripted(() => ['ERROR']);
    expect(await runHangup('gsm', ['chup', 'ath', 'chld'], env(channel)).done).toEqual({ ok: false, tried: ['AT+CHUP', 'ATH', 'AT+CHLD=0'] });
  });
});
