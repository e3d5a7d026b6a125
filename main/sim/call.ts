// One incoming call, played the way the network plays it. GSM: a ring every ~5 s, +CLIP right after
// each ring (when the host enabled it), the caller giving up after N rings with the model's end lines.
// Landline: RING, caller ID in the silence between ring 1 and ring 2, and no sign at all when the caller
// gives up. The host ends it with a hang-up (or answers it); this file times that and reports how it ended.
import { clipLine, formattedBlock, hexPacket, type CallerIdentity } from './caller-id.ts';
import type { SimClock } from './clock.ts';
import { block } from './framing.ts';
import type { EffectEvent, Line, WriteStamp } from './line.ts';
import type { SimLog } from './log.ts';
import type { CallView } from './profiles/profile.ts';
import type { SimAudioPort } from './audio-port.ts';
import { createGateCaller, type GateHeard } from './gate-caller.ts';
import type { CallSpec } from './schemas.ts';

export type CallResult = {
  /** `gated`: the host answered with the pass gate (the caller heard a prompt) and hung up after. */
  outcome: 'rejected' | 'answered' | 'caller-hung-up' | 'gated';
  rings: number;
  /** The host's command(s) that ended the call: 'AT+CHUP', or 'ATH1…ATH0' / 'ATA…ATH' for two-step hang-ups. */
  hangupCommand: string | null;
  /** From the last byte of caller ID handed to the OS to the first byte of the hang-up read. */
  hangupLatencyMs: number | null;
  /** What the caller heard and pressed at the pass gate, when the host gated the call. */
  gate?: GateHeard;
};

export type CallOptions = {
  line: Line;
  clock: SimClock;
  log: SimLog;
  answeredHoldMs: number;
  /** The Huawei audio port, where the simulated dongle has one. */
  audio?: SimAudioPort | null;
};

const defaultRings = 4;
/** US caller ID starts ~0.5 s after the 2 s first ring burst: a little under half the ring period. */
const callerIdDelayShare = 0.45;

const round = (ms: number) => Math.round(ms * 1000) / 1000;

/**
 * From the caller ID write to the first byte of the hang-up, measured from the moment the bytes were handed
 * to the OS. The drain callback is no reference: on a busy machine it runs late, after the host may already
 * have reacted, and the figure would then flatter the host. From the hand-off it can only overstate (by the
 * write's own few microseconds), so it stays an upper bound.
 */
export function hangupLatency(cid: WriteStamp | null, firstByteAt: number | null): number | null {
  if (!cid || firstByteAt === null) return null;
  return firstByteAt >= cid.submittedAt ? round(firstByteAt - cid.submittedAt) : null;
}

