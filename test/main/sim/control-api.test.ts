// The loopback HTTP control API, driven the way a benchmark or a drill drives it.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../../main/sim/index.ts';
import { openHost, tempLink, type TestHost } from './host.ts';

let sim: Simulator | null = null;
let host: TestHost | null = null;
afterEach(async () => {
  await host?.close();
  await sim?.close();
  sim = null;
  host = null;
});

async function controlled() {
  const link = tempLink();
  sim = await startSimulator({ link, profile: 'huawei-e173', timeScale: 100, control: { host: '127.0.0.1', port: 0 } });
  host = await openHost(link);
  for (const c of ['ATE0', 'AT^CURC=0', 'AT+CLIP=1']) await host.command(c);
  host.clear();
  return { sim, host, url: sim.controlUrl!, link };
}

/** A raw HTTP request, so tests can set any Host and Content-Type. */
function http(url: string, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode!, json: data ? JSON.parse(data) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('simulator control API', () => {
  it('places a call with POST /calls and answers when the call is over', { tags: ['pty'] }, async () => {
    const { host, url } = await controlled();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    host.on(/\+CLIP: [^\r]*\r\n/, () => void host.send('AT+CHUP\r'));
    const r = await http(url, 'POST', '/calls', JSON.stringify({ number: null, presentation: 'withheld', rings: 20 }));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ outcome: 'rejected', hangupCommand: 'AT+CHUP' });
    expect((r.json as { hangupLatencyMs: number }).hangupLatencyMs).toBeGreaterThanOrEqual(0);
  });

  it('answers 400 naming the field for a bad call, and rings nothing', { tags: ['pty'] }, async () => {
    const { url, host } = await controlled();
    const r = await http(url, 'POST', '/calls', JSON.stringify({ number: '13800138000', presentation: 'withheld' }));
    const message = 'Invalid call: number: a caller with presentation "withheld" delivers no number: set number to null';
    expect(r).toEqual({
      status: 400,
      json: { error: { code: 'invalid-input', message, text: { en: message, zh: expect.stringMatching(/^模拟器输入无效/) } } },
    });
    expect((await http(url, 'POST', '/calls', '{"number":')).json).toMatchObject({ error: { code: 'invalid-json' } });
    expect(host.text()).toBe('');
  });

  it('unplugs the modem with POST /faults', { tags: ['pty'] }, async () => {
    const { url, link } = await controlled();
    expect(await http(url, 'POST', '/faults', JSON.stringify({ kind: 'unplug' }))).toEqual({ status: 200, json: { ok: true, kind: 'unplug' } });
    expect(existsSync(link)).toBe(false);
    expect((await http(url, 'POST', '/faults', JSON.stringify({ kind: 'melt' }))).status).toBe(400);
    expect((await http(url, 'POST', '/faults', JSON.stringify({}))).json).toMatchObject({ error: { code: 'invalid-input' } });
  });

  it('returns both directions of the conversation with GET /log, timestamped', { tags: ['pty'] }, async () => {
    const { url, host } = await controlled();
    await host.command('AT+CGMM');
    const r = await http(url, 'GET', '/log');
    const log = r.json as Array<{ seq: number; t: number; at: string; direction: string; text: string }>;
    const asked = log.find((e) => e.direction === 'from-host' && e.text === 'AT+CGMM\r')!;
    const answered = log.find((e) => e.direction === 'to-host' && e.text.includes('E173'))!;
    expect(answered.t).toBeGreaterThanOrEqual(asked.t);
    expect(new Date(asked.at).toISOString()).toBe(asked.at);
  });

  it('plays a scenario with POST /scenario and returns every call', { tags: ['pty'] }, async () => {
    const { url, host } = await controlled();
    host.on(/\+CLIP: "",128[^\r]*\r\n/, () => void host.send('AT+CHUP\r'));
    const r = await http(
      url,
      'POST',
      '/scenario',
      JSON.stringify({
        steps: [
          { every: 1000, for: 3000, call: { numbers: 'rotating', presentation: 'withheld', rings: 20 } },
          { at: 1500, call: { number: '13800138000', presentation: 'allowed', rings: 1 } },
        ],
      }),
    );
    expect(r.status).toBe(200);
    expect((r.json as Array<{ outcome: string }>).map((c) => c.outcome)).toEqual(['rejected', 'rejected', 'caller-hung-up', 'rejected']);
  });

  it('refuses requests addressed to another host name, non-JSON bodies and unknown routes', { tags: ['pty'] }, async () => {
    const { url } = await controlled();
    expect((await http(url, 'GET', '/log', undefined, { host: 'attacker.example:80' })).status).toBe(403);
    expect((await http(url, 'POST', '/calls', 'number=1', { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect((await http(url, 'GET', '/nope')).status).toBe(404);
    expect((await http(url, 'GET', '/calls')).status).toBe(405);
  });

  it('listens on loopback only', async () => {
    await expect(startSimulator({ link: tempLink(), profile: 'sim800', control: { host: '0.0.0.0' as '127.0.0.1', port: 0 } })).rejects.toThrow(
      /control\.host: the control API listens on 127\.0\.0\.1 only/,
    );
  });
});
