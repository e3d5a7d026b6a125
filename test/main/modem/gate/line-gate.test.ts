// The pass gate end to end: a real Line against the simulated modem of each family (in-memory port pair) —
// text-to-speech, recorded clips uploaded and played by the module (firmware without text-to-speech), V.253
// voice modems, and a Huawei dongle's audio port — what the host writes compared byte for byte, what the
// caller heard and pressed, and the call's outcome.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallerId, Decision, GateReport, LineStatus } from '../../../../shared/domain.ts';
import { encodeUlaw } from '../../../../main/modem/gate/audio.ts';
import { shieldForTransmit } from '../../../../main/modem/gate/dle.ts';
import { clipFile, clipFileName, clipIds, promptClips, promptSamples, spokenText, ucs2Hex, type PromptSay } from '../../../../main/modem/gate/prompt.ts';
import type { EndedCall, LineGateOptions } from '../../../../main/modem/index.ts';
import { startSimulator, type Simulator } from '../../../../main/sim/index.ts';
import type { SimProfileName } from '../../../../main/sim/profiles/profile.ts';
import { lineRig } from '../support/line-rig.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// random() = 0.7 draws digit 7 (pickDigit: 1 + floor(0.7 × 9) = 7).
const gate = (over: Partial<ReturnType<LineGateOptions['settings']>> = {}): LineGateOptions => ({
  settings: () => ({ mode: 'during-shield', passMinutes: 3, digitWaitSeconds: 3, prompt: 'zh-en', ...over }),
  random: () => 0.7,
});

async function rig(
  profile: SimProfileName,
  options: { gate?: (sim: Simulator) => LineGateOptions; decide?: (c: CallerId) => Decision['action'] | 'gate' } = {},
) {
  // A caller stays on an answered call until the host hangs up (the gate decides when).
  const sim: Simulator = await startSimulator({ link: `gate-${profile}`, transport: 'memory', profile, timeScale: 20, answeredHoldMs: 600_000 });
  cleanups.push(() => sim.close());
  const line = lineRig(sim.link, {
    decide: options.decide ?? (() => 'gate'),
    gate: options.gate?.(sim) ?? gate(),
    openPort: sim.openPort,
    commandTimeoutMs: 2000,
  });
  cleanups.push(() => line.line.close());
  await line.line.ready();
  return { sim, line };
}

/** Everything the host wrote to the simulated modem since `from` (an index into its log). */
const hostBytes = (sim: Simulator, from: number) =>
  sim
    .log()
    .slice(from)
    .filter((e) => e.direction === 'from-host')
    .map((e) => e.text)
    .join('');

/** The host's bytes once they end as expected (the last command crosses the in-memory pair a turn later). */
async function hostBytesBy(sim: Simulator, from: number, end: string, timeoutMs = 5000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = hostBytes(sim, from);
    if (text.endsWith(end) || Date.now() > until) return text;
    await new Promise((r) => setTimeout(r, 10));
  }
}

const ctts = (text: string) => `AT+CTTS=1,"${ucs2Hex(text)}"\r`;
const ask7 = spokenText({ kind: 'ask', digit: '7' }, 'zh-en');
const again3 = spokenText({ kind: 'passed', minutes: 3 }, 'zh-en');

