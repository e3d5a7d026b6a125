// Is there a modem on this port? Open it (the errors say why not: permission, ModemManager, gone), say
// AT with a short timeout, and if it answers, ask who it is. Never leaves the port open.
import type { ProbeResult } from '../../shared/api.ts';
import { createAtChannel } from './at-channel.ts';
import { identify, syncAt } from './identify.ts';
import { createLineSplitter } from './line-splitter.ts';
import { portProblem } from './port-problems.ts';
import { findHilinkSticks } from './ports.ts';
import { openSerial } from './serial.ts';

export async function probePort(path: string, timeoutMs = 1500, baudRate = 115_200): Promise<ProbeResult> {
  const fail = (problem: ProbeResult['problem']): ProbeResult => ({ path, ok: false, kind: null, manufacturer: null, model: null, problem });
  const splitter = createLineSplitter();
  let receive: (line: string) => void = () => {};
  const opened = await openSerial({ path, baudRate, onData: (chunk) => splitter.push(chunk).forEach((l) => receive(l)), onWriteError: () => {}, watchMs: 0 });
  if (!opened.ok) {
    if (opened.problem.code === 'not-found' && (await findHilinkSticks()).length > 0) return fail(portProblem('hilink', path));
    return fail(opened.problem);
  }
  const channel = createAtChannel({ write: (t) => opened.link.write(t), onUrc: () => {}, defaultTimeoutMs: timeoutMs });
  receive = (line) => channel.receive(line);
  const gone = opened.link.closed.then(() => channel.close());
  try {
    if (!(await syncAt(channel, 2))) return fail(portProblem('not-a-modem', path));
    const identity = await identify(channel);
    return {
      path,
      ok: true,
      kind: identity.gsm ? 'gsm' : 'landline',
      manufacturer: identity.manufacturer,
      model: identity.model,
      problem: null,
    };
  } finally {
    channel.close();
    await opened.link.close();
    await gone;
  }
}
