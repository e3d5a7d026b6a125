import { describe, expect, it } from 'vitest';
import type { AtResult } from '../../../main/modem/at-channel.ts';
import { finalResult } from '../../../main/modem/result-codes.ts';
import { gsmProblem, parseCsq, parseOperator, parseSim } from '../../../main/modem/status.ts';

const reply = (lines: string[], final = 'OK'): AtResult => {
  const f = finalResult(final);
  return { command: 'X', status: f?.kind === 'ok' ? 'ok' : 'error', final: f, lines, writtenAt: 0 };
};

describe('modem status', () => {
  it('turns +CSQ into dBm and bars', () => {
    expect(parseCsq(['+CSQ: 0,99'])).toEqual({ csq: 0, dbm: -113, bars: 0 });
    expect(parseCsq(['+CSQ: 14,99'])).toEqual({ csq: 14, dbm: -85, bars: 2 });
    expect(parseCsq(['+CSQ: 31,0'])).toEqual({ csq: 31, dbm: -51, bars: 5 });
    expect(parseCsq(['+CSQ: 99,99'])).toEqual({ csq: 99, dbm: null, bars: 0 });
    expect(parseCsq(['+CSQ: (0-31,99),(0-7,99)'])).toBeNull();
  });

  it('reads the SIM state from +CPIN or from the error', () => {
    expect(parseSim(reply(['+CPIN: READY']))).toBe('READY');
    expect(parseSim(reply(['+CPIN: SIM PIN']))).toBe('SIM PIN');
    expect(parseSim(reply([], '+CME ERROR: SIM not inserted'))).toBe('NOT INSERTED');
    expect(parseSim(reply([], '+CME ERROR: 10'))).toBe('NOT INSERTED');
    expect(parseSim(reply([], '+CME ERROR: 11'))).toBe('SIM PIN');
  });

  it('reads the operator name', () => {
    expect(parseOperator(['+COPS: 0,0,"CHINA MOBILE",7'])).toBe('CHINA MOBILE');
    expect(parseOperator(['+COPS: 0'])).toBeNull();
  });

  it('names the most fundamental problem first, in English and Chinese', () => {
    const healthy = { sim: 'READY' as const, voice: true, callerIdConfirmed: true, operator: 'X', signal: { csq: 20, dbm: -73, bars: 4 } };
    expect(gsmProblem(healthy)).toBeNull();
    const noSim = gsmProblem({ ...healthy, sim: 'NOT INSERTED', voice: false });
    expect(noSim?.code).toBe('no-sim');
    expect(noSim?.text.en).toMatch(/^No SIM card/);
    expect(noSim?.text.zh).toMatch(/SIM 卡/);
    expect(gsmProblem({ ...healthy, sim: 'SIM PIN' })?.text.en).toMatch(/^SIM needs PIN/);
    expect(gsmProblem({ ...healthy, voice: false })?.text.en).toMatch(/^This firmware has voice disabled/);
    expect(gsmProblem({ ...healthy, callerIdConfirmed: false })?.code).toBe('caller-id-off');
  });
});