describe('pass gate on a SIMCom SIM800 (DDET + CTTS)', () => {
  it('the line says it can gate, and why', async () => {
    const { line } = await rig('sim800');
    expect(line.line.status().gate).toMatchObject({ supported: true, method: 'simcom-tts' });
  });

  it('a person presses the digit asked: the exact commands, the closing prompt, then AT+CHUP; outcome gate-passed', async () => {
    const { sim, line } = await rig('sim800');
    const from = sim.log().length;
    const result = await sim.placeCall({ number: '13912345678', presentation: 'allowed', rings: 6, caller: 'person' });
    const ended = await line.waitFor<EndedCall>('call-ended');
    // The hang-up is the line's GSM chain: AT+CHUP, verified with AT+CLCC.
    expect(await hostBytesBy(sim, from, 'AT+CLCC\r')).toBe(`AT+DDET=1,0,0\rATA\rAT+CDTAM=1\r${ctts(ask7)}${ctts(again3)}AT+CHUP\rAT+CLCC\r`);
    expect(result).toMatchObject({ outcome: 'gated', gate: { heard: ['ask:7', 'passed:3'], asked: '7', pressed: '7' } });
    expect(result.gate?.holdMs).toBeGreaterThan(0);
    expect(ended).toMatchObject({ outcome: 'gate-passed', hangupCommand: 'AT+CHUP' });
    expect(ended.gate).toMatchObject<Partial<GateReport>>({ method: 'simcom-tts', result: 'passed', asked: '7', pressed: '7' });
  });

  it('a bot presses nothing: no closing prompt, hung up after the wait; outcome gate-failed', async () => {
    const { sim, line } = await rig('sim800');
    const from = sim.log().length;
    const result = await sim.placeCall({ number: '17012345678', presentation: 'allowed', rings: 6, caller: 'bot' });
    const ended = await line.waitFor<EndedCall>('call-ended', undefined, 10_000);
    expect(await hostBytesBy(sim, from, 'AT+CLCC\r')).toBe(`AT+DDET=1,0,0\rATA\rAT+CDTAM=1\r${ctts(ask7)}AT+CHUP\rAT+CLCC\r`);
    expect(result).toMatchObject({ outcome: 'gated', gate: { heard: ['ask:7'], asked: '7', pressed: null } });
    expect(ended).toMatchObject({ outcome: 'gate-failed', gate: { result: 'failed', pressed: null } });
  });

  it('a wrong key fails; a withheld caller is told to show the number', async () => {
    const { sim, line } = await rig('sim800');
    await sim.placeCall({ number: '13912345678', presentation: 'allowed', rings: 6, press: 'wrong' });
    expect(await line.waitFor<EndedCall>('call-ended')).toMatchObject({ outcome: 'gate-failed', gate: { asked: '7', pressed: '8' } });
    const from = sim.log().length;
    const withheld = await sim.placeCall({ number: null, presentation: 'withheld', rings: 6, caller: 'person' });
    expect(withheld.gate?.heard).toEqual(['withheld']);
    expect(await line.waitFor<EndedCall>('call-ended', (e) => e.callerId.presentation === 'withheld')).toMatchObject({ outcome: 'gate-withheld' });
    expect(hostBytes(sim, from)).toContain(ctts(spokenText({ kind: 'withheld' }, 'zh-en')));
  });
});

describe('pass gate on a Quectel EC25 (QTONEDET + QWTTS)', () => {
  it('a person passes with the exact commands; keys come as +QTONEDET ASCII codes', async () => {
    const { sim, line } = await rig('quectel-ec25');
    expect(line.line.status().gate?.method).toBe('quectel-tts');
    const from = sim.log().length;
    const result = await sim.placeCall({ number: '13912345678', presentation: 'allowed', rings: 6, caller: 'person' });
    const ended = await line.waitFor<EndedCall>('call-ended');
    const qwtts = (text: string) => `AT+QWTTS=1,1,1,"${ucs2Hex(text)}"\r`;
    expect(await hostBytesBy(sim, from, 'AT+CLCC\r')).toBe(`AT+QTONEDET=1\rATA\r${qwtts(ask7)}${qwtts(again3)}AT+CHUP\rAT+CLCC\r`);
    expect(result.gate).toMatchObject({ asked: '7', pressed: '7' });
    expect(ended.outcome).toBe('gate-passed');
  });
});

// Modules without text-to-speech: the clips are uploaded at set-up, then played one by one.
const simcomFile = (id: string) => `C:\\User\\${clipFileName(id)}`;
const crec = (say: PromptSay) =>
  promptClips(say, 'zh-en')
    .flat()
    .map((id) => `AT+CREC=4,"${simcomFile(id)}",0,100\r`)
    .join('');
