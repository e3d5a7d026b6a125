// The simulator's control API: HTTP + JSON on 127.0.0.1 only, so a test, a benchmark or a person with
// curl can ring the line and break the modem. Browsers are kept out: Host must be loopback (no DNS
// rebinding) and POST bodies must be application/json (no cross-site form posts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DomainError } from '../../shared/errors.ts';
import type { CallResult } from './call.ts';
import type { SimLogEntry } from './log.ts';
import type { StoredSms } from './profiles/profile.ts';
import type { CallSpec, Fault, Scenario, SmsSpec } from './schemas.ts';
import type { SentSms, SmsCounts, SmsDelivery } from './sms.ts';

export type ControlServer = { url: string; port: number; close(): Promise<void> };

/** What the control API drives. The simulator (simulator.ts) is one; declared here so that file, which
 *  starts this server, and this one do not import each other. */
export type ControlTarget = {
  readonly link: string;
  placeCall(spec: CallSpec): Promise<CallResult>;
  runScenario(s: Scenario): Promise<CallResult[]>;
  fault(kind: Fault): Promise<void>;
  log(): SimLogEntry[];
  sendSms(spec: SmsSpec): Promise<SmsDelivery>;
  smsSent(): SentSms[];
  smsStore(): { messages: StoredSms[]; counts: SmsCounts };
};

const maxBodyBytes = 1024 * 1024;

class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const send = (res: ServerResponse, status: number, body: unknown) => {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(data), 'cache-control': 'no-store' });
  res.end(data);
};

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpProblem(415, 'unsupported-media-type', 'Send the body as JSON with Content-Type: application/json.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new HttpProblem(413, 'too-large', `The request body is larger than ${maxBodyBytes} bytes.`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpProblem(400, 'invalid-json', `The request body is not valid JSON: ${(error as Error).message}`);
  }
}

const routes = [
  'POST /calls {number, presentation, name?, rings?}',
  'POST /faults {kind}',
  'GET /log',
  'POST /scenario {steps}',
  'POST /sms {from, text, class?, referenceBits?}',
  'GET /sms/sent',
  'GET /sms/store',
];

export async function startControlServer(sim: ControlTarget, address: { host: '127.0.0.1'; port: number }): Promise<ControlServer> {
  let port = address.port;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`)
      throw new HttpProblem(403, 'forbidden-host', 'The control API answers only requests addressed to 127.0.0.1.');
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const route = `${req.method} ${path}`;
    switch (route) {
      case 'GET /':
        return send(res, 200, { link: sim.link, routes });
      case 'GET /log':
        return send(res, 200, sim.log());
      case 'POST /calls':
        return send(res, 200, await sim.placeCall((await readJson(req)) as never));
      case 'POST /faults': {
        const body = (await readJson(req)) as { kind?: unknown } | null;
        if (typeof body !== 'object' || body === null || !('kind' in body))
          throw new HttpProblem(400, 'invalid-input', 'Send {"kind": "<fault>"}, e.g. {"kind": "unplug"}.');
        await sim.fault(body.kind as never);
        return send(res, 200, { ok: true, kind: body.kind });
      }
      case 'POST /scenario':
        return send(res, 200, await sim.runScenario((await readJson(req)) as never));
      case 'POST /sms':
        return send(res, 200, await sim.sendSms((await readJson(req)) as never));
      case 'GET /sms/sent':
        return send(res, 200, sim.smsSent());
      case 'GET /sms/store':
        return send(res, 200, sim.smsStore());
    }
    const known = routes.some((r) => r.split(' ')[1] === path);
    throw known
      ? new HttpProblem(405, 'method-not-allowed', `${req.method} is not supported on ${path}.`)
      : new HttpProblem(404, 'not-found', `No such route ${path}. Routes: ${routes.join(', ')}.`);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof HttpProblem) return send(res, error.status, { error: { code: error.code, message: error.message } });
      if (error instanceof DomainError) return send(res, error.status, { error: { code: error.code, message: error.message, text: error.text } });
      send(res, 500, { error: { code: 'internal', message: `The simulator failed: ${(error as Error).message}` } });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
