// Each simulated profile against the public captures: for every command (and call) a capture shows, the
// simulator's bytes have the same form. Where the capture's own session can be replayed command by
// command, the comparison is byte-exact; DATE/TIME fields and checksums that depend on the clock are
// masked; noise is compared by line shape (digits masked). Every capture is either compared here or
// listed with the reason it cannot be.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Fault, type SimProfileName, type Simulator } from '../../../main/sim/index.ts';
import { fixturesDir } from '../../support/paths.ts';
import { logMark, openHost, receivedSince, tempLink, type TestHost } from './host.ts';

const fixture = (name: string) => readFileSync(join(fixturesDir, `${name}.modem`), 'latin1');

let running: Array<{ sim: Simulator; host: TestHost }> = [];
afterEach(async () => {
  for (const { sim, host } of running) {
    await host.close();
    await sim.close();
  }
  running = [];
});

async function modem(profile: SimProfileName, setup: { commands?: string[]; faults?: Fault[]; timeScale?: number } = {}) {
  const link = tempLink();
  const sim = await startSimulator({ link, profile, timeScale: setup.timeScale ?? 1000 });
  const host = await openHost(link);
  running.push({ sim, host });
  for (const f of setup.faults ?? []) await sim.fault(f);
  for (const c of setup.commands ?? []) await host.command(c);
  host.clear();
  const mark = logMark(sim);
  /** Everything the modem wrote since set-up, once it has all reached the host. */
  const received = () => receivedSince(sim, host, mark);
  return { sim, host, received };
}

/** Sends each command and waits for its final result, so the transcript is the modem's whole session. */
async function typeCommands(host: TestHost, commands: string[]) {
  for (const c of commands) {
    const before = host.bytes().length;
    await host.send(`${c}\r`);
    await host.waitFor(new RegExp(`[\\s\\S]{${before}}[\\s\\S]*\\r\\n(OK|ERROR|\\+CME ERROR: [^\\r]*|\\d{3})\\r\\n$`));
  }
  return host.text();
}

/** The clock-dependent parts of a landline transcript: DATE/TIME values and an SDMF packet's date and checksum. */
const maskClock = (text: string) =>
  text.replace(/^(DATE|TIME)(\s*=\s*)\d{4}/gm, '$1$2####').replace(/^(04[0-9A-F]{2})[0-9A-F]{16}([0-9A-F]*)[0-9A-F]{2}$/gm, '$1<date>$2<sum>');
const shape = (line: string) => line.replace(/\d+/g, '#');
const lines = (text: string) => text.split(/\r\n|\r|\n/).filter((l) => l.length > 0);

/** Formatted caller-ID blocks of a capture, in order: the identities to ring with. */
function blocks(text: string) {
  const out: Array<{ number: string; name?: string }> = [];
  for (const l of lines(text)) {
    const m = /^(NMBR|NAME)\s*=\s?(.*)$/.exec(l);
    if (m?.[1] === 'NMBR') out.push({ number: m[2]! });
    else if (m && out.length) out[out.length - 1]!.name = m[2]!;
  }
  return out;
}

