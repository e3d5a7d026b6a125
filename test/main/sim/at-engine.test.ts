import { describe, expect, it } from 'vitest';
import { executeLine } from '../../../main/sim/at-engine.ts';
import { parseCommandLine } from '../../../main/sim/at-parser.ts';
import { initialState } from '../../../main/sim/commands/basic.ts';
import { profiles } from '../../../main/sim/profiles/index.ts';
import type { CallView, ModemState, Profile } from '../../../main/sim/profiles/profile.ts';

const now = new Date(2026, 4, 11, 18, 52);
const ringing: CallView = { caller: { number: '13800138000', presentation: 'allowed' }, status: 'incoming', startedAt: now };

/** Runs lines in order like a host typing them; returns every reply and the final settings. */
function session(profile: Profile, lines: string[], options: { state?: Partial<ModemState>; call?: CallView | null } = {}) {
  let state = { ...initialState(profile), ...options.state };
  const replies: string[] = [];
  const effects: string[] = [];
  for (const line of lines) {
    const out = executeLine(profile, state, line, { call: options.call ?? null, now });
    state = out.state;
    replies.push(out.output);
    effects.push(...out.effects.map((e) => `${e.kind} ${e.command}`));
  }
  return { replies, state, effects };
}

describe('AT command line parsing', () => {
  it('splits chained basic and extended commands, ignoring spaces between basic ones', () => {
    const parsed = parseCommandLine('AT Z S0=0 E1 V1 Q0');
    expect(parsed.kind === 'commands' && parsed.commands.map((c) => `${c.name}:${c.op}:${c.arg}`)).toEqual([
      'Z:exec:',
      'S0:set:0',
      'E:exec:1',
      'V:exec:1',
      'Q:exec:0',
    ]);
  });

  it('keeps quoted arguments whole, semicolons and case included', () => {
    const parsed = parseCommandLine('at+qurccfg="urcport","usbat";+clip=1');
    expect(parsed.kind === 'commands' && parsed.commands.map((c) => [c.name, c.arg, c.text])).toEqual([
      ['+QURCCFG', '"urcport","usbat"', 'AT+QURCCFG="urcport","usbat"'],
      ['+CLIP', '1', 'AT+CLIP=1'],
    ]);
  });

  it('tells read, test and set apart', () => {
    const parsed = parseCommandLine('AT+CLIP?;+CLIP=?;+CLIP=1;+CHUP');
    expect(parsed.kind === 'commands' && parsed.commands.map((c) => c.op)).toEqual(['read', 'test', 'set', 'exec']);
  });

  it('ignores a line that never says AT and rejects a malformed one', () => {
    expect(parseCommandLine('hello').kind).toBe('not-a-command');
    expect(parseCommandLine('AT&').kind).toBe('invalid');
  });
});

