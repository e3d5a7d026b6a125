// A caller who rings while a call is in progress, played the way a GSM network plays call waiting: the
// modem announces it with +CCWA (only once its host enabled that, AT+CCWA=1), again every ring interval,
// until the host releases it with AT+CHLD=0 (which leaves the call in progress alone) or the caller gives up.
// A waiting caller whose wait outlasts the call in progress gives up with it: the simulator does not present
// it again as a ringing call. This file times the release and reports how the waiting call ended.
import { hangupLatency, type CallOptions, type CallResult } from './call.ts';
import { ccwaLine, type CallerIdentity } from './caller-id.ts';
import type { EffectEvent, WriteStamp } from './line.ts';
import type { CallView } from './profiles/profile.ts';
import type { CallSpec } from './schemas.ts';

const defaultAnnouncements = 4;

/** Whether `spec` can wait now: a call is in progress on the line and nobody else is waiting. */
export const canWait = (options: Pick<CallOptions, 'line'>) => options.line.call?.status === 'active' && options.line.waiting === null;

export async function runWaitingCall(spec: CallSpec, options: CallOptions): Promise<CallResult> {
  const { line, clock, log } = options;
  const caller: CallerIdentity = { number: spec.presented?.number ?? spec.number, presentation: spec.presentation, name: spec.presented?.name ?? spec.name };
  const max = spec.rings ?? defaultAnnouncements;
  log.add('event', `waiting call from ${spec.presentation === 'allowed' ? spec.number : spec.presentation} during the call in progress`);
  const view: CallView = { caller, status: 'incoming', startedAt: clock.date() };
  let released: { command: string; at: number } | null = null;
  let wake: () => void = () => {};
  let changed = new Promise<void>((r) => (wake = r));
  const offEffect = line.onEffect(({ effect, firstByteAt }: EffectEvent) => {
    if (effect.kind !== 'release-waiting' || released) return;
    released = { command: effect.command, at: firstByteAt };
    log.add('event', `host released the waiting call (${effect.command})`);
    const w = wake;
    changed = new Promise<void>((r) => (wake = r));
    w();
  });
  const inProgress = line.call;
  line.waiting = view;
  let announcements = 0;
  let first: Promise<WriteStamp | null> | null = null;
  const stillWaiting = () => released === null && line.call === inProgress && line.plugged;
  try {
    while (stillWaiting() && announcements < max) {
      announcements++;
      if (line.state.ccwa && caller.presentation !== 'none') {
        const write = line.unsolicited([ccwaLine(caller, line.state.cscs)]);
        first ??= write;
      }
      await clock.wait(line.profile.ringIntervalMs, changed);
    }
  } finally {
    offEffect();
    if (line.waiting === view) line.waiting = null;
  }
  const stamp = first ? await first : null;
  const rel = released as { command: string; at: number } | null;
  const result: CallResult = rel
    ? { outcome: 'rejected', rings: announcements, hangupCommand: rel.command, hangupLatencyMs: hangupLatency(stamp, rel.at) }
    : { outcome: 'caller-hung-up', rings: announcements, hangupCommand: null, hangupLatencyMs: null };
  log.add('event', `waiting call over: ${JSON.stringify(result)}`);
  return result;
}
