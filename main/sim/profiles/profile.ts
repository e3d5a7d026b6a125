// What makes one simulated modem model different from another: its identity strings, defaults, the
// commands it knows, its background noise and how it frames rings, caller ID and call ends. Profiles are
// data plus small pure handlers; the engine (../at-engine.ts) and the line (../line.ts) do the rest.
import type { AtCommand } from '../at-parser.ts';
import type { CallerIdentity } from '../caller-id.ts';
import type { Random } from '../random.ts';

export type SimProfileName = 'huawei-e173' | 'sim800' | 'sim800-no-tts' | 'quectel-ec25' | 'quectel-ec25-no-tts' | 'zte-mf' | 'usr5637' | 'conexant';
export const profileNames: readonly SimProfileName[] = [
  'huawei-e173',
  'sim800',
  'sim800-no-tts',
  'quectel-ec25',
  'quectel-ec25-no-tts',
  'zte-mf',
  'usr5637',
  'conexant',
];

export type CallView = { caller: CallerIdentity; status: 'incoming' | 'active'; startedAt: Date };

/** Everything a host command can change, plus the physical facts faults change (SIM, network, hook). */
export type ModemState = {
  echo: boolean;
  verbose: boolean;
  quiet: boolean;
  /** +CMEE: 0 plain ERROR, 1 numeric, 2 verbose text. */
  cmee: 0 | 1 | 2;
  clip: boolean;
  /** +CRC=1: rings as `+CRING: VOICE` instead of `RING`. */
  crc: boolean;
  creg: number;
  /** Landline caller ID (+VCID / #CID): 0 off, 1 formatted, 2 ASCII hex. */
  callerId: 0 | 1 | 2;
  fclass: string;
  vsd: string;
  /** Periodic unsolicited reports such as Huawei ^RSSI (AT^CURC=0 turns them off). */
  reports: boolean;
  /** +CCWA=1: announce a caller who waits while a call is in progress. */
  ccwa: boolean;
  cscs: string;
  sim: boolean;
  network: boolean;
  hook: 'on' | 'off';
  /** A landline ATA in data mode: waiting for a carrier; any byte from the host aborts it. */
  answering: boolean;
  /** After AT+VTX's CONNECT: host bytes are voice data until <DLE><ETX> (V.253). */
  voiceTx: boolean;
  s: Record<number, number>;
  vendor: Record<string, string>;
  lastLine: string;
  /** +CMGF: 0 PDU mode, 1 text mode. */
  cmgf: 0 | 1;
  /** +CNMI <mode>,<mt>,<bm>,<ds>,<bfr>: mt 0 store silently, 1 store and +CMTI, 2 deliver with +CMT. */
  cnmi: [number, number, number, number, number];
  /** +CPMS memory 1 (read, list, delete). */
  cpms: string;
  /** The next message reference AT+CMGS gives. */
  smsReference: number;
};

/** What a host command asks of the line beyond the reply. `release-waiting`: AT+CHLD=0 with a caller waiting
 *  releases that caller only (3GPP TS 22.030 §6.5.5.1); the call in progress stays. */
export type Effect =
  | { kind: 'answer'; command: string }
  | { kind: 'hang-up'; command: string }
  | { kind: 'release-waiting'; command: string }
  | { kind: 'sms-read'; command: string; indexes: number[] }
  | { kind: 'sms-delete'; command: string; indexes: number[] }
  | { kind: 'sms-store'; command: string; pdu: string; index: number }
  | { kind: 'sms-send'; command: string; pdu: string; reference: number }
  /** The module was told to speak this text to the caller (AT+CTTS, AT+QWTTS); `done` prefixes its end report. */
  | { kind: 'prompt'; command: string; text: string; done: string }
  /** Voice data the host played to the caller after AT+VTX (DLE shielding removed). */
  | { kind: 'voice-data'; command: string; bytes: Buffer }
  /** The module was told to play a file into the call (AT+CREC=4, AT+QPSND=1); `done` prefixes its end report. */
  | { kind: 'play-file'; command: string; file: string; bytes: Buffer; done: string };