export async function runCall(spec: CallSpec, options: CallOptions): Promise<CallResult> {
  const { line, clock, log } = options;
  const { profile } = line;
  const caller: CallerIdentity = { number: spec.presented?.number ?? spec.number, presentation: spec.presentation, name: spec.presented?.name ?? spec.name };
  const maxRings = spec.rings ?? defaultRings;
  const who = spec.presentation === 'allowed' ? spec.number : spec.presentation;
  log.add('event', `call from ${who}${spec.name ? ` (${spec.name})` : ''}, caller gives up after ${maxRings} rings`);

  const unreachable = !line.plugged
    ? 'the modem is unplugged'
    : line.replaying
      ? 'a transcript is being replayed on the link'
      : !line.state.sim
        ? 'there is no SIM'
        : !line.state.network
          ? 'there is no network'
          : profile.kind === 'landline' && line.state.hook === 'off'
            ? 'the line is busy (off-hook)'
            : null;
  if (unreachable) {
    log.add('event', `call not delivered: ${unreachable}; the caller gives up`);
    return { outcome: 'caller-hung-up', rings: 0, hangupCommand: null, hangupLatencyMs: null };
  }

  const view: CallView = { caller, status: 'incoming', startedAt: clock.date() };
  // Changed by host commands and unplug events while the ring loop awaits; read through functions so
  // the compiler does not assume they kept the value the loop last saw.
  let status: 'incoming' | 'active' | 'ended' = 'incoming';
  let endedBy: 'host' | 'caller' | 'unplug' | null = null;
  const is = (s: typeof status) => status === s;
  const endedByWhom = () => endedBy;
  let firstAction: { command: string; at: number } | null = null;
  let lastCommand: string | null = null;
  let cidWrite: Promise<WriteStamp | null> | null = null;
  let rings = 0;
  let wake: () => void = () => {};
  let changed = new Promise<void>((r) => (wake = r));
  const signalChange = () => {
    const w = wake;
    changed = new Promise<void>((r) => (wake = r));
    w();
  };

  let answeredByPerson = false;
  const gate = createGateCaller({ spec, line, clock, log, until: () => changed, active: () => status === 'active', audio: options.audio ?? null });
  const offEffect = line.onEffect(({ effect, firstByteAt }: EffectEvent) => {
    // AT+CHLD=0 with a caller waiting releases that caller only (waiting.ts), never this call; SMS effects
    // are the SIM's, not the call's; what the host says to the caller goes to the gate's caller.
    if (status === 'ended') return;
    if (effect.kind === 'prompt' || effect.kind === 'voice-data' || effect.kind === 'play-file') return gate.onEffect(effect);
    if (effect.kind !== 'answer' && effect.kind !== 'hang-up') return;
    firstAction ??= { command: effect.command, at: firstByteAt };
    lastCommand = effect.command;
    if (effect.kind === 'answer' && status === 'incoming') {
      status = 'active';
      view.status = 'active';
      view.startedAt = clock.date();
      log.add('event', `host answered (${effect.command})`);
      gate.answered();
      void line.unsolicited(profile.ends.answered(view));
    } else if (effect.kind === 'hang-up') {
      status = 'ended';
      endedBy = 'host';
      gate.hungUp();
      log.add('event', `host hung up (${effect.command})`);
      const lines = profile.ends.hostHungUp(view, clock.date());
      if (lines.length) void line.unsolicited(lines);
    }
    signalChange();
  });
  const offUnplug = line.onUnplug(() => {
    if (status === 'ended') return;
    status = 'ended';
    endedBy = 'unplug';
    signalChange();
  });
  line.call = view;

  try {
    const interval = profile.ringIntervalMs;
    while (is('incoming') && rings < maxRings) {
      rings++;
      const gsmCallerId = profile.kind === 'gsm' && line.state.clip && caller.presentation !== 'none';
      const ringWrite = line.unsolicited(
        gsmCallerId ? [profile.ring(line.state), clipLine(profile.clipStyle ?? 'simcom', caller, line.state.cscs)] : [profile.ring(line.state)],
      );
      // Huawei repeats +CLIP with every ring; the first one is what the host decides on.
      if (gsmCallerId) cidWrite ??= ringWrite;
      if (profile.kind === 'landline' && rings === 1) {
        await clock.wait(interval * callerIdDelayShare, changed);
        if (is('incoming')) {
          const cid = landlineCallerId(caller, line, clock.date());
          if (cid) cidWrite = line.write(cid);
        }
        if (is('incoming')) await clock.wait(interval * (1 - callerIdDelayShare), changed);
      } else {
        await clock.wait(interval, changed);
      }
      if (is('incoming') && spec.answerAfterRings !== undefined && rings >= spec.answerAfterRings) {
        // The person at the phone picks up: the call is in progress, whatever the host does next.
        status = 'active';
        view.status = 'active';
        view.startedAt = clock.date();
        answeredByPerson = true;
        log.add('event', `answered at the phone after ${rings} rings`);
        void line.unsolicited(profile.ends.answered(view));
      }
    }
    if (is('incoming')) {
      status = 'ended';
      endedBy = 'caller';
      log.add('event', `caller gave up after ${rings} rings`);
      const lines = profile.ends.callerGaveUp(view, clock.date());
      if (lines.length) await line.unsolicited(lines);
    }
    if (is('active')) {
      await clock.wait(options.answeredHoldMs, changed);
      if (is('active')) {
        status = 'ended';
        endedBy = 'caller';
        log.add('event', 'caller hung up an answered call');
        // A landline in data mode still waiting for a carrier gives up too; a voice pick-up stays off-hook.
        if (line.state.answering) {
          line.patchState({ answering: false, hook: 'on' });
          await line.unsolicited(['NO CARRIER']);
        } else {
          const lines = profile.ends.callerGaveUp(view, clock.date());
          if (lines.length) await line.unsolicited(lines);
        }
      }
    }
  } finally {
    offEffect();
    offUnplug();
    gate.stop();
    line.call = null;
  }

  const cid = cidWrite ? await cidWrite : null;
  const hungUpByHost = endedByWhom() === 'host';
  const first = firstAction as { command: string; at: number } | null;
  let result: CallResult;
  const gated = gate.result();
  if (gated) {
    const command = first && first.command !== lastCommand ? `${first.command}…${lastCommand}` : (lastCommand ?? null);
    result = { outcome: 'gated', rings, hangupCommand: hungUpByHost ? command : null, hangupLatencyMs: null, gate: gated };
  } else if (hungUpByHost && first) {
    const command = first.command === lastCommand ? first.command : `${first.command}…${lastCommand}`;
    result = { outcome: 'rejected', rings, hangupCommand: command, hangupLatencyMs: hangupLatency(cid, first.at) };
  } else if ((first || answeredByPerson) && endedByWhom() === 'caller') {
    result = { outcome: 'answered', rings, hangupCommand: null, hangupLatencyMs: null };
  } else {
    result = { outcome: 'caller-hung-up', rings, hangupCommand: null, hangupLatencyMs: null };
  }
  log.add('event', `call over: ${JSON.stringify(result)}`);
  return result;
}

/** The landline caller-ID data the host asked for with +VCID / #CID, or nothing when it is off. */
function landlineCallerId(caller: CallerIdentity, line: Line, at: Date): string | null {
  const mode = line.state.callerId;
  if (mode === 0 || caller.presentation === 'none') return null;
  if (mode === 2) {
    const packet = hexPacket(caller, at);
    return packet ? `\r\n${packet}\r\n` : null;
  }
  const lines = formattedBlock(caller, at, line.profile.cidLayout ?? 'spaced');
  return lines.length ? block(lines) : null;
}
