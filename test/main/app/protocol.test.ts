import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, handleAppProtocol, registerAppScheme, resolveAppPath, serveAppRequest } from '../../../main/app/protocol.ts';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'ringfence-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Ringfence</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(root, 'assets', 'a b.css'), 'body{}');
  writeFileSync(join(base, 'secret.txt'), 'not for the page');
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('resolving app:// paths', () => {
  it('maps the root to index.html and assets to files under the renderer folder', () => {
    expect(resolveAppPath(root, 'app://ringfence/')).toEqual({ ok: true, path: join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://ringfence/assets/index-abc.js?v=1#x')).toEqual({ ok: true, path: join(root, 'assets', 'index-abc.js') });
    expect(resolveAppPath(root, 'app://ringfence/assets/a%20b.css')).toEqual({ ok: true, path: join(root, 'assets', 'a b.css') });
  });

  it('never escapes the renderer folder, however the dots and slashes are encoded', () => {
    const attempts = [
      'app://ringfence/../secret.txt',
      'app://ringfence/%2e%2e/secret.txt',
      'app://ringfence/%2E%2E/secret.txt',
      'app://ringfence/assets/..%2f..%2fsecret.txt',
      'app://ringfence/..%5csecret.txt',
      'app://ringfence/%2e%2e%2fsecret.txt',
      'app://ringfence/assets/%2e%2e/%2e%2e/secret.txt',
      'app://ringfence/C:%5cWindows%5cwin.ini',
      'app://ringfence/%00secret.txt',
    ];
    for (const url of attempts) {
      const r = resolveAppPath(root, url);
      if (r.ok) expect(r.path.startsWith(root + sep), `${url} → ${r.path}`).toBe(true);
      else expect([400, 403]).toContain(r.status);
    }
    expect(resolveAppPath(root, 'app://ringfence/assets/..%2f..%2fsecret.txt')).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses another host or scheme', () => {
    expect(resolveAppPath(root, 'app://evil/index.html')).toMatchObject({ ok: false, status: 403 });
    expect(resolveAppPath(root, 'file:///etc/passwd')).toMatchObject({ ok: false, status: 403 });
  });

  it('says which segment is broken when the percent-encoding is invalid', () => {
    expect(resolveAppPath(root, 'app://ringfence/%E0%A4%A')).toMatchObject({ ok: false, status: 400, reason: expect.stringContaining('%E0%A4%A') });
  });
});

describe('serving app:// requests', () => {
  it('sends the page with a strict Content-Security-Policy header (checklist 7)', async () => {
    const res = await serveAppRequest(root, new Request('app://ringfence/index.html'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Ringfence</title>');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp).toMatch(/(^|; )script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves scripts as JavaScript', async () => {
    const res = await serveAppRequest(root, new Request('app://ringfence/assets/index-abc.js'));
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers a traversal attempt with 403 and never the file', async () => {
    const res = await serveAppRequest(root, new Request('app://ringfence/assets/..%2f..%2fsecret.txt'));
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('not for the page');
  });

  it('gives a missing asset 404 but a client-side route the app shell', async () => {
    expect((await serveAppRequest(root, new Request('app://ringfence/assets/missing.js'))).status).toBe(404);
    const route = await serveAppRequest(root, new Request('app://ringfence/history'));
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('<title>Ringfence</title>');
  });

  it('refuses anything but GET and HEAD', async () => {
    expect((await serveAppRequest(root, new Request('app://ringfence/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
  });
});

describe('registering the scheme', () => {
  it('is standard and secure but never bypasses CSP or opens CORS', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (s) => void calls.push(...s) });
    expect(calls).toEqual([{ scheme: APP_SCHEME, privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const privileges = (calls[0] as { privileges: Record<string, boolean> }).privileges;
    expect(privileges.bypassCSP).toBeFalsy();
    expect(privileges.corsEnabled).toBeFalsy();
    expect(privileges.allowServiceWorkers).toBeFalsy();
  });

  it('routes app:// requests to the renderer folder', async () => {
    let handler: ((r: Request) => Promise<Response> | Response) | null = null;
    handleAppProtocol({ handle: (scheme, h) => void (scheme === 'app' && (handler = h as never)) }, root);
    const res = await handler!(new Request('app://ringfence/'));
    expect(await res.text()).toContain('<title>Ringfence</title>');
  });
});
