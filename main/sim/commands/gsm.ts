// 27.007 commands every simulated GSM dongle answers: identity, SIM and network status, caller-ID
// settings and call control. Shapes follow the captures (SIM800 `+CME ERROR: SIM not inserted`, SIMCom
// `+CSQ: (0-31,99),(0-7,99)`) and 27.007 where no capture shows the command.
import { clccLine } from '../caller-id.ts';
import type { Context, Handler, Reply } from '../profiles/profile.ts';
import { ERROR, OK, cmeError } from './basic.ts';

const value =
  (pick: (ctx: Context) => string | undefined): Handler =>
  (cmd, ctx) => {
    if (cmd.op === 'test') return OK;
    if (cmd.op !== 'exec') return ERROR;
    const v = pick(ctx);
    return v === undefined ? ERROR : { info: [v] };
  };

/** A 0/1 setting shown as `+CLIP: 1,1` style on read. */
const toggle =
  (name: string, key: 'clip' | 'crc', read: (on: boolean) => string): Handler =>
  (cmd, { state }) => {
    if (cmd.op === 'set') {
      if (cmd.arg !== '0' && cmd.arg !== '1') return ERROR;
      return { set: { [key]: cmd.arg === '1' } };
    }
    if (cmd.op === 'read') return { info: [read(state[key])] };
    if (cmd.op === 'test') return { info: [`${name}: (0,1)`] };
    return ERROR;
  };

const registered = ({ state }: Context) => state.sim && state.network;

/** Ends the call when there is one to end; a hang-up with no call is simply OK, as on the real modems. */
const hangUp = (command: string, { call }: Context): Reply => (call ? { effect: { kind: 'hang-up', command } } : OK);

