// 27.005 SMS commands of the simulated GSM dongles, in PDU mode: message format, storage, new-message
// reports, read, list, delete, send and write. Shapes follow 27.005 §3–4 and the Quectel/SIMCom manuals
// (`+CMGR: <stat>,,<length>` then the PDU; `+CMS ERROR: 321` for an empty index; `+CMS ERROR: 322` when the
// memory is full). Pure handlers: the SIM's contents come in as a snapshot, changes go out as effects.
import { decodePdu } from '../../modem/index.ts';
import type { Context, Handler, Reply } from '../profiles/profile.ts';
import { ERROR, OK } from './basic.ts';

/** 27.005 §3.2.5 codes, numeric as most dongles print them after AT+CMEE=1 or 2. */
export const cms = (code: number): Reply => ({ result: `+CMS ERROR: ${code}` });
const NOT_ALLOWED = 302;
const NOT_SUPPORTED = 303;
const INVALID_PDU = 304;
const INVALID_INDEX = 321;
const MEMORY_FULL = 322;
const NO_NETWORK = 331;

const memories = ['SM', 'ME', 'MT'];

const use = (ctx: Context) => `${ctx.sms.messages.length},${ctx.sms.capacity}`;
const pduOnly = (ctx: Context): Reply | null => (ctx.state.cmgf === 0 ? null : cms(NOT_SUPPORTED));

/** Text after the prompt → the TPDU the host meant, checked against the length it announced. */
function readSubmitted(text: string, announced: number): { pdu: string; tpduLength: number } | null {
  const pdu = text.replace(/\s+/g, '');
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(pdu)) return null;
  const smscOctets = parseInt(pdu.slice(0, 2), 16);
  const tpduLength = pdu.length / 2 - 1 - smscOctets;
  if (tpduLength !== announced) return null;
  try {
    decodePdu(pdu, tpduLength);
  } catch {
    return null;
  }
  return { pdu: pdu.toUpperCase(), tpduLength };
}

