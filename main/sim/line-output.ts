// What the simulated modem sends to the host, and when it cannot: nothing while unplugged or frozen, and
// nothing once the host has stopped reading (a USB modem's full buffer drops). Each write says when its
// last byte was handed to the link and when it drained, for the latency measurements in call.ts.
import type { ModemEnd } from './link.ts';
import type { SimLog } from './log.ts';

/** When the last byte left for the host (`submittedAt`: handed to the link, `drainedAt`: write drained). */
export type WriteStamp = { submittedAt: number; drainedAt: number };

/** Beyond this much unread output the host is not reading: drop, as a USB modem's full buffer does. */
const maxBacklog = 64 * 1024;

export type OutputLink = { port(): ModemEnd | null; plugged(): boolean; frozen(): boolean; log: SimLog };

export function createOutput(link: OutputLink): (data: string | Buffer) => Promise<WriteStamp | null> {
  const { log } = link;
  return async (data) => {
    const p = link.port();
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (!link.plugged() || !p?.open) {
      log.add('event', `not sent (unplugged): ${JSON.stringify(bytes.toString('latin1'))}`);
      return null;
    }
    if (link.frozen()) {
      log.add('event', `not sent (frozen): ${JSON.stringify(bytes.toString('latin1'))}`);
      return null;
    }
    if (p.backlog > maxBacklog) {
      log.add('event', `not sent (host is not reading): ${bytes.length} bytes`);
      return null;
    }
    const submittedAt = performance.now();
    const drained = p.write(bytes);
    log.add('to-host', bytes.toString('utf8'));
    await drained;
    return { submittedAt, drainedAt: performance.now() };
  };
}