const qpsnd = (say: PromptSay) =>
  promptClips(say, 'zh-en')
    .flat()
    .map((id) => `AT+QPSND=1,"RAM:${clipFileName(id)}",0,1,1\r`)
    .join('');
const latin1 = (id: string) => clipFile(id).toString('latin1');

describe('pass gate on a SIMCom SIM800 without text-to-speech (DDET + files played with CREC)', () => {
  it('the probe finds no CTTS but CREC and a file system; every clip is uploaded, byte for byte, before the line is ready', async () => {
    const { sim, line } = await rig('sim800-no-tts');
    expect(line.line.status().gate).toMatchObject({ supported: true, method: 'simcom-file' });
    const setUp = hostBytes(sim, 0);
    expect(setUp).toContain('AT+DDET=?\rAT+CTTS=?\rAT+CREC=?\rAT+FSWRITE=?\r');
    const upload = clipIds()
      .map((id) => `AT+FSDEL=${simcomFile(id)}\rAT+FSCREATE=${simcomFile(id)}\rAT+FSWRITE=${simcomFile(id)},0,${clipFile(id).length},10\r${latin1(id)}`)
      .join('');
    expect(setUp).toContain(upload);
    // The module refused text-to-speech, as the real firmware does.
    const asked = line.log.indexOf('out AT+CTTS=?');
    expect(line.log.slice(asked + 1).find((l) => l.startsWith('in ') && l !== 'in AT+CTTS=?')).toBe('in ERROR');
  });

  it('a person presses the digit asked: one AT+CREC per clip, the closing prompt, AT+CHUP; outcome gate-passed', async () => {
    const { sim, line } = await rig('sim800-no-tts');
    const from = sim.log().length;
    const result = await sim.placeCall({ number: '13912345678', presentation: 'allowed', rings: 6, caller: 'person' });
    const ended = await line.waitFor<EndedCall>('call-ended', undefined, 15_000);
    expect(await hostBytesBy(sim, from, 'AT+CLCC\r')).toBe(
      `AT+DDET=1,0,0\rATA\r${crec({ kind: 'ask', digit: '7' })}${crec({ kind: 'passed', minutes: 3 })}AT+CHUP\rAT+CLCC\r`,
    );
    expect(result).toMatchObject({ outcome: 'gated', gate: { heard: ['ask:7', 'passed:3'], asked: '7', pressed: '7' } });
    expect(ended).toMatchObject({
      outcome: 'gate-passed',
      hangupCommand: 'AT+CHUP',
      gate: { method: 'simcom-file', result: 'passed', asked: '7', pressed: '7' },
    });
  });

  it('a bot presses nothing: only the question is played, then the hang-up; outcome gate-failed', async () => {
    const { sim, line } = await rig('sim800-no-tts');
    const from = sim.log().length;
    const result = await sim.placeCall({ number: '17012345678', presentation: 'allowed', rings: 6, caller: 'bot' });
    const ended = await line.waitFor<EndedCall>('call-ended', undefined, 15_000);
    expect(await hostBytesBy(sim, from, 'AT+CLCC\r')).toBe(`AT+DDET=1,0,0\rATA\r${crec({ kind: 'ask', digit: '7' })}AT+CHUP\rAT+CLCC\r`);
    expect(result).toMatchObject({ outcome: 'gated', gate: { heard: ['ask:7'], pressed: null } });
    expect(ended).toMatchObject({ outcome: 'gate-failed', gate: { method: 'simcom-file', result: 'failed', pressed: null } });
  });
});

