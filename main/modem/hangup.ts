// Hang-up strategies and their fallback chain. GSM: AT+CHUP (the 3GPP way), then ATH (enough on most
// modems, and on SIM800 once +CVHU=0), then AT+CHLD=0 (release held/waiting calls, which some firmware
// uses for a ringing one). Each GSM step is verified with AT+CLCC: an OK that left the call ringing is not
// a hang-up. Landline: go off-hook and back on (ATH1, pause, ATH0) — the pause must outlast a hook-flash,
// or the exchange reads it as a flash and keeps ringing — or answer and hang up (ATA, pause, ATH0).
import type { Action, HangupMethod, LineKind } from '../../shared/domain.ts';
import type { AtChannel, AtResult } from './at-channel.ts';
import { isRingingIn, parseClcc } from './clcc.ts';

export type ConcreteMethod = Exclude<HangupMethod, 'auto'>;

const gsmMethods: ConcreteMethod[] = ['chup', 'ath', 'chld'];
const landlineMethods: ConcreteMethod[] = ['offhook-onhook', 'answer-hangup'];

/** The order to try, for this line kind, the configured method and the decision's action. Pure. */
export function hangupChain(kind: LineKind, profileChain: readonly ConcreteMethod[], configured: HangupMethod, action: Action): ConcreteMethod[] {
  const fits = kind === 'gsm' ? gsmMethods : landlineMethods;
  const base = profileChain.filter((m) => fits.includes(m));
  // 'answer-hangup' as a decision only means something on a landline; on GSM it is a plain reject.
  const first: ConcreteMethod | null =
    kind === 'landline' && action === 'answer-hangup' ? 'answer-hangup' : configured !== 'auto' && fits.includes(configured) ? configured : null;
  return first ? [first, ...base.filter((m) => m !== first)] : [...base];
}

/** The command a method writes first (what the modem sees, and what 'hangup-sent' reports). */
export const firstCommand: Record<ConcreteMethod, string> = {
  chup: 'AT+CHUP',
  ath: 'ATH',
  chld: 'AT+CHLD=0',
  'offhook-onhook': 'ATH1',
  'answer-hangup': 'ATA',
};

export type HangupResult = { ok: true; method: ConcreteMethod; command: string } | { ok: false; tried: string[] };

export type HangupRun = {
  /** Resolves when a method is confirmed, or when every method failed. */
  done: Promise<HangupResult>;
  /** Stop escalating (the call ended by itself, or the line was lost). */
  cancel(): void;
};

type Env = {
  channel: AtChannel;
  /** The number of the call being hung up (null when withheld), to recognise it in AT+CLCC. */
  number?: string | null;
  pauseMs: number;
  /** Called with the first command of every step the moment it is written. */
  onWritten: (command: string, at: number) => void;
  /**
   * The modem answered OK to the command that releases the call (AT+CHUP, ATH, AT+CHLD=0, or the landline's
   * final ATH0), called as that OK is read: the call is released, whatever comes next is a new call.
   */
  onAcknowledged?: () => void;
  /** AT+CLCC still lists the call after that OK: the release did not take. */
  onStillRinging?: () => void;
  /** False once the caller's side moved on (the next call rang after the OK): AT+CLCC would list that one. */
  stillOurs?: () => boolean;
  sleep: (ms: number) => Promise<void>;
};

/**
 * GSM: is the call we hung up on still ringing? null when the modem cannot tell (AT+CLCC unsupported).
 * Only an entry with our caller's number counts: in a call-bombing burst the next call may already be
 * ringing, and that one is not ours to escalate against.
 */
async function stillRinging(channel: AtChannel, number: string | null): Promise<boolean | null> {
  const r = await channel.send('AT+CLCC', { expect: '+CLCC' });
  if (r.status !== 'ok') return null;
  const digits = (n: string) => n.replace(/^\+/, '');
  return r.lines
    .map((l) => parseClcc(l))
    .some((e) => e !== null && isRingingIn(e) && (number === null || digits(e.number) === digits(number) || e.number === ''));
}

async function step(method: ConcreteMethod, env: Env): Promise<AtResult> {
  const { channel } = env;
  const first = firstCommand[method];
  const onWritten = (at: number) => env.onWritten(first, at);
  // The command whose OK releases the call reports it as it is read (see AtChannel's onFinal).
  const onFinal = (r: AtResult) => {
    if (r.status === 'ok') env.onAcknowledged?.();
  };
  switch (method) {
    case 'chup':
    case 'ath':
    case 'chld':
      return channel.send(first, { priority: true, onWritten, onFinal });
    case 'offhook-onhook': {
      const up = await channel.send(first, { priority: true, onWritten });
      if (up.status !== 'ok') return up;
      await env.sleep(env.pauseMs);
      return channel.send('ATH0', { priority: true, onFinal });
    }
    case 'answer-hangup': {
      // ATA may not finish (a data modem starts training): give it the pause, then ATH0 aborts it.
      await channel.send(first, { priority: true, dial: true, timeoutMs: Math.max(env.pauseMs, 1), onWritten });
      return channel.send('ATH0', { priority: true, onFinal });
    }
  }
}

/** Starts the chain now: the first command is written synchronously when the channel is idle. */
export function runHangup(kind: LineKind, chain: readonly ConcreteMethod[], env: Env): HangupRun {
  let cancelled = false;
  const tried: string[] = [];
  const done = (async (): Promise<HangupResult> => {
    for (const method of chain) {
      if (cancelled) break;
      tried.push(firstCommand[method]);
      const result = await step(method, env);
      if (result.status === 'closed') break;
      if (result.status !== 'ok') continue;
      // Verify only while nothing newer took the line: once the next call rang, AT+CLCC lists that one (a
      // withheld redial looks exactly like the call we released), and the OK already ended ours.
      const ours = () => env.stillOurs?.() !== false;
      if (kind === 'gsm' && !cancelled && ours() && (await stillRinging(env.channel, env.number ?? null)) === true && ours()) {
        env.onStillRinging?.();
        continue;
      }
      return { ok: true, method, command: firstCommand[method] };
    }
    return { ok: false, tried };
  })();
  return {
    done,
    cancel() {
      cancelled = true;
    },
  };
}
