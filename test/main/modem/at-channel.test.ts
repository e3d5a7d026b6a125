import { describe, expect, it } from 'vitest';
import { createAtChannel } from '../../../main/modem/at-channel.ts';

function rig(defaultTimeoutMs = 200) {
  const written: string[] = [];
  const urcs: string[] = [];
  const timeouts: string[] = [];
  const channel = createAtChannel({
    write: (t) => written.push(t),
    onUrc: (l) => urcs.push(l),
    defaultTimeoutMs,
    onTimeout: (c) => timeouts.push(c),
  });
  const modem = (...lines: string[]) => lines.forEach((l) => channel.receive(l));
  return { channel, written, urcs, timeouts, modem };
}

describe('AT channel', () => {
  it('keeps one command in flight and sends the next when the first finishes', async () => {
    const { channel, written, modem } = rig();
    const a = channel.send('AT+CSQ', { expect: '+CSQ' });
    const b = channel.send('AT+CPIN?', { expect: '+CPIN' });
    expect(written).toEqual(['AT+CSQ\r']);
    modem('+CSQ: 20,99', 'OK');
    expect((await a).lines).toEqual(['+CSQ: 20,99']);
    expect(written).toEqual(['AT+CSQ\r', 'AT+CPIN?\r']);
    modem('+CPIN: READY', 'OK');
    expect(await b).toMatchObject({ status: 'ok', lines: ['+CPIN: READY'] });
  });

  it('delivers URCs before the echo, between command and reply, and inside a multi-line reply', async () => {
    const { channel, urcs, modem } = rig();
    const r = channel.send('ATI');
    modem('RING', 'ATI', '+CLIP: "+8613800138000",145,,,,0', 'Manufacturer: huawei', '^RSSI:14', 'Model: E173', '+CRING: VOICE', 'OK');
    expect(await r).toMatchObject({ status: 'ok', lines: ['Manufacturer: huawei', 'Model: E173'] });
    expect(urcs).toEqual(['RING', '+CLIP: "+8613800138000",145,,,,0', '^RSSI:14', '+CRING: VOICE']);
  });

  it('delivers a landline caller-ID block that arrives during a command', async () => {
    const { channel, urcs, modem } = rig();
    const r = channel.send('AT+VCID=1');
    modem('NMBR = 4075551212', 'NAME = JOHN', 'OK');
    expect((await r).status).toBe('ok');
    expect(urcs).toEqual(['NMBR = 4075551212', 'NAME = JOHN']);
  });

  it('keeps +CLIP: 1,1 as the reply to AT+CLIP? but a caller ID as a URC', async () => {
    const { channel, urcs, modem } = rig();
    const r = channel.send('AT+CLIP?', { expect: '+CLIP' });
    modem('+CLIP: "123",129', '+CLIP: 1,1', 'OK');
    expect((await r).lines).toEqual(['+CLIP: 1,1']);
    expect(urcs).toEqual(['+CLIP: "123",129']);
  });

  it('skips the echo with echo on, however it is spaced or cased', async () => {
    const { channel, modem } = rig();
    const r = channel.send('ATE0 V1 Q0');
    modem('ate0v1q0', 'OK');
    expect(await r).toMatchObject({ status: 'ok', lines: [] });
  });

  it('gives ERROR and +CME ERROR as values with the modem’s words', async () => {
    const { channel, modem } = rig();
    const a = channel.send('AT+CPIN?');
    modem('+CME ERROR: SIM not inserted');
    expect(await a).toMatchObject({ status: 'error', final: { code: 'CME ERROR', detail: 'SIM not inserted' } });
    const b = channel.send('AT^CVOICE?');
    modem('ERROR');
    expect((await b).status).toBe('error');
  });

  it('treats NO CARRIER as a URC except for ATA/ATD', async () => {
    const { channel, urcs, modem } = rig();
    const a = channel.send('AT+CSQ');
    modem('NO CARRIER', 'OK');
    expect((await a).status).toBe('ok');
    expect(urcs).toEqual(['NO CARRIER']);
    const b = channel.send('ATA', { dial: true });
    modem('NO CARRIER');
    expect(await b).toMatchObject({ status: 'ok', final: { code: 'NO CARRIER' } });
  });

  it('times out a command the modem never answers, reports it, and moves on', async () => {
    const { channel, written, timeouts, modem } = rig(30);
    const a = channel.send('AT');
    const b = channel.send('ATI');
    expect((await a).status).toBe('timeout');
    expect(timeouts).toEqual(['AT']);
    expect(written).toEqual(['AT\r', 'ATI\r']);
    modem('OK');
    expect((await b).status).toBe('ok');
  });

  it('lets a priority command (a hang-up) jump the queue', async () => {
    const { channel, written, modem } = rig();
    const a = channel.send('AT+CSQ');
    void channel.send('AT+COPS?');
    const h = channel.send('AT+CHUP', { priority: true });
    modem('OK');
    await a;
    expect(written).toEqual(['AT+CSQ\r', 'AT+CHUP\r']);
    modem('OK');
    expect((await h).status).toBe('ok');
  });

  it('fails everything pending as closed when the port goes away', async () => {
    const { channel } = rig();
    const a = channel.send('AT');
    const b = channel.send('ATI');
    channel.close();
    expect([(await a).status, (await b).status]).toEqual(['closed', 'closed']);
    expect((await channel.send('AT')).status).toBe('closed');
  });

  it('ignores a stray OK and a stale echo when nothing is pending', () => {
    const { urcs, modem } = rig();
    modem('OK', 'AT+CSQ', 'ERROR', 'RING');
    expect(urcs).toEqual(['RING']);
  });
});

