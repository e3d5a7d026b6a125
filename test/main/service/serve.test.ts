// The whole product through `ringfence serve` with simulated modems on real ptys: the acceptance path.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallRecord } from '../../../shared/domain.ts';
import { Scenario, startSimulator, type Simulator } from '../../../main/sim/index.ts';
import { backToBackFlood, expandScenario } from '../../../main/sim/scenario.ts';
import { cliEntry } from '../../support/paths.ts';
import { startServe, type EventStream, type ServeProcess } from '../../support/serve.ts';
import { waitFor } from '../../support/wait.ts';

const dir = mkdtempSync(join(tmpdir(), 'rf-serve-'));
const dataDir = join(dir, 'data');
const cli = (...args: string[]) => spawnSync(process.execPath, [cliEntry, ...args], { encoding: 'utf8' });

let simA: Simulator;
let simB: Simulator;
let serve: ServeProcess;
let events: EventStream;

describe('ringfence serve with simulated modems', { tags: ['pty'] }, () => {
  beforeAll(async () => {
    simA = await startSimulator({ link: join(dir, 'modemA'), profile: 'huawei-e173', timeScale: 10 });
    simB = await startSimulator({ link: join(dir, 'modemB'), profile: 'sim800', timeScale: 10 });
    expect(cli('settings', 'set', 'homeCountry', 'CN', '--data-dir', dataDir).status).toBe(0);
    // The SIM800 can run the pass gate; these tests are about screening and call tracking, so it is off.
    expect(cli('settings', 'set', 'screening.gate.mode', 'off', '--data-dir', dataDir).status).toBe(0);
    expect(cli('rules', 'add', '+8617011112222', '--list', 'blocked', '--data-dir', dataDir, '--label', 'spam').status).toBe(0);
    expect(cli('rules', 'add', '13900001111', '--list', 'trusted', '--data-dir', dataDir, '--label', 'Mum').status).toBe(0);
    serve = await startServe(['--data-dir', dataDir, '--modem', simA.link, '--modem', simB.link]);
    events = serve.events();
    await events.ready;
    // Both lines identified and initialised before calls are placed.
    await waitFor(async () => (await serve.call<{ lines: { state: string }[] }>('getStatus')).body.lines.every((l) => l.state === 'ready'), 'both lines ready');
  });

  afterAll(async () => {
    events?.close();
    await serve?.stop();
    await simA?.close();
    await simB?.close();
  });

  it('rejects a blocked caller before its second ring and records it', async () => {
    const result = await simA.placeCall({ number: '+8617011112222', presentation: 'allowed', rings: 5 });
    expect(result.outcome).toBe('rejected');
    expect(result.rings).toBeLessThanOrEqual(1);
    const ended = await events.next((e) => e.type === 'call-ended' && e.record.number === '+8617011112222');
    const record = (ended as { record: CallRecord }).record;
    expect(record.decision.action).toBe('reject');
    expect(record.outcome).toBe('rejected');
    const { body } = await serve.call<{ calls: CallRecord[] }>('queryCalls', { number: '17011112222' });
    expect(body.calls.map((c) => c.id)).toContain(record.id);
  });

  it('lets a trusted caller ring through, in the history and the event stream', async () => {
    const result = await simA.placeCall({ number: '+8613900001111', presentation: 'allowed', rings: 2 });
    expect(result.outcome).toBe('caller-hung-up');
    expect(result.rings).toBe(2);
    const decided = await events.next((e) => e.type === 'call-decided' && e.callerId.number === '+8613900001111');
    expect(decided).toMatchObject({ decision: { action: 'allow', reason: 'trusted' } });
    await events.next((e) => e.type === 'call-ended' && e.record.number === '+8613900001111');
  });

  it('screens a second line independently', async () => {
    const result = await simB.placeCall({ number: '+8617011112222', presentation: 'allowed', rings: 5 });
    expect(result.outcome).toBe('rejected');
    const ended = await events.next((e) => e.type === 'call-ended' && e.record.lineId !== 'modemA' && e.record.number === '+8617011112222');
    expect((ended as { record: CallRecord }).record.lineId).toBe('modemB');
  });

  it('keeps screening one line while the other is unplugged and replugged', async () => {
    await simB.fault('unplug');
    await events.next((e) => e.type === 'line-status' && e.line.id === 'modemB' && e.line.state === 'disconnected');
    const whileUnplugged = await simA.placeCall({ number: '+8617011112222', presentation: 'allowed', rings: 5 });
    expect(whileUnplugged.outcome).toBe('rejected');
    await simB.fault('replug');
    await expect
      .poll(async () => (await serve.call<{ lines: { id: string; state: string }[] }>('getStatus')).body.lines.find((l) => l.id === 'modemB')?.state, {
        timeout: 20000,
      })
      .toBe('ready');
    expect((await simB.placeCall({ number: '+8617011112222', presentation: 'allowed', rings: 5 })).outcome).toBe('rejected');
  });

  it('takes a rule added by the CLI while serving for the next call', async () => {
    expect(cli('rules', 'add', '+8618800001234', '--list', 'blocked', '--data-dir', dataDir).status).toBe(0);
    expect((await simA.placeCall({ number: '+8618800001234', presentation: 'allowed', rings: 5 })).outcome).toBe('rejected');
  });

  it('records a back-to-back flood on a SIM800 once per call, each decided on its first ring (issue 14)', async () => {
    // The profile's gaps at this time scale: 50–200 ms real after each release, as the issue measured.
    const scenario = backToBackFlood({ calls: 16, repeated: ['+8617011112222'] });
    (scenario.steps[0] as { backToBack: { gapMs: number[] } }).backToBack.gapMs = [500, 2000];
    const placed = expandScenario(Scenario.parse(scenario), 1).flatMap((i) => ('call' in i ? [i.call] : []));
    const since = new Date().toISOString();
    const results = await simB.runScenario(scenario);
    expect(results).toHaveLength(16);
    const recorded = async () =>
      (await serve.call<{ calls: CallRecord[] }>('queryCalls', { lineId: 'modemB', from: since, order: 'oldest', limit: 100 })).body.calls;
    await expect.poll(async () => (await recorded()).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(16);
    const calls = await recorded();
    expect(calls.map((c) => [c.presentation, c.number])).toEqual(placed.map((c) => [c.presentation, c.number]));
    expect(calls.map((c) => c.outcome)).toEqual(results.map((r) => (r.outcome === 'rejected' ? 'rejected' : 'caller-hung-up')));
    for (const c of calls) expect(c.timings.decision! - c.timings.firstRing!).toBeLessThan(500);
    expect(results.filter((r) => r.outcome === 'rejected' && r.rings > 1)).toEqual([]);
  });

  it('answers a bad payload with 400 and the schema message', async () => {
    const r = await serve.call<{ error: { code: string; message: string } }>('queryCalls', { limit: 'many' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid-input');
    expect(r.body.error.message).toMatch(/limit/);
  });
});

describe('ringfence serve with a token', () => {
  it('refuses a request without the token, accepts it with', async () => {
    const token = 'a-test-token-of-some-length';
    const s = await startServe(['--data-dir', join(dir, 'data-token'), '--token', token], { token });
    try {
      expect((await s.call('getStatus', {}, {})).status).toBe(401);
      expect((await s.call('getStatus')).status).toBe(200);
    } finally {
      await s.stop();
    }
  });

  it('refuses to listen beyond loopback without a token', () => {
    const r = cli('serve', '--data-dir', join(dir, 'data-open'), '--listen', '0.0.0.0:0');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0/);
  });
});