export const gsmCommands: Record<string, Handler> = {
  '+CGMI': value(({ profile }) => profile.identity.manufacturer),
  '+GMI': value(({ profile }) => profile.identity.manufacturer),
  '+CGMM': value(({ profile }) => profile.identity.model),
  '+GMM': value(({ profile }) => profile.identity.model),
  '+CGMR': value(({ profile }) => profile.identity.revision),
  '+GMR': value(({ profile }) => profile.identity.revision),
  '+CGSN': value(({ profile }) => profile.identity.imei),
  '+GSN': value(({ profile }) => profile.identity.imei),
  '+GCAP': value(() => '+GCAP: +CGSM,+DS,+ES'),
  '+CIMI': (cmd, ctx) => {
    if (cmd.op === 'test') return OK;
    if (cmd.op !== 'exec') return ERROR;
    return ctx.state.sim && ctx.profile.identity.imsi ? { info: [ctx.profile.identity.imsi] } : cmeError(ctx.state, 10);
  },
  '+CPIN': (cmd, { state }) => {
    if (cmd.op === 'test') return OK;
    if (!state.sim) return cmeError(state, 10);
    if (cmd.op === 'read') return { info: ['+CPIN: READY'] };
    // No PIN is set on the simulated SIM: entering one is not allowed.
    return cmd.op === 'set' ? cmeError(state, 3) : ERROR;
  },
  '+CSQ': (cmd, { state, profile }) => {
    if (cmd.op === 'test') return { info: ['+CSQ: (0-31,99),(0-7,99)'] };
    if (cmd.op !== 'exec') return ERROR;
    return { info: [state.network ? `+CSQ: ${profile.network?.csq ?? 20},99` : '+CSQ: 99,99'] };
  },
  '+COPS': (cmd, ctx) => {
    const { profile } = ctx;
    if (cmd.op === 'read') return { info: [registered(ctx) ? (profile.network?.operator ?? '+COPS: 0') : '+COPS: 0'] };
    if (cmd.op === 'test') return ctx.state.network ? { info: [profile.network?.operatorList ?? '+COPS: ,,(0-4),(0-2)'] } : cmeError(ctx.state, 30);
    if (cmd.op === 'set') return /^[0-4]/.test(cmd.arg) ? OK : ERROR;
    return ERROR;
  },
  '+CREG': (cmd, ctx) => {
    if (cmd.op === 'set') return /^[0-2]$/.test(cmd.arg) ? { set: { creg: Number(cmd.arg) } } : ERROR;
    // 1 registered home network, 2 searching, 0 not searching (no SIM).
    if (cmd.op === 'read') return { info: [`+CREG: ${ctx.state.creg},${registered(ctx) ? 1 : ctx.state.sim ? 2 : 0}`] };
    if (cmd.op === 'test') return { info: ['+CREG: (0-2)'] };
    return ERROR;
  },
  '+CLIP': toggle('+CLIP', 'clip', (on) => `+CLIP: ${on ? 1 : 0},1`),
  '+CRC': toggle('+CRC', 'crc', (on) => `+CRC: ${on ? 1 : 0}`),
  '+CMEE': (cmd, { state }) => {
    if (cmd.op === 'set') return /^[0-2]?$/.test(cmd.arg) ? { set: { cmee: Number(cmd.arg || '0') as 0 | 1 | 2 } } : ERROR;
    if (cmd.op === 'read') return { info: [`+CMEE: ${state.cmee}`] };
    if (cmd.op === 'test') return { info: ['+CMEE: (0-2)'] };
    return ERROR;
  },
  '+CLCC': (cmd, { call, waiting, state }) => {
    if (cmd.op === 'test') return OK;
    if (cmd.op !== 'exec') return ERROR;
    const lines = [
      ...(call ? [clccLine(call.caller, call.status, 1, state.cscs)] : []),
      ...(waiting ? [clccLine(waiting.caller, 'waiting', 2, state.cscs)] : []),
    ];
    return lines.length ? { info: lines } : OK;
  },
  // 27.007 §7.12: <n> turns the +CCWA announcement on; <mode> 2 asks the network, which says it is active.
  '+CCWA': (cmd, { state }) => {
    if (cmd.op === 'read') return { info: [`+CCWA: ${state.ccwa ? 1 : 0}`] };
    if (cmd.op === 'test') return { info: ['+CCWA: (0,1)'] };
    if (cmd.op !== 'set') return ERROR;
    const [n = '', mode = ''] = cmd.arg.split(',');
    if (!/^[01]?$/.test(n) || !/^[0-2]?$/.test(mode)) return ERROR;
    const set = { ccwa: n === '1' || (n === '' && state.ccwa) };
    return mode === '2' ? { set, info: ['+CCWA: 1,1'] } : { set };
  },
  '+CPAS': (cmd, { call }) => {
    if (cmd.op === 'test') return { info: ['+CPAS: (0-5)'] };
    if (cmd.op !== 'exec') return ERROR;
    return { info: [`+CPAS: ${!call ? 0 : call.status === 'incoming' ? 3 : 4}`] };
  },
  '+CHUP': (cmd, ctx) => (cmd.op === 'exec' ? hangUp(cmd.text, ctx) : cmd.op === 'test' ? OK : ERROR),
  '+CHLD': (cmd, ctx) => {
    if (cmd.op === 'test') return { info: ['+CHLD: (0,1,1x,2,2x,3,4)'] };
    if (cmd.op !== 'set') return ERROR;
    // 0 releases a waiting call, leaving the call in progress alone, or rejects a ringing one (user determined
    // user busy); 1 and 1x release the call in progress.
    if (cmd.arg === '0' && ctx.waiting) return { effect: { kind: 'release-waiting', command: cmd.text } };
    if (cmd.arg === '0' || /^1\d?$/.test(cmd.arg)) return hangUp(cmd.text, ctx);
    return /^[2-4]\d?$/.test(cmd.arg) ? OK : ERROR;
  },
  '+CFUN': (cmd) => (cmd.op === 'read' ? { info: ['+CFUN: 1'] } : cmd.op === 'test' ? { info: ['+CFUN: (0,1,4),(0,1)'] } : cmd.op === 'set' ? OK : ERROR),
  '+CSCS': (cmd, { state }) => {
    if (cmd.op === 'read') return { info: [`+CSCS: "${state.cscs}"`] };
    if (cmd.op === 'test') return { info: ['+CSCS: ("IRA","GSM","UCS2")'] };
    const m = /^"(IRA|GSM|UCS2)"$/i.exec(cmd.arg);
    return cmd.op === 'set' && m ? { set: { cscs: m[1]!.toUpperCase() } } : ERROR;
  },
  H: (cmd, ctx) => {
    // 27.007 only defines H0 on a mobile; ATH1 is refused.
    if (cmd.op !== 'exec' || (cmd.arg !== '' && cmd.arg !== '0')) return ERROR;
    // SIMCom/Quectel with +CVHU=1: ATH answers OK and leaves a voice call up (SIMCom's own example).
    if (ctx.state.vendor.cvhu === '1') return OK;
    return hangUp(cmd.text, ctx);
  },
  A: (cmd, { call }) => {
    if (cmd.op !== 'exec') return ERROR;
    if (!call || call.status !== 'incoming') return { result: 'NO CARRIER' };
    return { effect: { kind: 'answer', command: cmd.text } };
  },
};

/** +CVHU (voice hang-up control): SIMCom and Quectel know it; Huawei and ZTE answer ERROR, like the Wavecom fake. */
export const cvhu: Handler = (cmd, { state }) => {
  if (cmd.op === 'set') return /^[0-2]$/.test(cmd.arg) ? { set: { vendor: { ...state.vendor, cvhu: cmd.arg } } } : ERROR;
  if (cmd.op === 'read') return { info: [`+CVHU: ${state.vendor.cvhu ?? '0'}`] };
  if (cmd.op === 'test') return { info: ['+CVHU: (0-2)'] };
  return ERROR;
};