describe('AT channel: SMS in PDU mode', () => {
  function smsRig() {
    const written: string[] = [];
    const urcs: [string, string | undefined][] = [];
    const channel = createAtChannel({
      write: (t) => written.push(t),
      onUrc: (l, body) => urcs.push([l, body]),
      defaultTimeoutMs: 200,
      twoLineUrc: (l) => /^\+CMT: ,\d+$/.test(l),
      isUrcBody: (l) => /^(?:[0-9A-F]{2})+$/i.test(l),
    });
    return { channel, written, urcs, modem: (...lines: string[]) => lines.forEach((l) => channel.receive(l)) };
  }

  it('delivers +CMT with its PDU line as one URC, even inside a reply, and never as reply data', async () => {
    const { channel, urcs, modem } = smsRig();
    const r = channel.send('AT+CSQ', { expect: '+CSQ' });
    modem('+CMT: ,24', '040D91683105155694F5000850208151754500044F60597D', '+CSQ: 20,99', 'OK');
    expect(await r).toMatchObject({ status: 'ok', lines: ['+CSQ: 20,99'] });
    expect(urcs).toEqual([['+CMT: ,24', '040D91683105155694F5000850208151754500044F60597D']]);
  });

  it('delivers a header alone when its PDU never came, and reads the next line as what it is', () => {
    const { urcs, modem } = smsRig();
    modem('+CMT: ,24', 'RING');
    expect(urcs).toEqual([
      ['+CMT: ,24', undefined],
      ['RING', undefined],
    ]);
  });

  it('keeps the PDU after +CMGR: in the reply even when it looks like a caller-ID packet', async () => {
    const { channel, urcs, modem } = smsRig();
    // 80 05 … with a checksum that balances: a valid MDMF packet, and here the PDU line of a reply.
    const lookalike = '8001017E';
    const r = channel.send('AT+CMGR=1', { expect: '+CMGR', dataAfterExpect: true });
    modem('+CMGR: 0,,1', lookalike, 'OK');
    expect(await r).toMatchObject({ status: 'ok', lines: ['+CMGR: 0,,1', lookalike] });
    expect(urcs).toEqual([]);
  });

  it('writes the text after the "> " prompt, and ESC when the prompt never came', async () => {
    const { channel, written, modem } = smsRig();
    const sent = channel.send('AT+CMGS=18', { expect: '+CMGS', prompt: 'PDU\u001a' });
    expect(channel.awaitingPrompt()).toBe(true);
    channel.prompt();
    expect(written).toEqual(['AT+CMGS=18\r', 'PDU\u001a']);
    expect(channel.awaitingPrompt()).toBe(false);
    modem('+CMGS: 7', 'OK');
    expect(await sent).toMatchObject({ status: 'ok', lines: ['+CMGS: 7'] });
    const stuck = channel.send('AT+CMGS=18', { expect: '+CMGS', prompt: 'PDU\u001a', timeoutMs: 30 });
    expect((await stuck).status).toBe('timeout');
    expect(written.slice(-2)).toEqual(['AT+CMGS=18\r', '\u001b']);
  });
});