/** A message in the simulated SIM: stat 0 received unread, 1 received read, 2 stored unsent, 3 stored sent. */
export type StoredSms = { index: number; stat: 0 | 1 | 2 | 3; pdu: string; tpduLength: number };

/** The SIM's messages as commands see them (the SIM outlives resets and replugs, so it is not ModemState). */
export type SmsView = { messages: readonly StoredSms[]; capacity: number; firstIndex: number; registered: boolean };

/** Files on the module's own storage (SIMCom flash C:\User\, Quectel RAM:), by full name. */
export type FileView = ReadonlyMap<string, Buffer>;

export type Context = { profile: Profile; state: ModemState; call: CallView | null; waiting: CallView | null; now: Date; sms: SmsView; files: FileView };

/**
 * `result: null` means no final result code now (a landline ATA waiting for a carrier). `prompt`: the
 * modem answers "> " and reads text until Ctrl-Z (AT+CMGS, AT+CMGW); the text's reply comes from it.
 */
export type Reply = {
  info?: string[];
  result?: string | null;
  set?: Partial<ModemState>;
  effect?: Effect;
  prompt?: (text: string) => Reply;
  /** The module reads exactly `bytes` raw bytes after its "> " (SIMCom AT+FSWRITE) or CONNECT (Quectel
   *  AT+QFUPL); the reply to them comes from `done`. */
  data?: DataEntry;
  /** Files written (a Buffer) or deleted (null). */
  files?: Record<string, Buffer | null>;
};
export type DataEntry = { bytes: number; after: 'prompt' | 'connect'; done: (data: Buffer) => Reply };
export type Handler = (cmd: AtCommand, ctx: Context) => Reply;

export type Identity = {
  manufacturer: string;
  model: string;
  revision: string;
  imei?: string;
  imsi?: string;
  /** ATI<n> replies by n ('' for plain ATI). */
  ati: Record<string, string[]>;
};

export type NoiseSource = { everyMs: number; lines: (r: Random, state: ModemState) => string[] };

export type Profile = {
  name: SimProfileName;
  kind: 'gsm' | 'landline';
  /** For people: "Huawei E173 USB dongle (GSM)". */
  label: string;
  identity: Identity;
  /** GSM only: what +COPS? and +COPS=? answer while registered, and the signal +CSQ reports. */
  network?: { operator: string; operatorList: string; csq: number };
  defaults: Partial<ModemState>;
  /** From one ring to the next: ~5 s on GSM networks, 6 s (2 on, 4 off) on a North American landline. */
  ringIntervalMs: number;
  /** Lines the modem prints once it has booted (after plug-in or replug). */
  boot: string[];
  noise: NoiseSource[];
  /** The ring URC for the current settings. */
  ring: (state: ModemState) => string;
  clipStyle?: 'huawei' | 'simcom';
  cidLayout?: 'spaced' | 'unspaced';
  /** Unsolicited lines at the end of a call, by how it ended. */
  ends: {
    callerGaveUp: (call: CallView, now: Date) => string[];
    hostHungUp: (call: CallView, now: Date) => string[];
    answered: (call: CallView) => string[];
  };
  /** Commands this model knows; the key is the upper-case name ('+CLIP', 'H', '&V'). */
  commands: Record<string, Handler>;
  /**
   * GSM SMS: how many messages the SIM holds, its first index (Huawei counts from 0), whether +CNMI takes
   * direct delivery (mt=2), and the URC the model prints when the SIM fills up.
   */
  sms?: { capacity: number; firstIndex: number; direct: boolean; memoryFull?: string[] };
  /**
   * Huawei voice dongles: a second port carrying the call's audio as 8 kHz signed 16-bit little-endian
   * PCM once AT^DDSETEX=2 routes it there (chan_dongle's model). The simulator opens it beside the AT port.
   */
  audioPort?: boolean;
  /** Files on the module's storage are lost at a power cycle (Quectel RAM:), not kept (SIMCom flash). */
  filesLostAtReset?: boolean;
};