describe('the recorded prompt follows the prompt setting', () => {
  it('a withheld caller hears "show your number" in both languages; with English only, only English clips play', async () => {
    let order: 'zh-en' | 'en' = 'zh-en';
    const { sim, line } = await rig('sim800-no-tts', {
      gate: () => ({ ...gate(), settings: () => ({ mode: 'during-shield', passMinutes: 5, digitWaitSeconds: 3, prompt: order }) }),
    });
    let from = sim.log().length;
    const withheld = await sim.placeCall({ number: null, presentation: 'withheld', rings: 6, caller: 'person' });
    expect(await line.waitFor<EndedCall>('call-ended', undefined, 15_000)).toMatchObject({ outcome: 'gate-withheld', gate: { result: 'withheld' } });
    expect(await hostBytesBy(sim, from, 'AT+CLCC\r')).toBe(`AT+DDET=1,0,0\rATA\r${crec({ kind: 'withheld' })}AT+CHUP\rAT+CLCC\r`);
    expect(withheld.gate?.heard).toEqual(['withheld']);

    order = 'en';
    from = sim.log().length;
    const person = await sim.placeCall({ number: '13912345678', presentation: 'allowed', rings: 6, caller: 'person' });
    expect(await line.waitFor<EndedCall>('call-ended', (e) => e.callerId.number === '13912345678', 15_000)).toMatchObject({ outcome: 'gate-passed' });
    const english = (ids: string[]) => ids.map((id) => `AT+CREC=4,"${simcomFile(id)}",0,100\r`).join('');
    expect(await hostBytesBy(sim, from, 'AT+CLCC\r')).toBe(
      `AT+DDET=1,0,0\rATA\r${english(['en-press', 'en-7', 'en-connect'])}${english(['en-again', 'en-5', 'en-minutes'])}AT+CHUP\rAT+CLCC\r`,
    );
    expect(person.gate).toMatchObject({ heard: ['ask:7', 'passed:5'], pressed: '7' });
  });
});

describe('pass gate on a Quectel EC25 without text-to-speech (QTONEDET + files played with QPSND)', () => {
  it('uploads every clip to RAM: with QFUPL, byte for byte, at set-up', async () => {
    const { sim, line } = await rig('quectel-ec25-no-tts');
    expect(line.line.status().gate).toMatchObject({ supported: true, method: 'quectel-file' });
    const setUp = hostBytes(sim, 0);
    expect(setUp).toContain('AT+QTONEDET=?\rAT+QWTTS=?\rAT+QPSND=?\rAT+QFUPL=?\r');
    const upload = clipIds()
      .map((id) => `AT+QFDEL="RAM:${clipFileName(id)}"\rAT+QFUPL="RAM:${clipFileName(id)}",${clipFile(id).length},10\r${latin1(id)}`)
      .join('');
    expect(setUp).toContain(upload);
  });

  it('a person passes and a bot fails; the exact commands of each call', async () => {
    const { sim, line } = await rig('quectel-ec25-no-tts');
    let from = sim.log().length;
    const person = await sim.placeCall({ number: '13912345678', presentation: 'allowed', rings: 6, caller: 'person' });
    const passed = await line.waitFor<EndedCall>('call-ended', undefined, 15_000);
    expect(await hostBytesBy(sim, from, 'AT+CLCC\r')).toBe(
      `AT+QTONEDET=1\rATA\r${qpsnd({ kind: 'ask', digit: '7' })}${qpsnd({ kind: 'passed', minutes: 3 })}AT+CHUP\rAT+CLCC\r`,
    );
    expect(person.gate).toMatchObject({ heard: ['ask:7', 'passed:3'], pressed: '7' });
    expect(passed).toMatchObject({ outcome: 'gate-passed', gate: { method: 'quectel-file', result: 'passed' } });

    from = sim.log().length;
    const bot = await sim.placeCall({ number: '17012345678', presentation: 'allowed', rings: 6, caller: 'bot' });
    const failed = await line.waitFor<EndedCall>('call-ended', (e) => e.callerId.number === '17012345678', 15_000);
    expect(await hostBytesBy(sim, from, 'AT+CLCC\r')).toBe(`AT+QTONEDET=1\rATA\r${qpsnd({ kind: 'ask', digit: '7' })}AT+CHUP\rAT+CLCC\r`);
    expect(bot.gate).toMatchObject({ heard: ['ask:7'], pressed: null });
    expect(failed).toMatchObject({ outcome: 'gate-failed', gate: { method: 'quectel-file', result: 'failed' } });
  });
});