describe('the simulated modem command engine', () => {
  it.each(Object.keys(profiles))('%s answers ERROR to a command it does not know', (name) => {
    const { replies } = session(profiles[name as keyof typeof profiles], ['AT+RINGFENCE']);
    expect(replies[0]).toBe('\r\nERROR\r\n');
  });

  it('keeps landline and GSM command sets apart', () => {
    expect(session(profiles.usr5637, ['AT+CLIP=1']).replies[0]).toBe('\r\nERROR\r\n');
    expect(session(profiles['huawei-e173'], ['AT+VCID=1']).replies[0]).toBe('\r\nERROR\r\n');
    expect(session(profiles.usr5637, ['AT#CID=1']).replies[0]).toBe('\r\nERROR\r\n');
    expect(session(profiles.conexant, ['AT#CID=1']).replies[0]).toBe('\r\nOK\r\n');
  });

  it('stops a chained line at the first error and keeps what ran before it', () => {
    const { replies, state } = session(profiles['huawei-e173'], ['AT+CRC=1;+NOPE;+CLIP=1']);
    expect(replies[0]).toBe('\r\nERROR\r\n');
    expect(state.crc).toBe(true);
    expect(state.clip).toBe(false);
  });

  it('prints each information response framed, then one final OK', () => {
    const { replies } = session(profiles['huawei-e173'], ['AT+CGMI;+CGMM']);
    expect(replies[0]).toBe('\r\nhuawei\r\n\r\nE173\r\n\r\nOK\r\n');
  });

  it('switches to numeric result codes after ATV0 and hides them after ATQ1', () => {
    const { replies } = session(profiles.sim800, ['ATV0', 'AT+FOO', 'AT+CSQ', 'ATV1Q1', 'AT']);
    expect(replies.slice(0, 3)).toEqual(['0\r', '4\r', '+CSQ: 21,99\r\n0\r']);
    expect(replies[4]).toBe('');
  });

  it('reports a missing SIM in the form +CMEE selects', () => {
    const { replies } = session(profiles.sim800, ['AT+CPIN?', 'AT+CMEE=1', 'AT+CPIN?', 'AT+CMEE=2', 'AT+CIMI'], { state: { sim: false } });
    expect(replies).toEqual(['\r\nERROR\r\n', '\r\nOK\r\n', '\r\n+CME ERROR: 10\r\n', '\r\nOK\r\n', '\r\n+CME ERROR: SIM not inserted\r\n']);
  });

  it('answers +COPS? without an operator and +CSQ: 99,99 when there is no network', () => {
    const { replies } = session(profiles['quectel-ec25'], ['AT+COPS?', 'AT+CSQ'], { state: { network: false } });
    expect(replies).toEqual(['\r\n+COPS: 0\r\n\r\nOK\r\n', '\r\n+CSQ: 99,99\r\n\r\nOK\r\n']);
  });

  it('ATZ restores the factory settings but not a SIM that was pulled', () => {
    const { state } = session(profiles['huawei-e173'], ['ATE0', 'AT+CLIP=1', 'ATZ'], { state: { sim: false } });
    expect(state).toMatchObject({ echo: true, clip: false, sim: false });
  });

  it('A/ repeats the previous command line', () => {
    const { replies } = session(profiles['huawei-e173'], ['AT+CGMM', 'A/']);
    expect(replies[1]).toBe(replies[0]);
  });

  it('lists the ringing call in +CLCC and ends it with AT+CHUP', () => {
    const { replies, effects } = session(profiles['huawei-e173'], ['AT+CLCC', 'AT+CHUP'], { call: ringing });
    expect(replies[0]).toBe('\r\n+CLCC: 1,1,4,0,0,"13800138000",129\r\n\r\nOK\r\n');
    expect(effects).toEqual(['hang-up AT+CHUP']);
  });

  it('answers NO CARRIER to ATA when nothing rings', () => {
    expect(session(profiles['huawei-e173'], ['ATA']).replies[0]).toBe('\r\nNO CARRIER\r\n');
  });

  it('lets SIM800 ignore ATH for a voice call after AT+CVHU=1, as SIMCom documents', () => {
    const { replies, effects } = session(profiles.sim800, ['AT+CVHU=1', 'ATH'], { call: ringing });
    expect(replies[1]).toBe('\r\nOK\r\n');
    expect(effects).toEqual([]);
  });

  it('does not end a ringing landline call with ATH0 alone: the modem is already on-hook', () => {
    expect(session(profiles.usr5637, ['ATH0'], { call: ringing }).effects).toEqual([]);
    expect(session(profiles.usr5637, ['ATH1', 'ATH0'], { call: ringing }).effects[0]).toBe('answer ATH1');
  });

  it('ends a landline call picked up and put down on one line (ATH1H0)', () => {
    expect(session(profiles.usr5637, ['ATH1H0'], { call: ringing }).effects).toEqual(['answer ATH1', 'hang-up ATH0']);
  });

  it('answers a landline call with VCON in voice mode and waits for a carrier in data mode', () => {
    expect(session(profiles.conexant, ['AT+FCLASS=8', 'ATA'], { call: ringing }).replies[1]).toBe('\r\nVCON\r\n');
    const data = session(profiles.conexant, ['ATA'], { call: ringing });
    expect(data.replies[0]).toBe('');
    expect(data.state.answering).toBe(true);
  });

  it('prints S registers as three digits', () => {
    expect(session(profiles.conexant, ['ATS7=45', 'ATS7?']).replies[1]).toBe('\r\n045\r\n\r\nOK\r\n');
  });
});
