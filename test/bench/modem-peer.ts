// The modem side of modem.bench.ts, in its own process so the line under test never shares an event
// loop with the clock that times it. Answers init commands with OK-shaped replies; on a message from the
// parent it sends one call's caller ID and reports how long the hang-up took to arrive.
import { SerialPort } from 'serialport';

const [path, kind] = process.argv.slice(2) as [string, 'gsm' | 'landline'];
const port = new SerialPort({ path, baudRate: 115200, autoOpen: false, lock: false });
await new Promise<void>((r, j) => port.open((e) => (e ? j(e) : r())));

let writeStart = 0;
let drainedAt = 0;
let waiting = false;
let pending = '';
const reply = (s: string) => port.write(`\r\n${s}\r\n`);

port.on('data', (d: Buffer) => {
  pending += d.toString('latin1');
  for (let cr = pending.indexOf('\r'); cr !== -1; cr = pending.indexOf('\r')) {
    const c = pending.slice(0, cr).trim();
    pending = pending.slice(cr + 1);
    if ((c === 'AT+CHUP' || c === 'ATH1') && waiting) {
      const at = performance.now();
      waiting = false;
      // If the hang-up beat the drain callback, count from the start of the write instead.
      process.send!({ latencyMs: drainedAt ? at - drainedAt : at - writeStart });
    }
    if (c === 'AT+CGMI') reply(kind === 'gsm' ? 'huawei\r\n\r\nOK' : 'ERROR');
    else if (c === 'AT+CGSN') reply(kind === 'gsm' ? '867420012345678\r\n\r\nOK' : 'ERROR');
    else if (c === 'AT+CLIP?') reply('+CLIP: 1,1\r\n\r\nOK');
    else if (c === 'AT+CPIN?') reply('+CPIN: READY\r\n\r\nOK');
    else if (c === 'AT+GMI' || c === 'AT+GMM') reply('ERROR');
    else reply('OK');
  }
});

process.on('message', (m: { call: number } | 'exit') => {
  if (m === 'exit') return port.close(() => process.exit(0));
  const number = `1380013${String(m.call).padStart(4, '0')}`;
  const bytes =
    kind === 'gsm'
      ? `\r\nRING\r\n\r\n+CLIP: "${number}",129,,,,0\r\n`
      : `\r\nRING\r\n\r\nDATE = 0101\r\nTIME = 1200\r\nNMBR = ${number}\r\nNAME = CALLER ${m.call}\r\n`;
  waiting = true;
  drainedAt = 0;
  writeStart = performance.now();
  port.write(bytes, () => port.drain(() => (drainedAt = waiting ? performance.now() : drainedAt)));
});
process.send!('ready');
