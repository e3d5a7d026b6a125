// The API contract: every method with its input and output schema, and every event. Main validates every
// payload against it; the preload exposes one object built from `methodNames`; the headless server serves
// it as POST /api/<method> and pushes events over the WebSocket at /api/events. The renderer only ever sees
// `RingfenceApi`, so it does not know which transport it runs on.
import { z } from 'zod';
import {
  Action,
  CallOutcome,
  CallRecord,
  Category,
  Decision,
  CallerId,
  HangupMethod,
  Incident,
  Language,
  LineStatus,
  Message,
  Presentation,
  SenderLabel,
  SmsDirection,
  SmsRecord,
  Rule,
  RuleKind,
  RuleList,
  Schedule,
  ShieldState,
  Text,
} from './domain.ts';
import { Settings } from './settings.ts';

const Empty = z.object({}).strict();
const Iso = z.string().datetime({ offset: true });
/** A time, or a date (YYYY-MM-DD): the start of that local day for `from`, the end of it for `to`. */
const TimeOrDate = z.union([z.iso.date(), Iso]);

export const PortInfo = z.object({
  path: z.string(),
  manufacturer: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  /** Higher is more likely the modem's AT port. */
  rank: z.number(),
  /** What we believe the port is, in plain words. */
  description: Text,
  inUse: z.boolean(),
});
export type PortInfo = z.infer<typeof PortInfo>;