export const smsCommands: Record<string, Handler> = {
  '+CMGF': (cmd, { state }) => {
    if (cmd.op === 'set') return /^[01]$/.test(cmd.arg) ? { set: { cmgf: Number(cmd.arg) as 0 | 1 } } : ERROR;
    if (cmd.op === 'read') return { info: [`+CMGF: ${state.cmgf}`] };
    return cmd.op === 'test' ? { info: ['+CMGF: (0-1)'] } : ERROR;
  },
  '+CSMS': (cmd) =>
    cmd.op === 'read' ? { info: ['+CSMS: 0,1,1,1'] } : cmd.op === 'test' ? { info: ['+CSMS: (0-1)'] } : cmd.op === 'set' ? { info: ['+CSMS: 1,1,1'] } : ERROR,
  '+CSCA': (cmd) => (cmd.op === 'read' ? { info: ['+CSCA: "+8613800100500",145'] } : cmd.op === 'set' ? OK : ERROR),
  '+CPMS': (cmd, ctx) => {
    if (cmd.op === 'test') return { info: ['+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")'] };
    if (cmd.op === 'read') return { info: [`+CPMS: "${ctx.state.cpms}",${use(ctx)},"${ctx.state.cpms}",${use(ctx)},"${ctx.state.cpms}",${use(ctx)}`] };
    if (cmd.op !== 'set') return ERROR;
    const asked = [...cmd.arg.matchAll(/"([A-Z]{2})"/gi)].map((m) => m[1]!.toUpperCase());
    if (asked.length === 0 || asked.some((m) => !memories.includes(m))) return cms(NOT_ALLOWED);
    // One storage is simulated: "ME" and "MT" name the same messages as "SM".
    return { set: { cpms: asked[0]! }, info: [`+CPMS: ${use(ctx)},${use(ctx)},${use(ctx)}`] };
  },
  '+CNMI': (cmd, ctx) => {
    if (cmd.op === 'test') return { info: [`+CNMI: (0-2),(0-${ctx.profile.sms?.direct ? 3 : 1}),(0,2),(0-2),(0,1)`] };
    if (cmd.op === 'read') return { info: [`+CNMI: ${ctx.state.cnmi.join(',')}`] };
    if (cmd.op !== 'set') return ERROR;
    const values = cmd.arg.split(',').map((v) => (v.trim() === '' ? 0 : Number(v)));
    if (values.length > 5 || values.some((v) => !Number.isInteger(v) || v < 0 || v > 3)) return cms(NOT_SUPPORTED);
    const [mode = 0, mt = 0, bm = 0, ds = 0, bfr = 0] = values;
    if (mode > 2 || mt > 3 || ds > 2 || (mt >= 2 && !ctx.profile.sms?.direct)) return cms(NOT_SUPPORTED);
    return { set: { cnmi: [mode, mt, bm, ds, bfr] } };
  },
  '+CMGR': (cmd, ctx) => {
    if (cmd.op === 'test') return OK;
    if (cmd.op !== 'set') return ERROR;
    const wrongMode = pduOnly(ctx);
    if (wrongMode) return wrongMode;
    const index = Number(cmd.arg);
    const m = ctx.sms.messages.find((x) => x.index === index);
    if (!m) return cms(INVALID_INDEX);
    return {
      info: [`+CMGR: ${m.stat},,${m.tpduLength}`, m.pdu],
      ...(m.stat === 0 ? { effect: { kind: 'sms-read', command: cmd.text, indexes: [index] } } : {}),
    };
  },
  '+CMGL': (cmd, ctx) => {
    if (cmd.op === 'test') return { info: ['+CMGL: (0-4)'] };
    if (cmd.op !== 'set' && cmd.op !== 'exec') return ERROR;
    const wrongMode = pduOnly(ctx);
    if (wrongMode) return wrongMode;
    const stat = cmd.arg === '' ? 0 : Number(cmd.arg);
    if (!Number.isInteger(stat) || stat < 0 || stat > 4) return cms(NOT_ALLOWED);
    const listed = ctx.sms.messages.filter((m) => stat === 4 || m.stat === stat).sort((a, b) => a.index - b.index);
    const unread = listed.filter((m) => m.stat === 0).map((m) => m.index);
    return {
      info: listed.flatMap((m) => [`+CMGL: ${m.index},${m.stat},,${m.tpduLength}`, m.pdu]),
      ...(unread.length ? { effect: { kind: 'sms-read', command: cmd.text, indexes: unread } } : {}),
    };
  },
  '+CMGD': (cmd, ctx) => {
    if (cmd.op === 'test') return { info: [`+CMGD: (${ctx.sms.messages.map((m) => m.index).join(',')}),(0-4)`] };
    if (cmd.op !== 'set') return ERROR;
    const [indexText = '', flagText = '0'] = cmd.arg.split(',');
    const flag = Number(flagText || '0');
    const index = Number(indexText);
    if (!Number.isInteger(index) || index < 0 || !Number.isInteger(flag) || flag < 0 || flag > 4) return cms(NOT_ALLOWED);
    // delflag 1 read, 2 read and sent, 3 all but unread, 4 all (27.005 §3.5.4).
    const keep = [() => true, (s: number) => s !== 1, (s: number) => s !== 1 && s !== 3, (s: number) => s === 0, () => false][flag]!;
    const indexes =
      flag === 0 ? ctx.sms.messages.filter((m) => m.index === index).map((m) => m.index) : ctx.sms.messages.filter((m) => !keep(m.stat)).map((m) => m.index);
    if (flag === 0 && index >= ctx.sms.firstIndex + ctx.sms.capacity) return cms(INVALID_INDEX);
    return indexes.length ? { effect: { kind: 'sms-delete', command: cmd.text, indexes } } : OK;
  },
  '+CMGS': (cmd, ctx) => {
    if (cmd.op === 'test') return OK;
    if (cmd.op !== 'set') return ERROR;
    const wrongMode = pduOnly(ctx);
    if (wrongMode) return wrongMode;
    const announced = Number(cmd.arg);
    if (!Number.isInteger(announced) || announced < 7 || announced > 164) return cms(INVALID_PDU);
    return {
      prompt: (text) => {
        const submitted = readSubmitted(text, announced);
        if (!submitted) return cms(INVALID_PDU);
        if (!ctx.sms.registered) return cms(NO_NETWORK);
        const reference = ctx.state.smsReference;
        return {
          info: [`+CMGS: ${reference}`],
          set: { smsReference: (reference + 1) & 0xff },
          effect: { kind: 'sms-send', command: cmd.text, pdu: submitted.pdu, reference },
        };
      },
    };
  },
  '+CMGW': (cmd, ctx) => {
    if (cmd.op === 'test') return OK;
    if (cmd.op !== 'set') return ERROR;
    const wrongMode = pduOnly(ctx);
    if (wrongMode) return wrongMode;
    if (ctx.sms.messages.length >= ctx.sms.capacity) return cms(MEMORY_FULL);
    const announced = Number(cmd.arg.split(',')[0]);
    const taken = new Set(ctx.sms.messages.map((m) => m.index));
    let index = ctx.sms.firstIndex;
    while (taken.has(index)) index++;
    return {
      prompt: (text) => {
        const submitted = readSubmitted(text, announced);
        return submitted ? { info: [`+CMGW: ${index}`], effect: { kind: 'sms-store', command: cmd.text, pdu: submitted.pdu, index } } : cms(INVALID_PDU);
      },
    };
  },
  '+CNMA': (cmd) => (cmd.op === 'exec' || cmd.op === 'set' ? OK : ERROR),
};
