// What the simulated modems answer to the pass gate's commands (main/modem/gate/families.ts has the host's
// side and the manuals): SIMCom DTMF detection and text-to-speech, Quectel's, file upload and playback on
// both (for firmware without text-to-speech), Huawei's audio routing, and V.253 voice mode on the landline
// modems. The caller's side — hearing the prompt, pressing a key — is ../gate-caller.ts.
import { decodeUcs2Hex } from '../../modem/index.ts';
import type { Handler, Reply } from '../profiles/profile.ts';
import { ERROR, OK, cmeError } from './basic.ts';

/** A 0/1 switch kept in the vendor settings; the first field of `set` decides. */
const vendorSwitch =
  (name: string, key: string, test: string): Handler =>
  (cmd, { state }) => {
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

/** Comma-separated fields, commas inside quotes kept, quotes removed: `4,"C:\User\a.amr",0,100`. */
function fields(arg: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (const ch of arg) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(field.trim());
      field = '';
    } else field += ch;
  }
  out.push(field.trim());
  return out;
}

/** The largest file one AT+FSWRITE takes (SIM800 manual: <size> ≤ 10240). */
const fsWriteMax = 10_240;

/** SIMCom flash files (AT+FSDEL, AT+FSCREATE, AT+FSWRITE) and playing one into the call (AT+CREC=4). */
export const simcomFileCommands: Record<string, Handler> = {
  '+FSDEL': (cmd, { files }) => {
    if (cmd.op === 'test') return OK;
    const name = fields(cmd.arg)[0] ?? '';
    return cmd.op === 'set' && files.has(name) ? { files: { [name]: null } } : ERROR;
  },
  '+FSCREATE': (cmd, { files }) => {
    if (cmd.op === 'test') return OK;
    const name = fields(cmd.arg)[0] ?? '';
    if (cmd.op !== 'set' || !/^C:\\/i.test(name) || files.has(name)) return ERROR;
    return { files: { [name]: Buffer.alloc(0) } };
  },
  '+FSWRITE': (cmd, { files }) => {
    if (cmd.op === 'test') return OK;
    const [name = '', mode, size, seconds] = fields(cmd.arg);
    const bytes = Number(size);
    if (cmd.op !== 'set' || !files.has(name) || !/^[01]$/.test(mode ?? '') || !/^\d+$/.test(seconds ?? '')) return ERROR;
    if (!Number.isInteger(bytes) || bytes < 1 || bytes > fsWriteMax) return ERROR;
    const before = files.get(name) ?? Buffer.alloc(0);
    return { data: { bytes, after: 'prompt', done: (data): Reply => ({ files: { [name]: mode === '0' ? data : Buffer.concat([before, data]) } }) } };
  },
  // <mode> 4 play, 5 stop; <id> a file path in quotes; <channel> 0 main (the call); <level> 0–100.
  '+CREC': (cmd, { files }) => {
    if (cmd.op === 'test') return { info: ['+CREC: (1-9),(1-10),(0-2),(0-100),(0-1)'] };
    if (cmd.op !== 'set') return ERROR;
    const [mode, file = '', channel = '0', level = '100'] = fields(cmd.arg);
    if (mode === '5') return OK;
    const bytes = files.get(file);
    if (mode !== '4' || !bytes?.length || !/^[01]$/.test(channel) || !/^\d{1,3}$/.test(level)) return ERROR;
    return { effect: { kind: 'play-file', command: cmd.text, file, bytes, done: '+CREC' } };
  },
};

/** The XOR of the file's 16-bit big-endian words, as AT+QFUPL reports it. */
function quectelChecksum(data: Buffer): string {
  let sum = 0;
  for (let i = 0; i < data.length; i += 2) sum ^= ((data[i] ?? 0) << 8) | (data[i + 1] ?? 0);
  return sum.toString(16).toUpperCase();
}

/** Quectel file storage (AT+QFDEL, AT+QFUPL; 405 no such file, 407 it exists) and AT+QPSND. */
export const quectelFileCommands: Record<string, Handler> = {
  '+QFDEL': (cmd, { state, files }) => {
    if (cmd.op === 'test') return OK;
    const name = fields(cmd.arg)[0] ?? '';
    if (cmd.op !== 'set') return ERROR;
    return files.has(name) ? { files: { [name]: null } } : cmeError(state, 405);
  },
  '+QFUPL': (cmd, { state, files }) => {
    if (cmd.op === 'test') return OK;
    const [name = '', size] = fields(cmd.arg);
    const bytes = Number(size);
    if (cmd.op !== 'set' || !/^(RAM|UFS):./i.test(name) || !Number.isInteger(bytes) || bytes < 1) return ERROR;
    if (files.has(name)) return cmeError(state, 407);
    return {
      data: { bytes, after: 'connect', done: (data): Reply => ({ info: [`+QFUPL: ${data.length},${quectelChecksum(data)}`], files: { [name]: data } }) },
    };
  },
  // <control> 1 play, 0 stop; <repeat> 0 once; <ulmute>,<dlmute> 1 = not muted (to the far end).
  '+QPSND': (cmd, { state, files }) => {
    if (cmd.op === 'test') return { info: ['+QPSND: (0,1),"filename",(0,1),(0,1),(0,1)'] };
    if (cmd.op !== 'set') return ERROR;
    const [control, file = '', repeat = '0'] = fields(cmd.arg);
    if (control === '0') return OK;
    if (control !== '1' || !/^[01]$/.test(repeat)) return ERROR;
    const bytes = files.get(file);
    if (!bytes) return cmeError(state, 405);
    return { effect: { kind: 'play-file', command: cmd.text, file, bytes, done: '+QPSND' } };
  },
};

/** Huawei: AT^DDSETEX=2 sends the call's audio to the audio port (chan_dongle sends it on ^CONN). */
export const huaweiAudioCommands: Record<string, Handler> = {
  '^DDSETEX': (cmd, { state }) => {
    if (cmd.op === 'test') return { info: ['^DDSETEX: (2)'] };
    if (cmd.op !== 'set' || cmd.arg !== '2') return ERROR;
    return { set: { vendor: { ...state.vendor, ddsetex: '2' } } };
  },
};