export const ProbeResult = z.object({
  path: z.string(),
  ok: z.boolean(),
  kind: z.enum(['gsm', 'landline']).nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  /** When not ok: what went wrong and what to do. */
  problem: z.object({ code: z.string(), text: Text }).nullable(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

export const CallQuery = z.object({
  from: TimeOrDate.optional(),
  to: TimeOrDate.optional(),
  /** Digits substring, or an exact number in any common form. */
  number: z.string().max(64).optional(),
  name: z.string().max(128).optional(),
  action: Action.optional(),
  outcome: CallOutcome.optional(),
  lineId: z.string().optional(),
  presentation: Presentation.optional(),
  oneRing: z.boolean().optional(),
  /** Opaque keyset cursor from the previous page. */
  cursor: z.string().nullable().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  order: z.enum(['newest', 'oldest']).default('newest'),
});
export type CallQuery = z.input<typeof CallQuery>;

export const MessageQuery = z.object({
  from: TimeOrDate.optional(),
  to: TimeOrDate.optional(),
  /** Digits or a name the sender (or recipient) contains, or an exact number in any common form. */
  party: z.string().max(64).optional(),
  /** Words the text contains (literal, any case or width). */
  text: z.string().max(200).optional(),
  lineId: z.string().optional(),
  label: SenderLabel.optional(),
  /** `alert`: extortion/fraud keywords; `code`: verification codes only; `none`: no keyword. */
  flag: z.enum(['alert', 'code', 'none']).optional(),
  direction: SmsDirection.optional(),
  incidentId: z.number().int().optional(),
  cursor: z.string().nullable().optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  order: z.enum(['newest', 'oldest']).default('newest'),
});
export type MessageQuery = z.input<typeof MessageQuery>;

/** The complaint SMS as it will be sent: the user sees exactly this and confirms (or edits) it. */
export const ComplaintDraft = z.object({
  /** Binds the confirmation to this draft; sending needs it back (a draft is good for 30 minutes). */
  draftId: z.string(),
  lineId: z.string(),
  to: z.string(),
  reportName: Text,
  text: z.string(),
  encoding: z.enum(['gsm7', 'ucs2']),
  parts: z.number().int(),
  reported: z.string().nullable(),
  incidentId: z.number().int().nullable(),
});
export type ComplaintDraft = z.infer<typeof ComplaintDraft>;

export const CallNote = z.object({ id: z.number().int(), callId: z.number().int(), createdAt: z.string(), text: z.string() });
export type CallNote = z.infer<typeof CallNote>;

export const StatsBucket = z.object({
  start: z.string(),
  allow: z.number().int(),
  reject: z.number().int(),
  silent: z.number().int(),
  answerHangup: z.number().int(),
});
export const Statistics = z.object({
  from: z.string(),
  to: z.string(),
  bucket: z.enum(['hour', 'day', 'week']),
  buckets: z.array(StatsBucket),
  totals: z.object({
    calls: z.number().int(),
    blocked: z.number().int(),
    distinctNumbers: z.number().int(),
    withheldShare: z.number(),
    /** Callers the pass gate kept out (failed the gate, or told to show their number) and callers who passed it. */
    stoppedByGate: z.number().int().default(0),
    passedGate: z.number().int().default(0),
  }),
  topCallers: z.array(z.object({ number: z.string(), count: z.number().int(), blocked: z.number().int(), firstSeen: z.string(), lastSeen: z.string() })),
  /**
   * Callers grouped by number range (country code + first three national digits, e.g. "+86170", with its
   * region): what "top callers" means against call bombers who rotate through thousands of numbers.
   */
  topRanges: z
    .array(z.object({ prefix: z.string(), region: z.string().nullable(), count: z.number().int(), numbers: z.number().int(), blocked: z.number().int() }))
    .default([]),
  distinctPerDay: z.array(z.object({ day: z.string(), count: z.number().int() })),
  incidents: z.array(Incident),
  /**
   * SMS received in the period (whole messages, simulated ones left out): how many, how many flagged as
   * extortion or fraud, how many verification codes, and per shield incident the messages that arrived in it.
   */
  messages: z
    .object({
      received: z.number().int(),
      flagged: z.number().int(),
      codes: z.number().int(),
      perIncident: z.array(z.object({ incidentId: z.number().int(), received: z.number().int(), flagged: z.number().int() })),
    })
    .default({ received: 0, flagged: 0, codes: 0, perIncident: [] }),
});
export type Statistics = z.infer<typeof Statistics>;

export const RuleInput = z.object({
  list: RuleList,
  /** A number in any common form, a prefix ending in *, a wildcard pattern, a regex (kind regex), a name, or withheld|unavailable|none. */
  value: z.string().min(1).max(256),
  kind: RuleKind.optional(),
  label: z.string().max(200).default(''),
  category: Category.nullable().default(null),
  action: Action.optional(),
  note: z.string().max(2000).default(''),
  schedule: Schedule.nullable().default(null),
  /** A time, or a date (YYYY-MM-DD): the rule holds through the end of that local day. */
  expiresAt: TimeOrDate.nullable().default(null),
});
export type RuleInput = z.input<typeof RuleInput>;

/**
 * A new rule says what kind it is: Block or Trust on a call sends `number`, never a value the server would
 * have to guess about (a caller presenting "+8*" must not become a prefix). Text a person typed is guessed
 * only through `interpretRule`, whose answer the form shows before saving.
 */
export const NewRule = RuleInput.extend({ kind: RuleKind });
export type NewRule = z.input<typeof NewRule>;

export const ImportFormat = z.enum(['auto', 'csv', 'text', 'vcard', 'ncid']);
export const ImportPreview = z.object({
  token: z.string(),
  format: ImportFormat,
  added: z.number().int(),
  duplicates: z.number().int(),
  /** The first invalid lines (up to 1000), in file order; `invalidCount` says how many there are in all. */
  invalid: z.array(z.object({ line: z.number().int(), value: z.string(), reason: Text })),
  invalidCount: z.number().int().default(0),
  /** How many of the new entries are patterns (prefix, wildcard, presentation, name, regex), not exact numbers. */
  patterns: z.number().int().default(0),
  sample: z.array(z.object({ value: z.string(), label: z.string(), kind: RuleKind.optional() })),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

/** `pack`: the evidence pack, a folder (report HTML and PDF, CSV, JSON, chain, checkpoints, verify.mjs). */
export const ExportFormat = z.enum(['csv', 'json', 'html', 'pack']);
/** One checkpoint (the chain head written down outside the database) against the database. */
export const CheckpointCheck = z.object({
  /** Where it was found: a file path, or "sms" / "given". */
  source: z.string(),
  at: z.string().nullable(),
  lastId: z.number().int(),
  head: z.string(),
  /** null: it can no longer be checked (a retention cut removed the record it names). */
  matches: z.boolean().nullable(),
  /** Why it does not match, in a sentence; null when it matches. */
  problem: z.string().nullable(),
  note: z.string().optional(),
});
export type CheckpointCheck = z.infer<typeof CheckpointCheck>;

export const VerifyResult = z.object({
  /** The chain holds, the statistics and incidents agree with it, and every checkpoint that can be checked matches. */
  ok: z.boolean(),
  /** Call records checked. */
  records: z.number().int(),
  /** Chained events checked (shield engaged/ended, retention cuts, re-chains). */
  events: z.number().int().optional(),
  /** Chained SMS entries checked (each PDU received or sent). */
  messages: z.number().int().optional(),
  head: z.string().nullable(),
  /** The chain's last entry. */
  lastId: z.number().int().optional(),
  /** The first chain entry that does not hold. */
  firstBad: z.object({ id: z.number().int(), reason: z.string() }).nullable(),
  /** Every other problem, one sentence each: statistics, incidents, checkpoints, the head row. */
  problems: z.array(z.string()).optional(),
  checkpoints: z.array(CheckpointCheck).optional(),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const Status = z.object({
  version: z.string(),
  host: z.enum(['desktop', 'headless']),
  dataDir: z.string(),
  lines: z.array(LineStatus),
  shield: ShieldState,
  today: z.object({ calls: z.number().int(), blocked: z.number().int() }),
  pausedUntil: z.string().nullable(),
  demo: z.boolean(),
  /** The service runs on the demo's sandbox folder (made-up calls only), not the user's real data. Absent = false. */
  sandbox: z.boolean().optional(),
  notices: z.array(z.object({ code: z.string(), level: z.enum(['info', 'warning', 'error']), text: Text })),
});
export type Status = z.infer<typeof Status>;

/** Every method: name → input and output schema. */
export const methods = {
  getStatus: { input: Empty, output: Status },
  listPorts: { input: Empty, output: z.array(PortInfo) },
  probePort: { input: z.object({ path: z.string().min(1) }), output: ProbeResult },
  addLine: { input: z.object({ path: z.string().min(1), label: z.string().max(100).optional(), hangupMethod: HangupMethod.optional() }), output: LineStatus },
  removeLine: { input: z.object({ lineId: z.string() }), output: Empty },
  configureLine: {
    input: z.object({
      lineId: z.string(),
      label: z.string().max(100).optional(),
      hangupMethod: HangupMethod.optional(),
      enabled: z.boolean().optional(),
      /** Huawei voice dongles: the audio port for the pass gate (null: none). */
      audioPath: z.string().min(1).max(300).nullable().optional(),
    }),
    output: LineStatus,
  },
  queryCalls: { input: CallQuery, output: z.object({ calls: z.array(CallRecord), nextCursor: z.string().nullable() }) },
  getCall: { input: z.object({ id: z.number().int() }), output: z.object({ call: CallRecord, notes: z.array(CallNote) }) },
  addNote: { input: z.object({ callId: z.number().int(), text: z.string().min(1).max(5000) }), output: CallNote },
  getStatistics: {
    input: z.object({
      from: TimeOrDate,
      to: TimeOrDate,
      bucket: z.enum(['hour', 'day', 'week']).default('day'),
      top: z.number().int().min(1).max(100).default(10),
    }),
    output: Statistics,
  },
  listRules: {
    input: z.object({
      list: RuleList,
      search: z.string().max(100).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    output: z.object({ rules: z.array(Rule), total: z.number().int() }),
  },
  addRule: { input: NewRule, output: Rule },
  /** What typed text would be saved as (kind and canonical value), for the form to show before saving. */
  interpretRule: {
    input: z.object({ list: RuleList, value: z.string().min(1).max(256), kind: RuleKind.optional() }),
    output: z.object({ kind: RuleKind, value: z.string() }),
  },
  updateRule: { input: z.object({ id: z.string(), patch: RuleInput.partial().omit({ list: true }) }), output: Rule },
  removeRule: { input: z.object({ id: z.string() }), output: Empty },
  previewImport: {
    input: z.object({ list: RuleList, content: z.string().max(100_000_000), fileName: z.string().max(260).optional(), format: ImportFormat.default('auto') }),
    output: ImportPreview,
  },
  /** `skipInvalid`: import the good lines and leave the invalid ones out (all or nothing otherwise). */
  commitImport: {
    input: z.object({ token: z.string(), skipInvalid: z.boolean().default(false) }),
    output: z.object({ imported: z.number().int(), skipped: z.number().int().default(0) }),
  },
  exportRules: {
    input: z.object({ list: RuleList, format: z.enum(['csv', 'text', 'vcard', 'ncid']).default('csv') }),
    output: z.object({ fileName: z.string(), content: z.string() }),
  },
  /** `until`: a time, or a date (YYYY-MM-DD) for the end of that local day. */
  setShield: { input: z.object({ on: z.boolean(), until: TimeOrDate.nullable().optional() }), output: ShieldState },
  pauseScreening: { input: z.object({ minutes: z.number().int().min(1).max(1440).nullable() }), output: z.object({ pausedUntil: z.string().nullable() }) },
  getSettings: { input: Empty, output: Settings },
  updateSettings: { input: z.object({ patch: z.record(z.string(), z.unknown()) }), output: Settings },
  exportHistory: {
    input: z.object({
      format: ExportFormat,
      from: TimeOrDate.optional(),
      to: TimeOrDate.optional(),
      numbers: z.array(z.string().max(64)).max(100).default([]),
      /** Numbers to leave out of the report's incidents and complaints (the user's choice before exporting). */
      exclude: z.array(z.string().max(64)).max(1000).default([]),
      language: Language.default('en'),
    }),
    /**
     * `url`: where a browser downloads the file (headless; for a pack, its report); `path`: where the desktop
     * app wrote it (for a pack, the folder); `files`: a pack's files.
     */
    output: z.object({
      jobId: z.string(),
      fileName: z.string(),
      rows: z.number().int(),
      path: z.string().nullable(),
      url: z.string().nullable(),
      files: z.array(z.string()).optional(),
    }),
  },
  verifyHistory: { input: Empty, output: VerifyResult },
  queryMessages: {
    input: MessageQuery,
    output: z.object({
      messages: z.array(Message),
      nextCursor: z.string().nullable(),
      counts: z.object({ total: z.number().int(), alert: z.number().int(), code: z.number().int() }),
    }),
  },
  getMessage: { input: z.object({ id: z.number().int() }), output: z.object({ message: Message, parts: z.array(SmsRecord) }) },
  prepareComplaintSms: {
    input: z.object({ incidentId: z.number().int().optional(), number: z.string().max(64).optional(), lineId: z.string().optional() }),
    output: ComplaintDraft,
  },
  /** Sends only with `confirmed: true` and the draft's id: nothing leaves the modem without the user's yes. */
  sendComplaintSms: {
    input: z.object({ draftId: z.string(), text: z.string().min(1).max(1000), confirmed: z.literal(true) }),
    output: z.object({ ok: z.boolean(), sent: z.array(SmsRecord), error: Text.nullable() }),
  },
  setDemo: { input: z.object({ on: z.boolean() }), output: z.object({ demo: z.boolean(), line: LineStatus.nullable() }) },
  /** Places made-up calls on the demo line: an ordinary caller, a blocked one, or a flood. 409 without a demo line. */
  ringDemo: { input: z.object({ kind: z.enum(['normal', 'blocked', 'flood']) }), output: z.object({ calls: z.number().int() }) },
} as const;

export type MethodName = keyof typeof methods;
export const methodNames = Object.keys(methods) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.infer<(typeof methods)[M]['output']>;

/** The one object the renderer talks to, whatever the transport. */
export type RingfenceApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
} & {
  /** Subscribe to every event; returns the unsubscribe function. The callback never sees transport objects. */
  onEvent(listener: (event: ApiEvent) => void): () => void;
};

/** A live call, before it has a record: `key` ties its events together. */
export const LiveCall = z.object({ key: z.string(), lineId: z.string(), simulated: z.boolean(), startedAt: z.string() });

export const ApiEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('call-started'), call: LiveCall }),
  z.object({ type: z.literal('caller-identified'), key: z.string(), lineId: z.string(), callerId: CallerId }),
  z.object({ type: z.literal('call-decided'), key: z.string(), lineId: z.string(), callerId: CallerId, decision: Decision }),
  z.object({ type: z.literal('call-ended'), key: z.string(), record: CallRecord }),
  z.object({ type: z.literal('line-status'), line: LineStatus }),
  z.object({ type: z.literal('message-received'), message: Message }),
  z.object({ type: z.literal('line-removed'), lineId: z.string() }),
  z.object({ type: z.literal('shield-changed'), shield: ShieldState }),
  z.object({ type: z.literal('export-progress'), jobId: z.string(), done: z.number().int(), total: z.number().int() }),
  z.object({ type: z.literal('rules-changed'), list: RuleList }),
  z.object({ type: z.literal('settings-changed'), settings: Settings }),
  z.object({ type: z.literal('notice'), code: z.string(), level: z.enum(['info', 'warning', 'error']), text: Text }),
  /** The desktop app put another service behind the window (into or out of the demo's sandbox folder):
   *  everything shown — status, settings, history, live calls — is fetched afresh. */
  z.object({ type: z.literal('service-changed'), dataDir: z.string(), sandbox: z.boolean() }),
]);
export type ApiEvent = z.infer<typeof ApiEvent>;

/** Errors cross every transport as this shape: a kebab-case code a program can test, a sentence a person can act
 *  on (in both languages in `text`), and an HTTP-style status — identical over IPC and HTTP (shared/errors.ts). */
export const ApiError = z.object({
  code: z.string(),
  message: z.string(),
  text: Text.optional(),
  issues: z.array(z.string()).optional(),
  status: z.number().int().optional(),
});
export type ApiError = z.infer<typeof ApiError>;
