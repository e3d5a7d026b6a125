// The HTTP/WebSocket transport in front of a small in-process API host (the real service is covered by
// the integration tests): token, validation, origins, limits and static files.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiEvent } from '../../../shared/api.ts';
import { createApiHost, type Handlers } from '../../../main/service/api-host.ts';
import { checkExposure, parseListen, resolveStatic, startServer, type RunningServer } from '../../../main/server/index.ts';

const listeners = new Set<(e: ApiEvent) => void>();
const emit = (e: ApiEvent) => listeners.forEach((l) => l(e));
const handlers = {
  pauseScreening: ({ minutes }: { minutes: number | null }) => ({ pausedUntil: minutes === null ? null : `in ${minutes} min` }),
} as unknown as Handlers;
const api = createApiHost(handlers, (l) => {
  listeners.add(l);
  return () => listeners.delete(l);
});

const root = mkdtempSync(join(tmpdir(), 'rf-static-'));
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Ringfence</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(url: string, method: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('headless server', () => {
  it('serves a method with validated input', async () => {
    server = await startServer({ api, listen: { host: '127.0.0.1', port: 0 }, staticRoot: root });
    expect(await post(server.url, 'pauseScreening', { minutes: 15 })).toEqual({ status: 200, body: { pausedUntil: 'in 15 min' } });
  });

  it('answers a bad payload with 400 and the schema message', async () => {
    server = await startServer({ api, listen: { host: '127.0.0.1', port: 0 }, staticRoot: root });
    const r = await post(server.url, 'pauseScreening', { minutes: 'soon' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'invalid-input' });
    expect(String((r.body.error as { message: string }).message)).toMatch(/minutes: .*number/i);
    expect((await post(server.url, 'pauseScreening', '{not json')).status).toBe(400);
    expect((await post(server.url, 'noSuchMethod', {})).status).toBe(404);
  });

  it('refuses requests without the token when one is set, in constant-time fashion', async () => {
    server = await startServer({ api, listen: { host: '127.0.0.1', port: 0 }, staticRoot: root, token: 'correct-horse-battery' });
    expect((await post(server.url, 'pauseScreening', { minutes: 1 })).status).toBe(401);
    expect((await post(server.url, 'pauseScreening', { minutes: 1 }, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await post(server.url, 'pauseScreening', { minutes: 1 }, { authorization: 'Bearer correct-horse-battery' })).status).toBe(200);
    // The UI itself (static files) loads without a token so it can ask for one.
    expect((await fetch(`${server.url}/`)).status).toBe(200);
  });

  it('refuses other origins and foreign Host headers (no CORS, no DNS rebinding)', async () => {
    server = await startServer({ api, listen: { host: '127.0.0.1', port: 0 }, staticRoot: root });
    const r = await post(server.url, 'pauseScreening', { minutes: 1 }, { origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    const status = await new Promise<number>((resolve) => {
      const req = request(`${server!.url}/api/getStatus`, { method: 'POST', headers: { host: 'evil.example' } }, (res) => resolve(res.statusCode ?? 0));
      req.end('{}');
    });
    expect(status).toBe(421);
  });

  it('rejects an oversized body with 413', async () => {
    server = await startServer({ api, listen: { host: '127.0.0.1', port: 0 }, staticRoot: root, maxBodyBytes: 1000 });
    expect((await post(server.url, 'pauseScreening', { minutes: 1, pad: 'x'.repeat(2000) })).status).toBe(413);
  });

  it('answers a chunked body that grows past the limit with 413 and a sentence, not a reset connection', async () => {
    server = await startServer({ api, listen: { host: '127.0.0.1', port: 0 }, staticRoot: root, maxBodyBytes: 64 * 1024 });
    const url = new URL(`${server.url}/api/pauseScreening`);
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      const chunk = 'x'.repeat(16 * 1024);
      for (let i = 0; i < 12; i++) req.write(chunk); // 192 KB, three times the limit, no Content-Length
      req.end();
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error).toMatchObject({
      code: 'too-large',
      message: expect.stringMatching(/larger than 64 KB \(65536 bytes\), the most this server accepts/),
    });
  });

  it('hands a previewImport body to the import worker as a file, unparsed, naming the client', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'rf-uploads-'));
    const seen: { text: string; client: string }[] = [];
    const withUploads = {
      ...api,
      uploads: {
        folder: () => folder,
        previewImport: async (path: string, client: string) => {
          seen.push({ text: readFileSync(path, 'utf8'), client });
          return { token: 't', format: 'text' as const, added: 0, duplicates: 0, invalid: [], invalidCount: 0, patterns: 0, sample: [] };
        },
      },
    };
    server = await startServer({ api: withUploads, listen: { host: '127.0.0.1', port: 0 }, staticRoot: root });
    const body = '{"list":"blocked","content":"13900001111\\n"';
    const r = await post(server.url, 'previewImport', body, { 'x-ringfence-client': 'page-1' });
    expect(r.status).toBe(200);
    // Not even valid JSON: the server did not parse it, the worker will (and say so).
    expect(seen).toEqual([{ text: body, client: 'page:page-1' }]);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('pushes events over the WebSocket, and only with the token', async () => {
    server = await startServer({ api, listen: { host: '127.0.0.1', port: 0 }, staticRoot: root, token: 'correct-horse-battery' });
    const wsUrl = server.url.replace('http', 'ws') + '/api/events';
    const refused = new WebSocket(wsUrl);
    await expect(
      new Promise((resolve, reject) => {
        refused.on('open', resolve);
        refused.on('error', reject);
      }),
    ).rejects.toThrow(/401/);
    const ws = new WebSocket(`${wsUrl}?token=correct-horse-battery`);
    await new Promise((r) => ws.on('open', r));
    const got = new Promise<ApiEvent>((r) => ws.on('message', (d) => r(JSON.parse(String(d)))));
    emit({ type: 'notice', code: 'x', level: 'info', text: { en: 'hello', zh: '你好' } });
    expect(await got).toMatchObject({ type: 'notice', text: { zh: '你好' } });
    ws.close();
  });

  it('serves the UI with a strict CSP and never a file outside its root', async () => {
    server = await startServer({ api, listen: { host: '127.0.0.1', port: 0 }, staticRoot: root });
    const res = await fetch(`${server.url}/`);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${server.url}/assets/app.js`)).status).toBe(200);
    expect(resolveStatic(root, '/../../etc/passwd')).toBe(join(root, 'etc/passwd'));
    expect(resolveStatic(root, '/%2e%2e/%2e%2e/etc/passwd')).toBe(join(root, 'etc/passwd'));
  });
});

describe('export downloads', () => {
  it('opens the evidence report sandboxed in the tab and downloads CSV', async () => {
    writeFileSync(join(root, 'report.html'), '<!doctype html><p>report</p>');
    writeFileSync(join(root, 'calls.csv'), 'a,b\n');
    const files: Record<string, { path: string; fileName: string; contentType: string }> = {
      rep: { path: join(root, 'report.html'), fileName: 'evidence report.html', contentType: 'text/html; charset=utf-8' },
      csv: { path: join(root, 'calls.csv'), fileName: 'calls.csv', contentType: 'text/csv; charset=utf-8' },
    };
    server = await startServer({ api, listen: { host: '127.0.0.1', port: 0 }, staticRoot: root, download: (id) => files[id] ?? null });
    const report = await fetch(`${server.url}/api/exports/rep`);
    expect(report.headers.get('content-disposition')).toMatch(/^inline/);
    expect(report.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    const csv = await fetch(`${server.url}/api/exports/csv`);
    expect(csv.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''calls.csv");
    expect(await csv.text()).toBe('a,b\n');
    expect((await fetch(`${server.url}/api/exports/nope`)).status).toBe(404);
  });
});

describe('listen address', () => {
  it('parses HOST:PORT and refuses a network address without a token', () => {
    expect(parseListen('127.0.0.1:7345')).toEqual({ host: '127.0.0.1', port: 7345 });
    expect(parseListen('[::1]:80')).toEqual({ host: '::1', port: 80 });
    expect(() => parseListen('7345')).toThrow(/HOST:PORT/);
    expect(() => checkExposure({ host: '0.0.0.0', port: 7345 }, undefined)).toThrow(/Refusing to listen on 0\.0\.0\.0/);
    expect(() => checkExposure({ host: '0.0.0.0', port: 7345 }, 'a-long-enough-token')).not.toThrow();
    expect(() => checkExposure({ host: '127.0.0.1', port: 7345 }, undefined)).not.toThrow();
  });
});
