// The pass gate end to end: a real Line against the simulated modem of each family (in-memory port pair),
// what the host writes compared byte for byte, what the caller heard and pressed, and the call's outcome.
import { afterEach, describe, expect, it } from 'vitest';
import type { GateReport } from '../../../../shared/domain.ts';
import { encodeUlaw } from '../../../../main/modem/gate/audio.ts';
import { shieldForTransmit } from '../../../../main/modem/gate/dle.ts';
import { promptSamples, spokenText, ucs2Hex } from '../../../../main/modem/gate/prompt.ts';
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

async function rig(profile: SimProfileName, options: { gate?: LineGateOptions } = {}) {
  // A caller stays on an answered call until the host hangs up (the gate decides when).
  const sim: Simulator = await startSimulator({ link: `gate-${profile}`, transport: 'memory', profile, timeScale: 20, answeredHoldMs: 600_000 });
  cleanups.push(() => sim.close());
  const line = lineRig(sim.link, { decide: () => 'gate', gate: options.gate ?? gate(), openPort: sim.openPort, commandTimeoutMs: 2000 });
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
