// Commands of a landline voice modem (V.250 + V.253): caller-ID reporting (+VCID), service class
// (+FCLASS), the hook (ATH0 on-hook, ATH1 off-hook) and answering. On a landline the modem is on-hook
// while the phone rings, so ATH0 alone does NOT end a ringing call: the host must go off-hook (ATH1 or
// ATA) and then on-hook again. That is what real lines do, and hosts get it wrong.
import type { Handler } from '../profiles/profile.ts';
import { ERROR, OK, accepted } from './basic.ts';

const identity =
  (pick: 'manufacturer' | 'model' | 'revision'): Handler =>
  (cmd, { profile }) =>
    cmd.op === 'exec' ? { info: [profile.identity[pick]] } : cmd.op === 'test' ? OK : ERROR;

/** +VCID (V.253) and Conexant's older #CID: 0 off, 1 formatted, 2 unformatted ASCII hex. */
export const callerIdSetting: Handler = (cmd, { state }) => {
  if (cmd.op === 'set') return /^[0-2]$/.test(cmd.arg) ? { set: { callerId: Number(cmd.arg) as 0 | 1 | 2 } } : ERROR;
  if (cmd.op === 'read') return { info: [String(state.callerId)] };
  if (cmd.op === 'test') return { info: ['(0-2)'] };
  return ERROR;
};

export function landlineCommands(options: { classes: string[] }): Record<string, Handler> {
  const letters = ['B', 'N', 'W', 'Y', 'T', 'P', '&S', '&Q', '&R', '&T', '&G', '&J', '&X', '&Y', '&M', '&N', '&B', '&H', '&I', '&A', '&P', '\\N'];
  return {
    ...Object.fromEntries(letters.map((l) => [l, accepted])),
    '+GMI': identity('manufacturer'),
    '+GMM': identity('model'),
    '+GMR': identity('revision'),
    '+VCID': callerIdSetting,
    '+FCLASS': (cmd, { state }) => {
      if (cmd.op === 'set') return options.classes.includes(cmd.arg) ? { set: { fclass: cmd.arg } } : ERROR;
      if (cmd.op === 'read') return { info: [state.fclass] };
      if (cmd.op === 'test') return { info: [options.classes.join(',')] };
      return ERROR;
    },
    H: (cmd, { state, call }) => {
      if (cmd.op !== 'exec') return ERROR;
      if (cmd.arg === '1') {
        const pickUp = call?.status === 'incoming';
        return { set: { hook: 'off' }, ...(pickUp ? { effect: { kind: 'answer', command: cmd.text } } : {}) };
      }
      if (cmd.arg !== '' && cmd.arg !== '0') return ERROR;
      const endsCall = state.hook === 'off' && call?.status === 'active';
      return { set: { hook: 'on', answering: false }, ...(endsCall ? { effect: { kind: 'hang-up', command: cmd.text } } : {}) };
    },
    A: (cmd, { state, call }) => {
      if (cmd.op !== 'exec') return ERROR;
      if (!call || call.status !== 'incoming') return { result: 'NO CARRIER' };
      const effect = { kind: 'answer', command: cmd.text } as const;
      // In voice mode the modem connects at once (VCON); in data mode it waits for a carrier that a
      // voice caller never sends, and the next byte from the host aborts it with NO CARRIER.
      if (state.fclass === '8') return { result: 'VCON', set: { hook: 'off' }, effect };
      return { result: null, set: { hook: 'off', answering: true }, effect };
    },
    // Going "online" without a connection fails the same way everywhere.
    O: () => ({ result: 'NO CARRIER' }),
  };
}

/**
 * AT&V: the active and stored profiles. The first three lines are the Zoom 3095 (Conexant) capture in
 * callattendant issue 139, with E, Q, V and the S registers taken from the current settings.
 */
export const profileDump: Handler = (cmd, { state }) => {
  if (cmd.op !== 'exec') return ERROR;
  const s = (n: number, fallback: number) => `S${String(n).padStart(2, '0')}:${state.s[n] ?? fallback}`;
  const flags = `B1 E${state.echo ? 1 : 0} L2 M1 N0 Q${state.quiet ? 1 : 0} T V${state.verbose ? 1 : 0} W0 X4 Y0 &C1 &D2 &G0 &J0 &K3 &Q5 &R1 &S0 &T5 &X0 &Y0`;
  return {
    info: [
      'ACTIVE PROFILE:',
      flags,
      [s(0, 0), s(1, 0), s(2, 43), s(3, 13), s(4, 10), s(5, 8), s(6, 2), s(7, 50), s(8, 1), s(9, 6)].join(' '),
      [s(10, 14), s(11, 95), s(12, 50), s(18, 0), s(25, 5), s(26, 1), s(36, 7), s(38, 20), s(46, 138), s(48, 7), s(95, 0)].join(' '),
      '',
      'STORED PROFILE 0:',
      'B1 E1 L2 M1 N0 Q0 T V1 W0 X4 Y0 &C1 &D2 &G0 &J0 &K3 &Q5 &R1 &S0 &T5 &X0',
      'S00:0 S02:43 S06:2 S07:50 S08:2 S09:6 S10:14 S11:95 S12:50 S18:0 S36:7 S40:104 S41:195 S46:138 S95:0',
    ],
  };
};
