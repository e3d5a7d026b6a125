// What the simulated modems answer to the pass gate's commands (main/modem/gate/families.ts has the host's
// side and the manuals): SIMCom DTMF detection and text-to-speech, Quectel's, and V.253 voice mode on the
// landline modems. The caller's side — hearing the prompt, pressing a key — is ../gate-caller.ts.
import { decodeUcs2Hex } from '../../modem/index.ts';
import type { Handler } from '../profiles/profile.ts';
import { ERROR, OK } from './basic.ts';

/** A 0/1 switch kept in the vendor settings; the first field of `set` decides. */
const vendorSwitch = (name: string, key: string, test: string): Handler => (cmd, { state }) => {
  if (cmd.op === 'test') return { info: [`${name}: ${test}`] };
  if (cmd.op === 'read') return { info: [`${name}: ${state.vendor[key] ?? '0'}`] };
  if (cmd.op !== 'set') return ERROR;
  const on = cmd.arg.split(',')[0];
  return on === '0' || on === '1' ? { set: { vendor: { ...state.vendor, [key]: on } } } : ERROR;
};

/** `<mode>,"<text>"`: mode 1 is UCS2 hex, 2 plain text (both manuals). */
function spoken(args: string[]): string | null {
  const mode = args[0];
  const quoted = /^"(.*)"$/.exec(args.slice(1).join(',').trim());
  if (!quoted) return null;
  if (mode === '1') return decodeUcs2Hex(quoted[1] ?? '');
  return mode === '2' ? (quoted[1] ?? null) : null;
}

export const simcomGateCommands: Record<string, Handler> = {
  '+DDET': vendorSwitch('+DDET', 'ddet', '(0,1),(0-10000),(0,1),(0,1)'),
  '+CDTAM': (cmd) => (cmd.op === 'set' && /^[01]$/.test(cmd.arg) ? OK : cmd.op === 'test' ? { info: ['+CDTAM: (0-1)'] } : ERROR),
  '+CTTS': (cmd) => {
    if (cmd.op === 'test') return { info: ['+CTTS: (0-2),<text>'] };
    if (cmd.op !== 'set') return ERROR;
    if (cmd.arg === '0') return OK;
    const text = spoken(cmd.arg.split(','));
    return text === null ? ERROR : { effect: { kind: 'prompt', command: cmd.text, text, done: '+CTTS' } };
  },
};

export const quectelGateCommands: Record<string, Handler> = {
  '+QTONEDET': vendorSwitch('+QTONEDET', 'qtonedet', '(0,1)'),
  '+QWTTS': (cmd) => {
    if (cmd.op === 'test') return { info: ['+QWTTS: (0,1),(0,1),(0-2),<text>'] };
    if (cmd.op !== 'set') return ERROR;
    const args = cmd.arg.split(',');
    if (!/^[01]$/.test(args[0] ?? '') || !/^[01]$/.test(args[1] ?? '')) return ERROR;
    const text = spoken(args.slice(2));
    return text === null ? ERROR : { effect: { kind: 'prompt', command: cmd.text, text, done: '+QWTTS' } };
  },
};

/** V.253 voice commands of the USR 5637 and Conexant modems; formats as their AT+VSM=? lists them. */
export function voiceModemCommands(formats: string[]): Record<string, Handler> {
  return {
    '+VSM': (cmd, { state }) => {
      if (state.fclass !== '8') return ERROR;
      if (cmd.op === 'test') return { info: formats };
      if (cmd.op === 'read') return { info: [state.vendor.vsm ?? '128,8000'] };
      if (cmd.op !== 'set') return ERROR;
      const [code, rate] = cmd.arg.split(',');
      const offered = formats.some((f) => f.startsWith(`${code},`) && f.includes(rate ?? '8000'));
      return offered ? { set: { vendor: { ...state.vendor, vsm: cmd.arg } } } : ERROR;
    },
    // +VLS: 0 on-hook (the telephone line released), 1 off-hook with the line to the modem (answers).
    '+VLS': (cmd, { state, call }) => {
      if (state.fclass !== '8') return ERROR;
      if (cmd.op === 'test') return { info: ['0,1'] };
      if (cmd.op !== 'set') return ERROR;
      if (cmd.arg === '1') {
        const pickUp = call?.status === 'incoming';
        return { set: { hook: 'off' }, ...(pickUp ? { effect: { kind: 'answer', command: cmd.text } } : {}) };
      }
      if (cmd.arg !== '0') return ERROR;
      const endsCall = state.hook === 'off' && call?.status === 'active';
      return { set: { hook: 'on' }, ...(endsCall ? { effect: { kind: 'hang-up', command: cmd.text } } : {}) };
    },
    '+VTX': (cmd, { state }) => {
      if (cmd.op !== 'exec' || state.fclass !== '8' || state.hook !== 'off') return ERROR;
      return { result: 'CONNECT', set: { voiceTx: true } };
    },
  };
}
