// The renderer is served from app://ringfence/, never file://. A privileged standard scheme gives the page
// a real origin (so IPC can check who is calling), lets us send the Content-Security-Policy as a header,
// and confines what the page can read to the renderer folder (Electron security checklist items 7 and 18).
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'ringfence';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * Sent with every page. `script-src 'self'` is the line that matters: no inline or remote script, no eval.
 * Styles allow 'unsafe-inline' because React and recharts set style attributes and CSS-in-JS needs it; a
 * style cannot run code. The renderer's own <meta> CSP applies as well; the browser enforces both.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export type ResolvedPath = { ok: true; path: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps an app:// URL to a file under `root`, or says why not. Each path segment is percent-decoded on its
 * own, so `%2e%2e` and `..%2f` cannot climb out, and the result must still lie inside `root`.
 */
export function resolveAppPath(root: string, url: string): ResolvedPath {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, status: 400, reason: `"${url}" is not a URL.` };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { ok: false, status: 403, reason: `${parsed.protocol}//${parsed.host} is not the Ringfence app.` };
  }
  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, reason: `The path segment "${raw}" is not valid percent-encoding.` };
    }
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment) || /^[A-Za-z]:/.test(segment)) {
      return { ok: false, status: 403, reason: `The path "${parsed.pathname}" leaves the app folder.` };
    }
    segments.push(segment);
  }
  const base = resolve(root);
  const path = segments.length === 0 ? join(base, 'index.html') : join(base, ...segments);
  if (!path.startsWith(base + sep)) return { ok: false, status: 403, reason: `The path "${parsed.pathname}" leaves the app folder.` };
  return { ok: true, path };
}

export function responseHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

/** Answers one app:// request from the files under `root`. */
export async function serveAppRequest(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
  const resolved = resolveAppPath(root, request.url);
  if (!resolved.ok) return new Response(resolved.reason, { status: resolved.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  let path = resolved.path;
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch {
    // Client-side routes (no file extension) get the app shell; a missing asset is a real 404.
    if (extname(path) !== '') return new Response('Not found', { status: 404 });
    path = join(resolve(root), 'index.html');
    try {
      body = await readFile(path);
    } catch {
      return new Response('Not found', { status: 404 });
    }
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: responseHeaders(path) });
}

/** Must run before `app` is ready: Chromium fixes the scheme list at start-up. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    // standard: a real origin and relative URLs; secure: treated like https (no mixed-content downgrade);
    // supportFetchAPI: the bundle's module scripts load through fetch. No bypassCSP, no CORS, no service workers.
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function handleAppProtocol(protocol: Pick<Protocol, 'handle'>, root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request));
}
