// V.250 basic commands every simulated modem knows (echo, verbose, quiet, reset, identity, S registers),
// and the helpers the other command sets build on. Handlers are pure: (command, context) → reply.
import type { AtCommand } from '../at-parser.ts';
import type { Context, Handler, ModemState, Profile, Reply } from '../profiles/profile.ts';

export const OK: Reply = { result: 'OK' };
export const ERROR: Reply = { result: 'ERROR' };

/** The settings a freshly powered modem has: V.250 defaults, then the model's own. */
export function initialState(profile: Profile): ModemState {
  return {
    echo: true,
    verbose: true,
    quiet: false,
    cmee: 0,
    clip: false,
    crc: false,
    creg: 0,
    callerId: 0,
    fclass: '0',
    vsd: '128,0',
    reports: true,
    ccwa: false,
    cscs: 'IRA',
    sim: true,
    network: true,
    hook: 'on',
    answering: false,
    voiceTx: false,
    s: { 0: 0, 3: 13, 4: 10, 5: 8, 7: 50 },
    vendor: {},
    lastLine: '',
    cmgf: 0,
    cnmi: [0, 0, 0, 0, 0],
    cpms: 'SM',
    smsReference: 0,
    ...profile.defaults,
  };
}

/** 27.007 §9.2 error codes, in the three forms +CMEE selects. */
const cmeText: Record<number, string> = {
  3: 'operation not allowed',
  4: 'operation not supported',
  10: 'SIM not inserted',
  30: 'no network service',
  100: 'unknown',
};
export function cmeError(state: ModemState, code: number): Reply {
  if (state.cmee === 0) return ERROR;
  return { result: state.cmee === 1 ? `+CME ERROR: ${code}` : `+CME ERROR: ${cmeText[code] ?? 'unknown'}` };
}

/** A 0/1 flag such as E, V, Q: no digits means 0, as V.250 says. */
const flag =
  (key: 'echo' | 'verbose' | 'quiet'): Handler =>
  (cmd) => {
    if (cmd.op !== 'exec' || !['', '0', '1'].includes(cmd.arg)) return ERROR;
    return { set: { [key]: cmd.arg === '1' } };
  };

/** Settings the simulator accepts and forgets (speaker, flow control, DCD/DTR handling…). */
export const accepted: Handler = (cmd) => (cmd.op === 'exec' ? OK : ERROR);

/** The identity answer: "ATI" and "ATI0" are the same on every model; other digits are model-specific. */
const identify: Handler = (cmd, { profile }) => {
  const lines = profile.identity.ati[cmd.arg] ?? (cmd.arg === '0' ? profile.identity.ati[''] : undefined);
  return lines ? { info: lines } : ERROR;
};

/** ATZ / AT&F: back to power-on settings. The SIM, the network and the line stay as they physically are. */
const reset: Handler = (_cmd, { profile, state }) => {
  const fresh = initialState(profile);
  // The message reference counter is the SIM's (EF SMSS), so it survives a reset.
  return {
    set: { ...fresh, sim: state.sim, network: state.network, hook: state.hook, answering: false, lastLine: state.lastLine, smsReference: state.smsReference },
  };
};

/** S registers: ATS0=0 sets, ATS0? prints the value as three digits (V.250 §6.3.x). */
export const sRegister = (cmd: AtCommand, { state }: Context): Reply => {
  const reg = Number(cmd.name.slice(1));
  if (!Number.isInteger(reg) || reg > 255) return ERROR;
  if (cmd.op === 'read') return { info: [String(state.s[reg] ?? 0).padStart(3, '0')] };
  if (cmd.op === 'set') {
    const value = Number(cmd.arg || '0');
    if (!Number.isInteger(value) || value > 255) return ERROR;
    return { set: { s: { ...state.s, [reg]: value } } };
  }
  return OK;
};

/** AT+X? style read of a setting that is printed as a bare value. */
export const infoOnly =
  (lines: (ctx: Context) => string[]): Handler =>
  (cmd, ctx) =>
    cmd.op === 'exec' ? { info: lines(ctx) } : cmd.op === 'test' ? OK : ERROR;

export const basicCommands: Record<string, Handler> = {
  E: flag('echo'),
  V: flag('verbose'),
  Q: flag('quiet'),
  Z: reset,
  '&F': reset,
  I: identify,
  '&W': accepted,
  X: accepted,
  L: accepted,
  M: accepted,
  '&C': accepted,
  '&D': accepted,
  '&K': accepted,
  // The simulator places no outgoing calls: a dial fails the way it does on a line with no answer.
  D: () => ({ result: 'NO CARRIER' }),
};