const compared = new Set<string>();
/** A test that compares these captures; registered when defined, so the coverage check below does not depend on test order. */
const capture = (names: string[], title: string, fn: () => Promise<void>) => {
  for (const n of names) compared.add(n);
  it(title, { tags: ['pty'] }, fn);
};
const notComparable: Record<string, string> = {
  'callattendant-code-test-fixtures': 'synthetic: mixes the USR and Conexant layouts in one stream, no real modem does',
  'callblocker-gmega-call-fixture': "a DTMF-to-FSK converter in front of the modem, not the modem's own block layout",
  'gsm-ai-thinker-a6-tinygsm-issue247-urc-noise': 'Ai-Thinker A6, a family the simulator does not play',
  'gsm-pygsmmodem-fakemodems-huawei-zte-wavecom-fixtures': 'Wavecom quirks (+CPIN without OK, two-field +CLIP), a family the simulator does not play',
  'gsm-3gpp-27007-ucs2-clip-clcc-chinese-names':
    "built from the standard, not a session of a simulated model (the simulator's UCS2 names are tested in test/main/modem/names.test.ts)",
  'gsm-modemmanager-ccwa-call-waiting':
    "one line of ModemManager's parser comment, not a session (the simulator's +CCWA is tested in test/main/modem/call-waiting.test.ts)",
  'landline-conexant-vdr-cadence-no-ring': 'ring cadence reporting (+VDR) is not simulated',
  'landline-multitech-mt5634smi-vdr-cadence-ring': 'Multi-Tech, a family the simulator does not play; +VDR is not simulated',
  'landline-usr-rockwell-cid2-mesg-hex-mdmf': 'the simulated USR writes AT#CID=2 packets bare, as Conexant does',
  'ncid-api-formatted-mesg-first': 'MESG and DDN_NMBR are exchange features (message waiting, DDN) the simulated lines do not deliver',
  'ncid-doc-distinctive-ring-3com-usr': 'distinctive ring (ATS41=1) is not simulated',
  'ncid-test-ddn-short-label': "NCID emulator data (LF-only), not a modem's framing",
  'ncid-test-number-lengths-no-ring': "NCID emulator data (LF-only), not a modem's framing",
  'ncid-test-restricted-unavailable': "NCID emulator data (LF-only), not a modem's framing",
  'ncid-test-utf8-name': "NCID emulator data (LF-only), not a modem's framing",
  'ncid-test-tci-whozzcalling-serial': 'a TCI caller-ID box, not an AT modem',
};

