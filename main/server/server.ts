// The headless server: the built UI and the API contract over HTTP (POST /api/<method>) and a WebSocket
// (/api/events). Loopback by default; a token is required for any other address. No CORS: requests from
// other origins are refused, and Host is checked on loopback so DNS rebinding cannot reach the API.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiFailure, isMethodName, toApiError, type ApiHost, type ImportUploads } from '../service/index.ts';
import { tokenChecker } from './auth.ts';
import { isLoopback, type ListenAddress } from './listen.ts';
import { serveStatic } from './static.ts';
import { texts } from './texts.ts';

export type Download = { path: string; fileName: string; contentType: string };

export type ServerOptions = {
  api: ApiHost;
  listen: ListenAddress;
  token?: string;
  /** The built renderer (out/renderer). */
  staticRoot: string;
  /** Finished export files by job id. */
  download?: (jobId: string) => Download | null;
  /** Largest accepted request body; list imports are the big ones. */
  maxBodyBytes?: number;
};

export type RunningServer = { url: string; port: number; close(): Promise<void> };

const json = (res: ServerResponse, status: number, body: unknown) => {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(data),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(data);
};
const fail = (res: ServerResponse, status: number, code: string, message: string) => json(res, status, { error: { code, message } });
/** A failure of the API itself, said exactly as IPC says it (main/service/errors.ts). */
const failWith = (res: ServerResponse, error: unknown) => {
  const reply = toApiError(error);
  // A body still arriving after its 413 (past the drain limit) is not read on: the connection ends with the answer.
  if (reply.status === 413) res.once('finish', () => (res.req.complete ? undefined : res.req.destroy()));
  json(res, reply.status, { error: reply });
};

/**
 * A body over the limit is answered 413 with a sentence, not a reset connection. The answer waits until the
 * client has sent the rest (read and dropped, up to four times the limit; beyond that the connection is cut
 * once the answer is out): a client still writing when we answer sees a broken pipe, not our sentence.
 */
function tooLarge(req: IncomingMessage, limit: number): Promise<ApiFailure> {
  const failure = new ApiFailure('too-large', texts.tooLarge(limit), { status: 413 });
  req.removeAllListeners('data');
  return new Promise((resolve) => {
    let dropped = 0;
    const done = () => resolve(failure);
    req.on('data', (c: Buffer) => {
      dropped += c.length;
      if (dropped > 4 * limit) {
        // A client that would never stop: answer now (failWith cuts the connection once the answer is out).
        req.removeAllListeners('data');
        req.pause();
        done();
      }
    });
    req.once('end', done);
    req.once('error', done);
    req.resume();
  });
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return void tooLarge(req, limit).then(reject);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit && !over) {
        over = true;
        chunks.length = 0;
        void tooLarge(req, limit).then(reject);
      } else if (!over) chunks.push(c);
    });
    req.on('end', () => (over ? undefined : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** Streams a body into a file without parsing it on this thread (an import list may be 60 MB of JSON). */
function saveBody(req: IncomingMessage, limit: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return void tooLarge(req, limit).then(reject);
    const out = createWriteStream(path);
    let size = 0;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(out);
      out.destroy();
      reject(error);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit && !failed) {
        req.unpipe(out);
        out.destroy();
        failed = true;
        void tooLarge(req, limit).then(reject);
      }
    });
    req.on('error', fail);
    out.on('error', fail);
    out.on('finish', () => (failed ? undefined : resolve()));
    req.pipe(out);
  });
}

/** Who is asking, for "one pending import preview per client": the page's own id, else its address. */
function clientOf(req: IncomingMessage): string {
  const named = req.headers['x-ringfence-client'];
  return typeof named === 'string' && /^[\w-]{1,64}$/.test(named) ? `page:${named}` : `addr:${req.socket.remoteAddress ?? '?'}`;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { api, listen } = options;
  const maxBody = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const authorized = tokenChecker(options.token);
  let port = listen.port;

  const hostAllowed = (req: IncomingMessage) => {
    if (!isLoopback(listen.host)) return true;
    const host = (req.headers.host ?? '').toLowerCase();
    return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host);
  };
  const originAllowed = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (!origin) return true;
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) failWith(res, error);
      else res.destroy();
    });
  });

  /** An import list goes to its worker as the file it arrived as: this thread never parses it. */
  async function previewUpload(req: IncomingMessage, res: ServerResponse, uploads: ImportUploads) {
    const path = join(uploads.folder(), `${randomUUID()}.request.json`);
    let result: Awaited<ReturnType<ImportUploads['previewImport']>>;
    try {
      await saveBody(req, maxBody, path);
      result = await uploads.previewImport(path, clientOf(req));
    } catch (error) {
      await rm(path, { force: true });
      return failWith(res, error);
    }
    await rm(path, { force: true });
    json(res, 200, result);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!hostAllowed(req)) return fail(res, 421, 'bad-host', 'This server only answers requests addressed to its loopback address.');
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'method-not-allowed', 'Only GET is allowed here.');
      return serveStatic(options.staticRoot, url.pathname, res);
    }
    if (!originAllowed(req)) return fail(res, 403, 'foreign-origin', 'Requests from other web sites are not allowed.');
    if (!authorized(req, url))
      return fail(res, 401, 'unauthorized', 'A valid token is required: open the address printed by "ringfence serve", which includes it.');

    const exportMatch = url.pathname.match(/^\/api\/exports\/([A-Za-z0-9_-]{1,64})$/);
    if (exportMatch && req.method === 'GET') {
      const file = options.download?.(exportMatch[1]!);
      const info = file ? await stat(file.path).catch(() => null) : null;
      if (!file || !info) return fail(res, 404, 'not-found', 'That export does not exist (any more). Export again.');
      // The evidence report opens in the browser tab ("Open the report"); CSV and JSON download. The report
      // holds caller names we did not write, so it is served sandboxed: no scripts, nothing fetched.
      const inline = file.contentType.startsWith('text/html') && url.searchParams.get('download') !== '1';
      res.writeHead(200, {
        'content-type': file.contentType,
        'content-length': info.size,
        'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'x-content-type-options': 'nosniff',
        ...(inline ? { 'content-security-policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:" } : {}),
      });
      createReadStream(file.path).pipe(res);
      return;
    }

    const method = url.pathname.slice('/api/'.length);
    if (!isMethodName(method)) return fail(res, 404, 'unknown-method', `There is no API method "${method}".`);
    if (req.method !== 'POST') return fail(res, 405, 'method-not-allowed', `Call ${method} with POST.`);
    if (method === 'previewImport' && api.uploads) return previewUpload(req, res, api.uploads);
    let input: unknown = {};
    try {
      const body = await readBody(req, maxBody);
      if (body.trim()) input = JSON.parse(body);
    } catch (error) {
      if (error instanceof ApiFailure) return failWith(res, error);
      return fail(res, 400, 'invalid-json', `The request body is not valid JSON: ${(error as Error).message}`);
    }
    try {
      json(res, 200, await api.call(method, input));
    } catch (error) {
      failWith(res, error);
    }
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reject = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== '/api/events') return reject('404 Not Found');
    if (!hostAllowed(req)) return reject('421 Misdirected Request');
    if (!originAllowed(req)) return reject('403 Forbidden');
    if (!authorized(req, url)) return reject('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => clients.delete(ws));
    });
  });
  const unsubscribe = api.onEvent((event) => {
    if (clients.size === 0) return;
    const data = JSON.stringify(event);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(data);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const hostForUrl = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