describe('the upload is redone at every set-up', () => {
  it('a power-cycled Quectel (its RAM drive empty) gets every clip again, says it can gate only after, and gates', async () => {
    const { sim, line } = await rig('quectel-ec25-no-tts');
    const uploads = () => hostBytes(sim, 0).split('AT+QFUPL="RAM:rf-en-press.amr"').length - 1;
    expect(uploads()).toBe(1);
    const mark = line.events.length;
    await sim.fault('unplug');
    const gone = await line.waitFor<LineStatus>('status', (st) => st.state === 'disconnected', 10_000, mark);
    expect(gone.gate).toMatchObject({ method: 'quectel-file' });
    await sim.fault('replug');
    const back = await line.waitFor<LineStatus>('status', (st) => st.state === 'ready', 20_000, line.events.length);
    expect(back.gate).toMatchObject({ supported: true, method: 'quectel-file' });
    expect(uploads()).toBe(2);
    const person = await sim.placeCall({ number: '13912345678', presentation: 'allowed', rings: 6, caller: 'person' });
    expect(person.gate).toMatchObject({ heard: ['ask:7', 'passed:3'], pressed: '7' });
    expect(await line.waitFor<EndedCall>('call-ended', undefined, 15_000)).toMatchObject({ outcome: 'gate-passed' });
  });
});

describe('pass gate on a Huawei dongle through its audio port (simulated end to end)', () => {
  // The host plays the prompt in real time (a 20 ms frame every 20 ms), so these calls take seconds.
  async function huawei(prompt: 'zh-en' | 'en') {
    const passes = new Set<string>();
    const r = await rig('huawei-e173', {
      gate: (s) => ({ ...gate({ prompt }), audioPath: s.audioLink }),
      decide: (c) => (c.number !== null && passes.has(c.number) ? 'allow' : 'gate'),
    });
    r.line.line.on('call-ended', (e) => {
      if (e.outcome === 'gate-passed' && e.callerId.number) passes.add(e.callerId.number);
    });
    return r;
  }

  it('a person hears the prompt in the samples, presses 7 as DTMF tones and passes; the redial rings through', { timeout: 90_000 }, async () => {
    const { sim, line } = await huawei('zh-en');
    expect(sim.audioLink).toBe('gate-huawei-e173-audio');
    expect(line.line.status().gate).toMatchObject({ supported: true, method: 'huawei-audio' });

    const from = sim.log().length;
    const person = await sim.placeCall({ number: '13912345678', presentation: 'allowed', rings: 8, caller: 'person' });
    const passed = await line.waitFor<EndedCall>('call-ended', (e) => e.callerId.number === '13912345678', 60_000);
    expect(await hostBytesBy(sim, from, 'AT+CHUP\r')).toBe('ATA\rAT^DDSETEX=2\rAT+CHUP\r');
    expect(person).toMatchObject({ outcome: 'gated', gate: { heard: ['ask:7', 'passed:3'], asked: '7', pressed: '7' } });
    expect(passed).toMatchObject({ outcome: 'gate-passed', gate: { method: 'huawei-audio', result: 'passed', asked: '7', pressed: '7' } });

    // The redial within the pass rings through: the host neither answers nor hangs up; it rings until the caller stops.
    const redial = await sim.placeCall({ number: '13912345678', presentation: 'allowed', rings: 3, caller: 'person' });
    expect(redial).toMatchObject({ outcome: 'caller-hung-up', rings: 3, hangupCommand: null });
    expect(redial.gate).toBeUndefined();
    const rang = await line.waitFor<EndedCall>('call-ended', (e) => e.callerId.number === '13912345678' && e.outcome !== 'gate-passed', 10_000);
    expect(rang).toMatchObject({ outcome: 'caller-hung-up', decision: { action: 'allow' }, hangupCommand: null, gate: null });
  });

  it('a bot hears the question and presses nothing: it fails the gate', { timeout: 60_000 }, async () => {
    const { sim, line } = await huawei('en');
    const bot = await sim.placeCall({ number: '17012345678', presentation: 'allowed', rings: 8, caller: 'bot' });
    const failed = await line.waitFor<EndedCall>('call-ended', (e) => e.callerId.number === '17012345678', 30_000);
    expect(bot).toMatchObject({ outcome: 'gated', gate: { heard: ['ask:7'], asked: '7', pressed: null } });
    expect(failed).toMatchObject({ outcome: 'gate-failed', gate: { method: 'huawei-audio', result: 'failed', pressed: null } });
  });
});