describe('simulated profiles against the public captures', () => {
  capture(['gsm-sim800c-lilygo-issue33-sim-not-inserted'], 'sim800 replays the LilyGo SIM-not-inserted session byte for byte', async () => {
    const name = 'gsm-sim800c-lilygo-issue33-sim-not-inserted';
    const { host } = await modem('sim800', { faults: ['no-sim'] });
    expect(await typeCommands(host, ['AT', 'AT+CPIN?', 'AT+CMEE=1', 'AT+CMEE=2', 'AT+CPIN?'])).toBe(fixture(name));
  });

  capture(['gsm-simcom-a7670e-no-sim-no-network'], 'sim800 answers the SIMCom A7670E session the same way up to +COPS? (where the A7670 differs)', async () => {
    const name = 'gsm-simcom-a7670e-no-sim-no-network';
    const { host } = await modem('sim800', { faults: ['no-sim', 'no-network'], commands: ['AT+CMEE=2'] });
    const text = await typeCommands(host, ['AT', 'AT+CIMI', 'AT+CSQ=?']);
    expect(text).toBe(fixture(name).slice(0, fixture(name).indexOf('AT+COPS?')));
  });

  capture(['callattendant-issue116-conexant-vsd'], 'conexant replays the Zoom 3095 voice-mode session (echo, +VSD) byte for byte', async () => {
    const name = 'callattendant-issue116-conexant-vsd';
    const { host } = await modem('conexant');
    const text = await typeCommands(host, ['atz', 'ate1', 'at', 'at+vsd?', 'at+fclass=8', 'at+vsd?', 'at+vsd=?', 'at+vsd=128,50', 'at+vsd']);
    expect(text.startsWith(fixture(name))).toBe(true);
  });

  capture(['callattendant-issue139-zoom3095a-init'], 'conexant answers the Zoom 3095 init (ATI0 56000, AT&V profile) byte for byte', async () => {
    const name = 'callattendant-issue139-zoom3095a-init';
    const { host } = await modem('conexant');
    const text = await typeCommands(host, ['AT', 'ATI0', 'ATZ', 'ATV1', 'ATE0', 'AT+VCID=1', 'AT&W0', 'AT&V']);
    expect(text.startsWith(fixture(name))).toBe(true);
  });

  capture(['gsm-chan-dongle-issue82-cring-clip-repeated'], 'huawei-e173 rings, repeats +CLIP and ends with ^CEND exactly as chan_dongle captured', async () => {
    const name = 'gsm-chan-dongle-issue82-cring-clip-repeated';
    const { sim, host } = await modem('huawei-e173', { commands: ['ATE0', 'AT^CURC=0', 'AT+CLIP=1', 'AT+CRC=1'] });
    expect(await sim.placeCall({ number: '+1234567890', presentation: 'allowed', rings: 2 })).toMatchObject({ outcome: 'caller-hung-up', rings: 2 });
    await host.waitFor('^CEND');
    await typeCommands(host, ['AT+CLCC']);
    expect(host.text()).toBe(fixture(name));
  });

  it('zte-mf rings with the same six-field +CLIP the Huawei capture shows', { tags: ['pty'] }, async () => {
    const { sim, received } = await modem('zte-mf', { commands: ['ATE0', 'AT+CLIP=1', 'AT+CRC=1'] });
    await sim.placeCall({ number: '+1234567890', presentation: 'allowed', rings: 2 });
    const ours = lines(await received()).filter((l) => !l.startsWith('+ZPASR'));
    expect(ours.slice(0, 4)).toEqual(lines(fixture('gsm-chan-dongle-issue82-cring-clip-repeated')).slice(0, 4));
  });

  capture(
    ['gsm-pygsmmodem-issue64-cring-clip-split-reads'],
    'huawei-e173 and quectel-ec25 ring with the two +CLIP forms of the split-read capture',
    async () => {
      const name = 'gsm-pygsmmodem-issue64-cring-clip-split-reads';
      const captured = new Set(lines(fixture(name)).map(shape));
      for (const profile of ['huawei-e173', 'quectel-ec25'] as const) {
        const { sim, received } = await modem(profile, { commands: ['ATE0', 'AT+CLIP=1', 'AT+CRC=1', ...(profile === 'huawei-e173' ? ['AT^CURC=0'] : [])] });
        await sim.placeCall({ number: '+420123456789', presentation: 'allowed', rings: 1 });
        const ringLines = lines(await received()).filter((l) => /^\+CRING|^\+CLIP/.test(l));
        expect(ringLines).toHaveLength(2);
        for (const l of ringLines) expect(captured).toContain(shape(l));
      }
    },
  );

  capture(['gsm-sim800-pygsmmodem-issue24-withheld-clip'], 'sim800 delivers a withheld caller with the exact +CLIP line of the capture', async () => {
    const name = 'gsm-sim800-pygsmmodem-issue24-withheld-clip';
    const { sim, received } = await modem('sim800', { commands: ['ATE0', 'AT+CLIP=1'] });
    await sim.placeCall({ number: null, presentation: 'withheld', rings: 1 });
    expect(await received()).toContain(fixture(name));
  });

  capture(['gsm-huawei-e1752-gammu-issue138-rssi-boot-noise'], 'huawei-e173 idles with ^RSSI and ^BOOT in the captured shapes', async () => {
    const name = 'gsm-huawei-e1752-gammu-issue138-rssi-boot-noise';
    const { host } = await modem('huawei-e173', { timeScale: 2000 });
    await host.waitFor(/\^BOOT:[^\r]*\r\n/);
    const noise = lines(host.text()).filter((l) => l.startsWith('^'));
    const captured = lines(fixture(name)).map(shape);
    expect(new Set(noise.map(shape))).toEqual(new Set(captured));
  });

  capture(['gsm-quectel-eg25-boot-urcs-eg25manager'], 'quectel-ec25 boots with the URCs of the eg25-manager captures', async () => {
    const name = 'gsm-quectel-eg25-boot-urcs-eg25manager';
    const { sim } = await modem('quectel-ec25', { timeScale: 10 });
    await sim.fault('unplug');
    await sim.fault('replug');
    // The app reopens the port as soon as it reappears; RDY comes a moment later, as on the module.
    const host = await openHost(sim.link);
    running.push({ sim, host });
    await host.waitFor('+QIND: SMS DONE');
    const captured = new Set(lines(fixture(name)).map(shape));
    for (const l of lines(host.text())) expect(captured).toContain(shape(l));
  });

  capture(
    ['callattendant-thess-issue11-usr5637-cid-nospace'],
    'usr5637 writes caller ID between ring 1 and ring 2 exactly as the USR5637 capture, DATE/TIME aside',
    async () => {
      const name = 'callattendant-thess-issue11-usr5637-cid-nospace';
      const { sim, received } = await modem('usr5637', { commands: ['AT+VCID=1'] });
      await sim.placeCall({ number: '6195550143', presentation: 'allowed', name: 'WIRELESS CALLER', rings: 1 });
      expect(maskClock(await received())).toBe(maskClock(fixture(name)));
    },
  );

  capture(
    ['callattendant-thess-issue105-usr5637-ring-no-cid', 'callattendant-issue139-zoom1063-uk-ring-only'],
    'usr5637 and conexant ring without caller ID when the line delivers none',
    async () => {
      for (const [profile, name, rings] of [
        ['usr5637', 'callattendant-thess-issue105-usr5637-ring-no-cid', 3],
        ['conexant', 'callattendant-issue139-zoom1063-uk-ring-only', 5],
      ] as const) {
        const { sim, received } = await modem(profile, { commands: ['AT+VCID=1'] });
        await sim.placeCall({ number: null, presentation: 'none', rings });
        expect(await received()).toBe(fixture(name));
      }
    },
  );

  capture(['ncid-doc-modem-test-us-vcid'], 'conexant echoes the NCID init and writes the spaced block, DATE/TIME aside', async () => {
    const name = 'ncid-doc-modem-test-us-vcid';
    const { sim, host, received } = await modem('conexant', { commands: ['ATE1'] });
    await typeCommands(host, ['AT Z S0=0 E1 V1 Q0', 'AT+VCID=1']);
    await sim.placeCall({ number: '4075551212', presentation: 'allowed', name: 'Chmielewski Joh', rings: 2 });
    expect(maskClock(await received())).toBe(maskClock(fixture(name)));
  });

  capture(['jcblock-callerid-dat-example'], 'conexant writes thirteen calls as jcblock recorded them, padded names and NAME = O included', async () => {
    const name = 'jcblock-callerid-dat-example';
    const { sim, received } = await modem('conexant', { commands: ['AT+VCID=1'] });
    for (const b of blocks(fixture(name))) await sim.placeCall({ number: b.number, presentation: 'allowed', ...(b.name ? { name: b.name } : {}), rings: 1 });
    expect(maskClock(await received())).toBe(maskClock(fixture(name)));
  });

  capture(['ncid-api-sdmf-hex-unformatted'], 'conexant prints an SDMF packet in ASCII hex after AT+VCID=2, as NCID documents', async () => {
    const name = 'ncid-api-sdmf-hex-unformatted';
    const { sim, received } = await modem('conexant', { commands: ['AT+VCID=2'] });
    await sim.placeCall({ number: '4075550000', presentation: 'allowed', rings: 2 });
    expect(maskClock(await received())).toBe(maskClock(fixture(name)));
  });

  it('compares every capture or says why it cannot', () => {
    const all = readdirSync(fixturesDir)
      .filter((f) => f.endsWith('.modem'))
      .map((f) => f.slice(0, -'.modem'.length));
    const unaccounted = all.filter((n) => !compared.has(n) && !(n in notComparable));
    expect(unaccounted).toEqual([]);
    expect(Object.keys(notComparable).filter((n) => compared.has(n))).toEqual([]);
  });
});