describe('raw data (a voice modem after AT+VTX)', () => {
  it('writes the bytes as they are, expects no echo, and takes the next final result as their reply', async () => {
    const raw: Uint8Array[] = [];
    const written: string[] = [];
    const channel = createAtChannel({ write: (t) => written.push(t), writeRaw: (b) => raw.push(b), onUrc: () => {} });
    const sent = channel.send('AT+VTX data', { raw: Uint8Array.from([0x7f, 0x10, 0x10, 0x10, 0x03]) });
    expect(written).toEqual([]);
    expect(raw.map((b) => [...b])).toEqual([[0x7f, 0x10, 0x10, 0x10, 0x03]]);
    channel.receive('OK');
    expect(await sent).toMatchObject({ command: 'AT+VTX data', status: 'ok' });
  });

  it('fails such a send on a channel that cannot write bytes, and goes on with the next command', async () => {
    const written: string[] = [];
    const channel = createAtChannel({ write: (t) => written.push(t), onUrc: () => {} });
    expect(await channel.send('data', { raw: Uint8Array.from([1]) })).toMatchObject({ status: 'closed' });
    const next = channel.send('AT');
    channel.receive('OK');
    expect(await next).toMatchObject({ status: 'ok' });
  });
});

describe('file uploads (modules that play the gate prompt from files)', () => {
  const file = Uint8Array.from([0x23, 0x21, 0x0d, 0x0a, 0x1a, 0x1b, 0x00, 0xff]);

  it('SIMCom AT+FSWRITE: the bytes go raw after the ">" prompt, control bytes and all', async () => {
    const raw: number[][] = [];
    const written: string[] = [];
    const channel = createAtChannel({ write: (t) => written.push(t), writeRaw: (b) => raw.push([...b]), onUrc: () => {} });
    const sent = channel.send('AT+FSWRITE=C:\\User\\a.amr,0,8,10', { prompt: file });
    expect(channel.awaitingPrompt()).toBe(true);
    channel.prompt();
    expect(written).toEqual(['AT+FSWRITE=C:\\User\\a.amr,0,8,10\r']);
    expect(raw).toEqual([[...file]]);
    channel.receive('OK');
    expect((await sent).status).toBe('ok');
  });

  it('Quectel AT+QFUPL: the bytes go raw at CONNECT, which is not the final result; +QFUPL is the reply', async () => {
    const raw: number[][] = [];
    const urcs: string[] = [];
    const channel = createAtChannel({ write: () => {}, writeRaw: (b) => raw.push([...b]), onUrc: (l) => urcs.push(l) });
    const sent = channel.send('AT+QFUPL="RAM:a.amr",8,10', { afterConnect: file, expect: '+QFUPL' });
    channel.receive('CONNECT');
    expect(raw).toEqual([[...file]]);
    channel.receive('+QFUPL: 8,3B1F');
    channel.receive('OK');
    expect(await sent).toMatchObject({ status: 'ok', lines: ['+QFUPL: 8,3B1F'] });
    expect(urcs).toEqual([]);
    // Without a file to send, CONNECT stays what it always was outside a dial: unsolicited.
    const other = channel.send('AT');
    channel.receive('CONNECT');
    channel.receive('OK');
    expect((await other).status).toBe('ok');
    expect(urcs).toEqual(['CONNECT']);
  });
});