describe('pass gate on landline voice modems (V.253)', () => {
  for (const [profile, vsm] of [
    ['usr5637', 1],
    ['conexant', 4],
  ] as const) {
    it(`${profile}: voice mode, μ-law prompt by AT+VTX with <DLE><ETX>, the key as <DLE>7, back to data mode`, async () => {
      const { sim, line } = await rig(profile);
      expect(line.line.status().gate?.method).toBe('voice-modem');
      const from = sim.log().length;
      const result = await sim.placeCall({ number: '13912345678', presentation: 'allowed', rings: 4, caller: 'person' });
      const ended = await line.waitFor<EndedCall>('call-ended');
      const audio = (say: Parameters<typeof promptSamples>[0]) => shieldForTransmit(encodeUlaw(promptSamples(say, 'zh-en'))).toString('latin1');
      expect(await hostBytesBy(sim, from, 'AT+FCLASS=0\r')).toBe(
        `AT+FCLASS=8\rAT+VSM=${vsm},8000\rAT+VLS=1\rAT+VTX\r${audio({ kind: 'ask', digit: '7' })}AT+VTX\r${audio({ kind: 'passed', minutes: 3 })}AT+VLS=0\rAT+FCLASS=0\r`,
      );
      expect(result).toMatchObject({ outcome: 'gated', gate: { heard: ['ask:7', 'passed:3'], pressed: '7' } });
      expect(ended).toMatchObject({ outcome: 'gate-passed', gate: { method: 'voice-modem', result: 'passed' } });
      // Back in data mode: the next call's caller ID still arrives.
      await sim.placeCall({ number: '13800138000', presentation: 'allowed', rings: 4, caller: 'bot' });
      expect(await line.waitFor<EndedCall>('call-ended', (e) => e.callerId.number === '13800138000', 10_000)).toMatchObject({ outcome: 'gate-failed' });
    });
  }
});

describe('lines that cannot gate', () => {
  it('a Huawei dongle without an audio port says why and its calls are rejected as before', async () => {
    const { sim, line } = await rig('huawei-e173');
    expect(line.line.status().gate).toMatchObject({ supported: false, method: null });
    expect(line.line.status().gate?.text.en).toMatch(/audio port/);
    const result = await sim.placeCall({ number: '13912345678', presentation: 'allowed', rings: 6, caller: 'person' });
    expect(result.outcome).toBe('rejected');
    expect(await line.waitFor<EndedCall>('call-ended')).toMatchObject({ outcome: 'rejected' });
  });

  it('a line opened without gate options never probes (its set-up commands are unchanged)', async () => {
    const sim = await startSimulator({ link: 'gate-none', transport: 'memory', profile: 'sim800', timeScale: 20 });
    cleanups.push(() => sim.close());
    const r = lineRig(sim.link, { decide: () => 'gate', openPort: sim.openPort });
    cleanups.push(() => r.line.close());
    await r.line.ready();
    expect(r.line.status().gate).toBeNull();
    expect(r.log.some((l) => l.includes('DDET'))).toBe(false);
  });
});
