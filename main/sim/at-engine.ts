// The functional core of the simulated modem: (profile, settings, one command line) → (the bytes the
// modem answers, its new settings, what the line must do). No timers, no I/O; ../line.ts is the shell.
import { parseCommandLine, type AtCommand } from './at-parser.ts';
import { sRegister } from './commands/basic.ts';
import { info, result } from './framing.ts';
import type { CallView, DataEntry, Effect, FileView, Handler, ModemState, Profile, Reply, SmsView } from './profiles/profile.ts';

/**
 * `prompt`: the modem printed "> " and now reads text until Ctrl-Z; feed that text to `finishPrompt`.
 * `data`: it printed "> " or CONNECT and now reads exactly `data.bytes` raw bytes; feed them to
 * `finishPrompt(state, data.done(bytes))`. `files`: files the line's storage must write or delete.
 */
export type LineOutcome = {
  output: string;
  state: ModemState;
  effects: Effect[];
  prompt?: (text: string) => Reply;
  data?: DataEntry;
  files?: Record<string, Buffer | null>;
};

export type Env = { call: CallView | null; waiting?: CallView | null; now: Date; sms?: SmsView; files?: FileView };

const noFiles: FileView = new Map();

/** A modem without SMS storage (landline modems, engine tests). */
const noSms: SmsView = { messages: [], capacity: 0, firstIndex: 1, registered: false };

/** The reply to the text typed after a "> " prompt: its information, result code and effects. */
export function finishPrompt(state: ModemState, reply: Reply): LineOutcome {
  const current = reply.set ? { ...state, ...reply.set } : state;
  let output = reply.info?.length ? info(reply.info, current) : '';
  output += result(reply.result ?? 'OK', current);
  return { output, state: current, effects: reply.effect ? [reply.effect] : [], ...(reply.files ? { files: reply.files } : {}) };
}

function handlerFor(profile: Profile, cmd: AtCommand): Handler | null {
  const own = profile.commands[cmd.name];
  if (own) return own;
  if (/^S\d+$/.test(cmd.name)) return sRegister;
  return null;
}

/**
 * Runs every command of the line in turn, as V.250 §5.2 describes: information responses as they come,
 * one final result code at the end, and on the first error the rest of the line is discarded.
 */
export function executeLine(profile: Profile, state: ModemState, line: string, env: Env): LineOutcome {
  const parsed = parseCommandLine(line);
  if (parsed.kind === 'not-a-command') return { output: '', state, effects: [] };
  if (parsed.kind === 'repeat') {
    return state.lastLine ? executeLine(profile, state, state.lastLine, env) : { output: '', state, effects: [] };
  }
  let current: ModemState = { ...state, lastLine: line };
  if (parsed.kind === 'invalid') return { output: result('ERROR', current), state: current, effects: [] };

  let output = '';
  let call = env.call;
  let waiting = env.waiting ?? null;
  const effects: Effect[] = [];
  let final: string | null = 'OK';
  let files: Record<string, Buffer | null> | undefined;
  for (const cmd of parsed.commands) {
    const handler = handlerFor(profile, cmd);
    const reply: Reply = handler
      ? handler(cmd, { profile, state: current, call, waiting, now: env.now, sms: env.sms ?? noSms, files: env.files ?? noFiles })
      : { result: 'ERROR' };
    if (reply.set) current = { ...current, ...reply.set };
    if (reply.info?.length) output += info(reply.info, current);
    if (reply.files) files = { ...files, ...reply.files };
    const withFiles = files ? { files } : {};
    if (reply.prompt) {
      // 27.005 §3.5.1: "> " after a line end, then the modem reads text; nothing after it on the line runs.
      return { output: `${output}\r\n> `, state: current, effects, prompt: reply.prompt, ...withFiles };
    }
    if (reply.data) {
      // A file's bytes follow: after "> " (SIMCom AT+FSWRITE) or CONNECT (Quectel AT+QFUPL).
      const header = reply.data.after === 'prompt' ? '\r\n> ' : result('CONNECT', current);
      return { output: `${output}${header}`, state: current, effects, data: reply.data, ...withFiles };
    }
    if (reply.effect) {
      effects.push(reply.effect);
      // Later commands on the same line ("ATH1H0") see the call as the earlier ones left it.
      if (reply.effect.kind === 'release-waiting') waiting = null;
      else if (call && reply.effect.kind === 'answer') call = { ...call, status: 'active' };
      else if (call && reply.effect.kind === 'hang-up') call = null;
    }
    if (reply.result === null) {
      final = null;
      break;
    }
    // Any other final result (ERROR, +CME ERROR, NO CARRIER, VCON) ends the line.
    if (reply.result && reply.result !== 'OK') {
      final = reply.result;
      break;
    }
  }
  if (final !== null) output += result(final, current);
  return { output, state: current, effects, ...(files ? { files } : {}) };
}
