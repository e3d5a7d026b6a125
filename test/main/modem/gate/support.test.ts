// The set-up probe: which lines can gate, and the sentence that says why not.
import { describe, expect, it } from 'vitest';
import { createAtChannel } from '../../../../main/modem/at-channel.ts';
import { createLineGate } from '../../../../main/modem/gate/line-gate.ts';
import { probeGate, uploadClips } from '../../../../main/modem/gate/support.ts';
import { profileByName } from '../../../../main/modem/profiles/pick.ts';
import type { ProfileName } from '../../../../main/modem/profiles/profile.ts';

/** A modem that answers from a table (command → reply lines; absent = ERROR), logging what it was sent. */
function modem(replies: Record<string, string[]>) {
  const sent: string[] = [];
  const channel = createAtChannel({
    write: (text) => {
      const command = text.trim();
      sent.push(command);
      const reply = replies[command];
      queueMicrotask(() => (reply ? [...reply, 'OK'] : ['ERROR']).forEach((l) => channel.receive(l)));
    },
    onUrc: () => {},
  });
  return { channel, sent };
}

const probe = (name: ProfileName, replies: Record<string, string[]>, audioPath: string | null = null) => {
  const m = modem(replies);
  return probeGate(m.channel, profileByName(name), audioPath).then((r) => ({ ...r, sent: m.sent }));
};

