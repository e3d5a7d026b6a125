// A contract-conformant stand-in for `ringfence serve`: POST /api/<method> through the real api-host
// (so validation and error shapes are the real ones), events on a WebSocket at /api/events, export
// downloads, an optional access token — and the renderer on the same origin, either from a Vite dev
// server (tests: no build step) or from a built directory (benchmarks: the production bundle).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import react from '@vitejs/plugin-react';
import { createServer as createVite, type ViteDevServer } from 'vite';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiEvent, type MethodName } from '../../../shared/api.ts';
import { ApiFailure, createApiHost } from '../../../main/service/api-host.ts';
import { toApiError } from '../../../main/service/errors.ts';
import { repoRoot } from '../../support/paths.ts';
import { createFakeService, type FakeOptions, type FakeService } from './fake-service.ts';

export type RendererSource = { kind: 'vite' } | { kind: 'static'; dir: string };

export type FakeApiServer = {
  /** The origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  token: string | null;
  service: FakeService;
  /** Every API call the UI made, in order, with its validated input. */
  log: { method: MethodName; input: unknown }[];
  /** Sends an event to every connected page (validated against the contract first). */
  push(event: ApiEvent): void;
  /** Drops every WebSocket, as a restarting server would. */
  dropSockets(): void;
  close(): Promise<void>;
};

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startFakeApiServer(options: FakeOptions & { token?: string | null; renderer?: RendererSource } = {}): Promise<FakeApiServer> {
  const token = options.token ?? null;
  const service = createFakeService(options);
  const host = createApiHost(service.handlers, (l) => service.subscribe(l));
  const log: FakeApiServer['log'] = [];
  const renderer = options.renderer ?? { kind: 'vite' };
  const authorised = (req: IncomingMessage, url: URL) => !token || req.headers.authorization === `Bearer ${token}` || url.searchParams.get('token') === token;

  let vite: ViteDevServer | null = null;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // GET /api/*.ts in dev is the renderer's own api/ folder, served by Vite; the API is POST (and exports).
    if (url.pathname.startsWith('/api/') && (req.method !== 'GET' || url.pathname.startsWith('/api/exports/'))) {
      if (!authorised(req, url)) return sendJson(res, 401, { error: { code: 'unauthorized', message: 'A valid access token is required.' } });
      const exportMatch = url.pathname.match(/^\/api\/exports\/([A-Za-z0-9_-]{1,64})$/);
      if (req.method === 'GET' && exportMatch) {
        const file = service.exportFile(exportMatch[1]!);
        if (!file) return sendJson(res, 404, { error: { code: 'not-found', message: 'No such export.' } });
        // As main/server does, except the evidence report is served inline so "Open the evidence report"
        // opens it in a tab (the real server sends every export as an attachment, for now).
        const disposition = file.type.startsWith('text/html') ? 'inline' : `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
        res.writeHead(200, { 'content-type': file.type, 'content-disposition': disposition });
        return res.end(file.content);
      }
      if (req.method !== 'POST') return sendJson(res, 405, { error: { code: 'method-not-allowed', message: 'Use POST.' } });
      const method = url.pathname.slice('/api/'.length);
      let input: unknown;
      try {
        const body = await readBody(req);
        input = body ? JSON.parse(body) : {};
      } catch {
        return sendJson(res, 400, { error: { code: 'invalid-json', message: 'The request body is not JSON.' } });
      }
      log.push({ method: method as MethodName, input });
      try {
        const output = await host.call(method as MethodName, input);
        return sendJson(res, 200, output);
      } catch (e) {
        if (e instanceof ApiFailure) return sendJson(res, e.status, { error: toApiError(e) });
        return sendJson(res, 500, { error: { code: 'internal', message: 'The fake service failed.' } });
      }
    }
    if (vite) return vite.middlewares(req, res);
    if (renderer.kind === 'static') return serveStatic(renderer.dir, url.pathname, res);
  });

  if (renderer.kind === 'vite') {
    vite = await createVite({
      root: join(repoRoot, 'renderer'),
      configFile: false,
      plugins: [react()],
      logLevel: 'silent',
      appType: 'spa',
      // Vite's client wants its socket; give it ours. No file watching: a file saved by someone else
      // mid-test must not reload the page under test.
      server: { middlewareMode: true, hmr: { server }, watch: null },
    });
  }

  const wss = new WebSocketServer({ noServer: true });
  const sockets = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/api/events') return; // Vite's own socket, handled by Vite
    if (!authorised(req, url)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  const unsubscribe = host.onEvent((event) => {
    const data = JSON.stringify(ApiEvent.parse(event));
    for (const ws of sockets) ws.send(data);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    token,
    service,
    log,
    push: (event) => service.emit(ApiEvent.parse(event)),
    dropSockets() {
      for (const ws of sockets) ws.terminate();
    },
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await vite?.close();
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

// The built renderer: its files, and index.html for anything else (the hash router needs no paths).
function serveStatic(dir: string, pathname: string, res: ServerResponse) {
  const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = join(dir, safe);
  if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) file = join(dir, 'index.html');
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}
