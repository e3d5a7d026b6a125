// The ways a modem goes wrong, on demand: pulled out and plugged back, hung firmware, line noise, echo
// switching itself back on (a modem that reset), a missing SIM, no network.
import type { Line } from './line.ts';
import type { SimLog } from './log.ts';
import type { Random } from './random.ts';
import type { Fault } from './schemas.ts';

/** Default freeze: long enough for any host's command timeout to fire. */
export const defaultFreezeMs = 20_000;

/**
 * What a glitching USB-serial link delivers: NULs, high bytes, and torn pieces of real lines, so a parser
 * meets both binary junk and text that almost looks like a URC.
 */
export function garbageBytes(random: Random): Buffer {
  const fragments = ['+CL', 'RIN', '\r\n', '^RS', 'OK', '+CME', '\r', 'NMBR', '"'];
  const out: number[] = [];
  const length = random.int(48, 160);
  while (out.length < length) {
    const roll = random.next();
    if (roll < 0.3) out.push(0);
    else if (roll < 0.55) out.push(random.int(0x80, 0xff));
    else if (roll < 0.8) out.push(random.int(0x20, 0x7e));
    else out.push(...Buffer.from(random.pick(fragments), 'latin1'));
  }
  return Buffer.from(out);
}

export async function applyFault(kind: Fault, line: Line, options: { freezeMs: number; random: Random; log: SimLog }): Promise<void> {
  options.log.add('event', `fault: ${kind}`);
  switch (kind) {
    case 'unplug':
      return line.unplug();
    case 'replug':
      return line.plug({ boot: true });
    case 'freeze':
      return line.freeze(options.freezeMs);
    case 'unfreeze':
      return line.unfreeze();
    case 'garbage': {
      const bytes = garbageBytes(options.random);
      options.log.add('event', `garbage: ${bytes.toString('hex')}`);
      await line.write(bytes);
      return;
    }
    case 'echo-on':
      return line.patchState({ echo: true });
    case 'no-sim':
      return line.patchState({ sim: false });
    case 'no-network':
      return line.patchState({ network: false });
  }
}
