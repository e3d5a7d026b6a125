// Calls as the network plays them, on a real pty at a compressed time scale, answered by a stand-in host.
// @module-tag pty
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type SimProfileName, type Simulator } from '../../../main/sim/index.ts';
import { logMark, openHost, receivedSince, tempLink, type TestHost } from './host.ts';

const timeScale = 100;
let running: Array<{ sim: Simulator; host: TestHost }> = [];
afterEach(async () => {
  for (const { sim, host } of running) {
    await host.close();
    await sim.close();
  }
  running = [];
});

async function line(profile: SimProfileName, init: string[], options: { answeredHoldMs?: number } = {}) {
  const link = tempLink();
  const sim = await startSimulator({ link, profile, timeScale, ...options });
  const host = await openHost(link);
  running.push({ sim, host });
  for (const c of init) await host.command(c);
  host.clear();
  return { sim, host };
}

/** Times (ms) at which the modem wrote lines matching `pattern`, from the simulator's own log. */
const writtenAt = (sim: Simulator, pattern: RegExp) =>
  sim
    .log()
    .filter((e) => e.direction === 'to-host' && pattern.test(e.text))
    .map((e) => e.t);

describe('GSM calls', () => {
  it('rings every ~5 s with +CLIP after each ring, and the caller gives up after N rings', async () => {
    const { sim, host } = await line('sim800', ['ATE0', 'AT+CLIP=1']);
    const result = await sim.placeCall({ number: '13800138000', presentation: 'allowed', rings: 3 });
    expect(result).toEqual({ outcome: 'caller-hung-up', rings: 3, hangupCommand: null, hangupLatencyMs: null });
    await host.waitFor('MISSED_CALL');
    expect(host.text()).toMatch(
      /^(\r\nRING\r\n\r\n\+CLIP: "13800138000",129,"",0,"",0\r\n){3}\r\nNO CARRIER\r\n\r\nMISSED_CALL: \d\d:\d\d[AP]M 13800138000\r\n$/,
    );
    // Timers never fire early: successive rings are at least one (scaled) ring interval apart.
    const rings = writtenAt(sim, /RING/);
    for (let i = 1; i < rings.length; i++) expect(rings[i]! - rings[i - 1]!).toBeGreaterThanOrEqual(5000 / timeScale - 1);
  });

  it('sends no caller ID until the host enables +CLIP, as a freshly reset modem does', async () => {
    const { sim, host } = await line('quectel-ec25', ['ATE0']);
    await sim.placeCall({ number: '13800138000', presentation: 'allowed', rings: 1 });
    expect(await host.waitFor('NO CARRIER')).toBe('\r\nRING\r\n\r\nNO CARRIER\r\n');
  });

  it.each([
    ['AT+CHUP', 'huawei-e173'],
    ['ATH', 'sim800'],
    ['AT+CHLD=0', 'quectel-ec25'],
    ['ATH0', 'zte-mf'],
  ] as const)('rejects the call when the host sends %s (%s), with the latency from caller ID to the hang-up', async (command, profile) => {
    const { sim, host } = await line(profile, ['ATE0', 'AT+CLIP=1']);
    host.on(/\+CLIP: [^\r]*\r\n/, () => void host.send(`${command}\r`));
    // Plenty of rings: a loaded machine may be slow to react, and the outcome must not depend on it.
    const result = await sim.placeCall({ number: null, presentation: 'withheld', rings: 20 });
    expect(result.outcome).toBe('rejected');
    expect(result.hangupCommand).toBe(command);
    expect(result.hangupLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('measures the latency from the caller ID write to the first byte of the hang-up', async () => {
    const { sim, host } = await line('huawei-e173', ['ATE0', 'AT^CURC=0', 'AT+CLIP=1']);
    const thinkMs = 40;
    host.on(/\+CLIP: [^\r]*\r\n/, () => void setTimeout(() => void host.send('AT+CHUP\r'), thinkMs));
    const result = await sim.placeCall({ number: '+8613800138000', presentation: 'allowed', rings: 20 });
    expect(result.outcome).toBe('rejected');
    expect(result.hangupLatencyMs).toBeGreaterThanOrEqual(thinkMs);
    await host.waitFor('^CEND:1,0,104,16');
  });

  it('treats answer-then-hang-up as a rejection and names both commands', async () => {
    const { sim, host } = await line('huawei-e173', ['ATE0', 'AT^CURC=0', 'AT+CLIP=1']);
    host.on(/\+CLIP: [^\r]*\r\n/, () => void host.send('ATA\r'));
    host.on(/\^CONN:1,0\r\n/, () => void host.send('ATH\r'));
    const result = await sim.placeCall({ number: '13800138000', presentation: 'allowed', rings: 20 });
    expect(result).toMatchObject({ outcome: 'rejected', hangupCommand: 'ATA…ATH' });
    expect(result.hangupLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('keeps an answered call up until the caller hangs up, and reports it answered', async () => {
    const { sim, host } = await line('huawei-e173', ['ATE0', 'AT^CURC=0', 'AT+CLIP=1'], { answeredHoldMs: 3000 });
    host.on(/\+CLIP: [^\r]*\r\n/, () => void host.send('ATA\r'));
    const result = await sim.placeCall({ number: '13800138000', presentation: 'allowed', rings: 20 });
    expect(result).toMatchObject({ outcome: 'answered', hangupCommand: null, hangupLatencyMs: null });
    await host.waitFor('NO CARRIER');
    expect(host.text()).toMatch(/\^CONN:1,0\r\n[\s\S]*\^CEND:1,[0-9]+,104,16\r\n\r\nNO CARRIER\r\n$/);
  });

  it('lists the ringing call in +CLCC and nothing once it is over', async () => {
    const { sim, host } = await line('quectel-ec25', ['ATE0', 'AT+CLIP=1']);
    let asked: Promise<string> | null = null;
    host.on(/\+CLIP: [^\r]*\r\n/, () => {
      asked ??= host.command('AT+CLCC').then(async (clcc) => {
        await host.command('AT+CHUP');
        return clcc;
      });
    });
    expect((await sim.placeCall({ number: '13800138000', presentation: 'allowed', rings: 20 })).outcome).toBe('rejected');
    expect(await asked).toBe('\r\n+CLCC: 1,1,4,0,0,"13800138000",129\r\n\r\nOK\r\n');
    expect(await host.command('AT+CLCC')).toBe('\r\nOK\r\n');
  });

  it('takes calls one at a time, in the order they were placed', async () => {
    const { sim } = await line('sim800', ['ATE0']);
    const results = await Promise.all(['1001', '1002', '1003'].map((number) => sim.placeCall({ number, presentation: 'allowed', rings: 1 })));
    expect(results.map((r) => r.outcome)).toEqual(['caller-hung-up', 'caller-hung-up', 'caller-hung-up']);
    const starts = sim
      .log()
      .filter((e) => e.text.startsWith('call from'))
      .map((e) => e.text.slice(10, 14));
    const ends = sim
      .log()
      .filter((e) => e.text.startsWith('call over') || e.text.startsWith('call from'))
      .map((e) => e.text.slice(0, 9));
    expect(starts).toEqual(['1001', '1002', '1003']);
    expect(ends).toEqual(['call from', 'call over', 'call from', 'call over', 'call from', 'call over']);
  });

  it('rejects a malformed call with a message naming the field, and rings nothing', async () => {
    const { sim, host } = await line('sim800', ['ATE0']);
    await expect(sim.placeCall({ number: '+86 138', presentation: 'allowed' })).rejects.toThrow(/number: use the digits/);
    await expect(sim.placeCall({ number: null, presentation: 'allowed' })).rejects.toThrow(/needs a number/);
    expect(sim.log().some((e) => e.text.startsWith('call from'))).toBe(false);
    expect(host.text()).toBe('');
  });
});

describe('landline calls', () => {
  it('writes caller ID in the silence between the first and second ring', async () => {
    const { sim, host } = await line('usr5637', ['ATE0', 'AT+VCID=1']);
    const mark = logMark(sim);
    await sim.placeCall({ number: '4075551212', presentation: 'allowed', name: 'JOHN DOE', rings: 2 });
    expect(await receivedSince(sim, host, mark)).toMatch(/^\r\nRING\r\n\r\nDATE=\d{4}\r\nTIME=\d{4}\r\nNMBR=4075551212\r\nNAME=JOHN DOE\r\n\r\nRING\r\n$/);
    const [ring1, ring2] = writtenAt(sim, /RING/);
    const [cid] = writtenAt(sim, /NMBR/);
    expect(cid).toBeGreaterThan(ring1!);
    expect(cid).toBeLessThan(ring2!);
  });

  it('keeps ringing when the host only sends ATH0: the modem was on-hook already', async () => {
    const { sim, host } = await line('conexant', ['AT+VCID=1']);
    host.on(/NMBR = [^\r]*\r\n/, () => void host.send('ATH0\r'));
    expect(await sim.placeCall({ number: '4075551212', presentation: 'allowed', rings: 3 })).toMatchObject({ outcome: 'caller-hung-up', rings: 3 });
  });

  it('ends the call with off-hook then on-hook, timed from the caller ID block', async () => {
    const { sim, host } = await line('conexant', ['AT+VCID=1']);
    host.on(/NMBR = [^\r]*\r\n/, () => void host.send('ATH1\r'));
    host.on(/^OK\r\n/m, () => void host.send('ATH0\r'));
    const result = await sim.placeCall({ number: '4075551212', presentation: 'allowed', rings: 20 });
    expect(result).toMatchObject({ outcome: 'rejected', hangupCommand: 'ATH1…ATH0' });
    expect(result.hangupLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('aborts a data-mode answer at the next keystroke with NO CARRIER', async () => {
    const { sim, host } = await line('usr5637', ['ATE0', 'AT+VCID=1']);
    host.on(/NMBR=[^\r]*\r\n/, () => void host.send('ATA\r').then(() => host.send('ATH0\r')));
    const result = await sim.placeCall({ number: '4075551212', presentation: 'allowed', rings: 20 });
    expect(result).toMatchObject({ outcome: 'rejected', hangupCommand: 'ATA…abort' });
    // The keystroke that aborted the answer, and the rest of its line, are swallowed: no OK for ATH0.
    // (A host slower than the ring cadence — a loaded machine at this time scale — hears another RING first.)
    expect(await host.waitFor('NO CARRIER')).toMatch(/NMBR=4075551212\r\n(\r\nRING\r\n)*\r\nNO CARRIER\r\n$/);
    expect(await host.command('AT')).toBe('\r\nOK\r\n');
  });

  it('finds the line busy when the host left it off-hook', async () => {
    const { sim, host } = await line('usr5637', ['ATE0']);
    await host.command('ATH1');
    expect(await sim.placeCall({ number: '4075551212', presentation: 'allowed' })).toEqual({
      outcome: 'caller-hung-up',
      rings: 0,
      hangupCommand: null,
      hangupLatencyMs: null,
    });
  });

  it('sends the packet in ASCII hex after AT+VCID=2 and nothing for a caller without caller ID', async () => {
    const { sim, host } = await line('conexant', ['AT+VCID=2']);
    let mark = logMark(sim);
    await sim.placeCall({ number: null, presentation: 'withheld', rings: 1 });
    expect(await receivedSince(sim, host, mark)).toMatch(/^\r\nRING\r\n\r\n0409[0-9A-F]{16}50[0-9A-F]{2}\r\n$/);
    host.clear();
    mark = logMark(sim);
    await sim.placeCall({ number: null, presentation: 'none', rings: 2 });
    expect(await receivedSince(sim, host, mark)).toBe('\r\nRING\r\n\r\nRING\r\n');
  });
});
