import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../main/modem/index.ts';

const calls = (text: string) => parseTranscript(text).map(({ number, presentation, name }) => ({ number, presentation, name }));
const allowed = (number: string, name: string | null = null) => ({ number, presentation: 'allowed', name });
const none = { number: null, presentation: 'none', name: null };

describe('call boundaries by content (fixtures README §2)', () => {
  it('joins a US call: ring, caller ID, further rings', () => {
    expect(calls('\r\nRING\r\n\r\nDATE=0101\r\nTIME=1200\r\nNMBR=5551234\r\nNAME=A\r\n\r\nRING\r\n\r\nRING\r\n')).toEqual([allowed('5551234', 'A')]);
  });

  it('joins a UK call whose caller ID comes before the first ring', () => {
    expect(calls('\r\nNMBR = 01632960001\r\n\r\nRING\r\n\r\nRING\r\n\r\nNMBR = 01632960002\r\n\r\nRING\r\n')).toEqual([
      allowed('01632960001'),
      allowed('01632960002'),
    ]);
  });

  it('makes a call that rang twice with no caller ID a none call, and caller ID after it a new call', () => {
    expect(calls('RING\r\nRING\r\nNMBR=123\r\n')).toEqual([none, allowed('123')]);
  });

  it('reports a single ring at the end of the input as a none call, never a ring whose caller ID follows', () => {
    expect(calls('\r\nRING\r\n')).toEqual([none]);
    expect(calls('\r\nRING\r\n\r\nNMBR=123\r\n')).toEqual([allowed('123')]);
  });

  it('does not count RING inside a name, or a line that only contains RING', () => {
    expect(calls('NMBR=5550100\r\nNAME=SEBRING\r\n')).toEqual([allowed('5550100', 'SEBRING')]);
    expect(calls('RINGING\r\nBRING\r\nRING RING\r\n')).toEqual([]);
  });

  it('counts distinctive rings and CID RING as rings', () => {
    for (const r of ['RING A', 'RING B', 'RING C', 'RING 1', 'RING 2', 'RING 3', 'CID RING']) expect(calls(`\r\n${r}\r\n`)).toEqual([none]);
  });

  it('takes a DRON/DROF ring cycle as a ring (fixtures README §2, +VDR) and ignores voice-mode DLE codes', () => {
    expect(calls('\x10s\x10b\r\n')).toEqual([]);
    expect(calls('DRON=5\r\nDROF=40\r\n\x10s\x10b\r\n')).toEqual([none]);
  });

  it('treats only +CRING: VOICE as a voice call', () => {
    expect(calls('+CRING: FAX\r\n+CRING: REL ASYNC\r\n+CRING: DATA\r\n')).toEqual([]);
    expect(calls('+CRING: VOICE\r\n+CLIP: "+4477",145,,,,0\r\n')).toEqual([allowed('+4477')]);
  });

  it('starts a new call on a different identity even without a ring', () => {
    expect(calls('+CLIP: "111",129\r\n+CLIP: "222",129\r\n')).toEqual([allowed('111'), allowed('222')]);
  });

  it('ends a GSM call on ^CEND, NO CARRIER, VOICE CALL: END and HANGUP:', () => {
    for (const end of ['^CEND:1,0,104,16', 'NO CARRIER', 'VOICE CALL: END: 000012', 'HANGUP: 1']) {
      expect(calls(`RING\r\n${end}\r\nRING\r\nRING\r\n+CLIP: "5",129\r\n`)).toEqual([none, none, allowed('5')]);
    }
  });

  it('takes the number from SIMCom MISSED_CALL when +CLIP never came', () => {
    expect(calls('RING\r\nRING\r\nMISSED_CALL: 10:22AM 13800138000\r\n')).toEqual([allowed('13800138000')]);
    expect(calls('RING\r\nNO CARRIER\r\nMISSED_CALL: 10:22AM +8613800138000\r\n')).toEqual([allowed('+8613800138000')]);
    expect(calls('RING\r\n+CLIP: "139",129\r\nNO CARRIER\r\nMISSED_CALL: 01:00PM 139\r\n')).toEqual([allowed('139')]);
  });

  it('takes the number from +CLCC (incoming or waiting) when +CLIP does not come', () => {
    expect(calls('RING\r\n+CLCC: 1,1,4,0,0,"13800138000",129,""\r\nOK\r\n')).toEqual([allowed('13800138000')]);
    expect(calls('+CLCC: 1,0,2,0,0,"10086",129,""\r\n')).toEqual([]);
  });

  it('ignores Huawei noise and outgoing-call progress', () => {
    expect(calls('^RSSI:14\r\n^BOOT:1,0,0,0,26\r\n^MODE:5,4\r\n^DSFLOWRPT:1,2,3\r\n^ORIG:1,0\r\n^CONF:1\r\n^CONN:1,0\r\n^CEND:1,5,104,16\r\n')).toEqual([]);
  });

  it('reports nothing for random replies and echoes', () => {
    expect(calls('ATI\r\r\nManufacturer: huawei\r\n\r\nOK\r\nAT+CLIP=1\r\r\nOK\r\n+CLIP: 1,1\r\nOK\r\n+CME ERROR:SIM not inserted\r\n')).toEqual([]);
  });
});
