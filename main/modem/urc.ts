// Is this line unsolicited? The AT channel asks while a command is pending, so that a RING or +CLIP that
// lands between a command and its OK is delivered as an event instead of being eaten as part of the reply.
import { parseCallUrc } from './call-urcs.ts';
import { parseCadence } from './cadence.ts';
import { parseCcwa } from './ccwa.ts';
import { parseClip } from './clip.ts';
import { hexPacket } from './hex-cid.ts';
import { parseCidField } from './landline-cid.ts';

/** Lines that always announce a call or its caller, whatever command is pending. */
export function isCallSignal(line: string): boolean {
  return (
    parseCallUrc(line) !== null ||
    parseClip(line) !== null ||
    parseCcwa(line) !== null ||
    parseCidField(line) !== null ||
    hexPacket(line) !== null ||
    parseCadence(line) !== null
  );
}

// Status URCs seen on real modems (3GPP network/SMS/indicator reports and vendor boot lines). Huawei and
// other vendors prefix theirs with `^`, which no standard reply uses, so `^…` counts as unsolicited too.
const statusPrefixes = [
  '+CREG:',
  '+CGREG:',
  '+CEREG:',
  '+C5GREG:',
  '+CMTI:',
  '+CMT:',
  '+CDS:',
  '+CDSI:',
  '+CBM:',
  '+CUSD:',
  '+CIEV:',
  '+CTZV:',
  '+CTZE:',
  '+CTZU:',
  '+CCWA:',
  '+CSSI:',
  '+CSSU:',
  '+CGEV:',
  '+QIND:',
  '+QUSIM:',
  '+QSTK:',
  '+CFUN:',
  '+CPIN:',
  '+PACSP',
  '+CSQN:',
  '+ZUSIMR:',
  '+ZPBIC:',
  '+ZDONR:',
  '+ZEND',
  '+ZSTR:',
  '+STIN:',
  '+CLCC:',
  '*PSUTTZ:',
  'DST:',
  '+SIMCARD:',
  // Keys pressed at the pass gate (SIMCom AT+DDET, Quectel AT+QTONEDET): a caller may press while the gate's
  // next command (a clip's AT+CREC / AT+QPSND) waits for its OK, and the key must not become its reply.
  '+DTMF:',
  '+QTONEDET:',
];
const statusWords = new Set(['RDY', 'CALL READY', 'SMS READY', 'PB DONE', 'NORMAL POWER DOWN', 'POWERED DOWN', 'START', '+CPIN: READY']);

export function isStatusUrc(line: string): boolean {
  const upper = line.trim().toUpperCase();
  if (upper.startsWith('^')) return true;
  if (statusWords.has(upper)) return true;
  return statusPrefixes.some((p) => upper.startsWith(p));
}

export function isUnsolicited(line: string): boolean {
  return isCallSignal(line) || isStatusUrc(line);
}