describe('probeGate', () => {
  it('SIMCom with DDET and CTTS can gate by text-to-speech', async () => {
    const r = await probe('simcom', { 'AT+DDET=?': ['+DDET: (0,1),(0-10000),(0,1),(0,1)'], 'AT+CTTS=?': ['+CTTS: (0-2),<text>'] });
    expect(r.support).toMatchObject({ supported: true, method: 'simcom-tts' });
    expect(r.sent).toEqual(['AT+DDET=?', 'AT+CTTS=?']);
  });

  it('SIMCom without text-to-speech cannot, and says so in both languages', async () => {
    const r = await probe('simcom', { 'AT+DDET=?': ['+DDET: (0,1)'] });
    expect(r.support.supported).toBe(false);
    expect(r.support.text.en).toMatch(/text-to-speech/);
    expect(r.support.text.zh).toMatch(/语音播报/);
  });

  it('SIMCom without text-to-speech but with AT+CREC and a file system plays recorded clips', async () => {
    const r = await probe('simcom', { 'AT+DDET=?': ['+DDET: (0,1)'], 'AT+CREC=?': ['+CREC: (1-9)'], 'AT+FSWRITE=?': [] });
    expect(r.support).toMatchObject({ supported: true, method: 'simcom-file' });
    expect(r.support.text.en).toMatch(/recorded prompt/);
    expect(r.support.text.zh).toMatch(/录音提示语/);
    expect(r.sent).toEqual(['AT+DDET=?', 'AT+CTTS=?', 'AT+CREC=?', 'AT+FSWRITE=?']);
  });

  it('Quectel without QWTTS but with AT+QPSND and AT+QFUPL plays recorded clips', async () => {
    const r = await probe('quectel', { 'AT+QTONEDET=?': ['+QTONEDET: (0,1)'], 'AT+QPSND=?': [], 'AT+QFUPL=?': [] });
    expect(r.support).toMatchObject({ supported: true, method: 'quectel-file' });
    expect(r.sent).toEqual(['AT+QTONEDET=?', 'AT+QWTTS=?', 'AT+QPSND=?', 'AT+QFUPL=?']);
    expect((await probe('quectel', { 'AT+QTONEDET=?': [], 'AT+QPSND=?': [] })).support).toMatchObject({ supported: false, method: null });
  });

  it('a module that refuses the upload cannot gate, and the sentence names the command', async () => {
    // The table modem refuses every AT+FSWRITE: AT+FSDEL's refusal (no older copy) is fine, this is not.
    const m = modem({ 'AT+FSCREATE=C:\\User\\rf-en-press.amr': [] });
    const failed = await uploadClips(m.channel, 'simcom-file', 'SIMCom');
    expect(failed?.support).toMatchObject({ supported: false, method: null });
    expect(failed?.support.text.en).toMatch(/copying the recorded prompt to this SIMCom module failed \(AT\+FSWRITE: ERROR\)/);
    expect(failed?.support.text.zh).toMatch(/复制录音提示语失败（AT\+FSWRITE: ERROR）/);
    expect(m.sent).toEqual([
      'AT+FSDEL=C:\\User\\rf-en-press.amr',
      'AT+FSCREATE=C:\\User\\rf-en-press.amr',
      expect.stringMatching(/^AT\+FSWRITE=C:\\User\\rf-en-press\.amr,0,\d+,10$/),
    ]);
  });

  it('Quectel needs QTONEDET and QWTTS', async () => {
    expect((await probe('quectel', { 'AT+QTONEDET=?': ['+QTONEDET: (0,1)'], 'AT+QWTTS=?': [] })).support.method).toBe('quectel-tts');
    expect((await probe('quectel', {})).support.text.en).toMatch(/key presses/);
  });

  it('a landline modem with voice mode and μ-law can gate; the probe leaves it in data mode', async () => {
    const r = await probe('usrobotics', {
      'AT+FCLASS=?': ['0,1,2,8'],
      'AT+FCLASS=8': [],
      'AT+VSM=?': ['128,"8-BIT LINEAR",(7200,8000,11025)', '130,"ULAW",(8000)'],
      'AT+FCLASS=0': [],
    });
    expect(r.support.method).toBe('voice-modem');
    expect(r.format).toEqual({ code: 130, encoding: 'ulaw' });
    expect(r.sent.at(-1)).toBe('AT+FCLASS=0');
  });

  it('a landline modem without voice mode cannot', async () => {
    expect((await probe('conexant', { 'AT+FCLASS=?': ['0,1,2'] })).support).toMatchObject({ supported: false, method: null });
  });

  it('a Huawei dongle needs voice on and its audio port chosen', async () => {
    const voiceOn = { 'AT^CVOICE?': ['^CVOICE: 0,8000,16,20'] };
    expect((await probe('huawei', voiceOn, '/dev/ttyUSB1')).support.method).toBe('huawei-audio');
    expect((await probe('huawei', voiceOn, null)).support.text.en).toMatch(/audio port/);
    expect((await probe('huawei', { 'AT^CVOICE?': ['^CVOICE: 1,8000,16,20'] }, '/dev/ttyUSB1')).support.text.en).toMatch(/voice is turned off/);
  });

  it('ZTE and unknown GSM modems cannot, without sending anything', async () => {
    const r = await probe('zte', {});
    expect(r.support.supported).toBe(false);
    expect(r.sent).toEqual([]);
  });

  it('a line cannot gate while a new set-up probes (and uploads), whatever the last set-up found', async () => {
    const gate = createLineGate(
      { settings: () => ({ mode: 'always', passMinutes: 3, digitWaitSeconds: 8, prompt: 'zh-en' }) },
      {
        openPort: async () => ({ ok: false, problem: { code: 'not-found', text: { en: '', zh: '' } } }) as never,
        later: () => () => {},
        clock: () => 0,
        log: () => {},
      },
    );
    const tts = modem({ 'AT+DDET=?': [], 'AT+CTTS=?': [] });
    await gate.probe(tts.channel, profileByName('simcom'));
    expect(gate.canGate()).toBe(true);
    // A replugged module that has not answered yet: the old answer no longer counts.
    const silent = createAtChannel({ write: () => {}, onUrc: () => {}, defaultTimeoutMs: 5 });
    const again = gate.probe(silent, profileByName('simcom'));
    expect(gate.canGate()).toBe(false);
    expect(await again).toMatchObject({ supported: false });
    expect(gate.canGate()).toBe(false);
  });
});
