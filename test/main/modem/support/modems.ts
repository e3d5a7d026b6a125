// Scripts for the test peer: just enough of each modem family's command set, with the reply shapes seen
// in the public captures (Huawei's bare manufacturer line, SIMCom's echo, USR's ATI3, …).
import { frame, ok, type ModemPeer, type Script } from './peer.ts';

export type GsmSpec = {
  ati: string[];
  cgmi: string;
  cgmm: string;
  cgmr: string;
  imei?: string;
  sim?: 'READY' | 'SIM PIN' | 'NOT INSERTED';
  /** Commands this modem refuses with ERROR (e.g. AT+CHUP on old firmware). */
  refuse?: string[];
  /** Extra or replaced replies. */
  replies?: Record<string, string | ((peer: ModemPeer) => string | null)>;
};

export type ModemState = {
  clip: number;
  /** The +CLCC lines of calls in progress. */
  calls: string[];
  hangups: string[];
  vcid: boolean;
};

export const huaweiE173: GsmSpec = {
  ati: ['Manufacturer: huawei', 'Model: E173', 'Revision: 11.126.85.00.209', 'IMEI: 867420012345678', '+GCAP: +CGSM,+DS,+ES'],
  cgmi: 'huawei',
  cgmm: 'E173',
  cgmr: '11.126.85.00.209',
  imei: '867420012345678',
};
export const sim800: GsmSpec = {
  ati: ['SIM800 R14.18'],
  cgmi: 'SIMCOM_Ltd',
  cgmm: 'SIMCOM_SIM800',
  cgmr: 'Revision:1418B04SIM800C24',
  imei: '869012031234567',
};
export const quectelEc25: GsmSpec = {
  ati: ['Quectel', 'EC25', 'Revision: EC25EFAR06A01M4G'],
  cgmi: 'Quectel',
  cgmm: 'EC25',
  cgmr: 'EC25EFAR06A01M4G',
  imei: '861234567890123',
};
export const zteMf: GsmSpec = {
  ati: ['Manufacturer: ZTE CORPORATION', 'Model: MF190'],
  cgmi: 'ZTE CORPORATION',
  cgmm: 'MF190',
  cgmr: 'BD_MF190V1.0.0B01',
  imei: '351234567890123',
};
export const wavecom: GsmSpec = {
  ati: ['WAVECOM MODEM'],
  cgmi: 'WAVECOM MODEM',
  cgmm: 'MULTIBAND  900E  1800',
  cgmr: '641b09gg.Q2403A',
  imei: '352345678901234',
};

export function gsmModem(spec: GsmSpec): { script: Script; state: ModemState } {
  const state: ModemState = { clip: 0, calls: [], hangups: [], vcid: false };
  const script: Script = (command, peer) => {
    const c = command.toUpperCase();
    const custom = spec.replies?.[command];
    if (custom !== undefined) return typeof custom === 'function' ? custom(peer) : custom;
    if (spec.refuse?.includes(command)) return frame('ERROR');
    switch (c) {
      case 'AT':
      case 'AT+CMEE=2':
      case 'AT+CRC=1':
      case 'AT^CURC=0':
      case 'AT+CVHU=0':
      case 'AT+COPS=3,0':
        return ok();
      case 'ATE0':
        peer.echo = false;
        return ok();
      case 'ATE1':
        peer.echo = true;
        return ok();
      case 'ATI':
        return ok(...spec.ati);
      case 'AT+CGMI':
        return ok(spec.cgmi);
      case 'AT+CGMM':
        return ok(spec.cgmm);
      case 'AT+CGMR':
        return ok(spec.cgmr);
      case 'AT+CGSN':
        return ok(spec.imei ?? '867420012345678');
      case 'AT+CLIP=1':
        state.clip = 1;
        return ok();
      case 'AT+CLIP?':
        return ok(`+CLIP: ${state.clip},1`);
      case 'AT+CPIN?':
        return (spec.sim ?? 'READY') === 'NOT INSERTED' ? frame('+CME ERROR: SIM not inserted') : ok(`+CPIN: ${spec.sim ?? 'READY'}`);
      case 'AT+COPS?':
        return ok('+COPS: 0,0,"CHINA MOBILE",7');
      case 'AT+CSQ':
        return ok('+CSQ: 20,99');
      case 'AT^CVOICE?':
        return ok('^CVOICE:0,8000,16,20');
      case 'AT+CLCC':
        return ok(...state.calls);
      case 'AT+CHUP':
      case 'ATH':
      case 'AT+CHLD=0':
        state.hangups.push(command);
        state.calls = [];
        return ok();
    }
    if (c.startsWith('AT+QURCCFG')) return spec.cgmi === 'Quectel' ? ok() : frame('ERROR');
    return frame('ERROR');
  };
  return { script, state };
}

export type LandlineSpec = { ati3: string; gmi: string | null; vcid: boolean; hashCid: boolean };
export const usr5637: LandlineSpec = { ati3: 'U.S. Robotics 56K FAX USB V1.2.23', gmi: null, vcid: true, hashCid: false };
export const conexantZoom: LandlineSpec = { ati3: 'CX93001-EIS_V0.2013-V92', gmi: 'CONEXANT', vcid: false, hashCid: true };

export function landlineModem(spec: LandlineSpec): { script: Script; state: ModemState } {
  const state: ModemState = { clip: 0, calls: [], hangups: [], vcid: false };
  const script: Script = (command, peer) => {
    const c = command.toUpperCase().replace(/\s+/g, ' ');
    switch (c) {
      case 'AT':
        return ok();
      case 'ATZ':
        // A reset restores the stored profile: echo on, caller ID off.
        peer.echo = true;
        state.vcid = false;
        return ok();
      case 'ATE0 V1 Q0':
        peer.echo = false;
        return ok();
      case 'ATI':
        return ok('56000');
      case 'ATI3':
        return ok(spec.ati3);
      case 'AT+GMI':
        return spec.gmi ? ok(spec.gmi) : frame('ERROR');
      case 'AT+VCID=1':
        if (!spec.vcid) return frame('ERROR');
        state.vcid = true;
        return ok();
      case 'AT#CID=1':
        if (!spec.hashCid) return frame('ERROR');
        state.vcid = true;
        return ok();
      case 'ATH1':
      case 'ATH0':
        state.hangups.push(command);
        return ok();
      case 'ATA':
        state.hangups.push(command);
        return frame('VCON');
    }
    return frame('ERROR');
  };
  return { script, state };
}
