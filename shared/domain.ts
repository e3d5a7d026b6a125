// The domain, typed once. Every schema here is the single source of truth for its type: main validates
// with it, the renderer renders it, the API contract (api.ts) is built from it.
import { z } from 'zod';

/** How the network presented the caller. `none`: the line rang but no caller ID arrived at all. */
export const Presentation = z.enum(['allowed', 'withheld', 'unavailable', 'none']);
export type Presentation = z.infer<typeof Presentation>;

/**
 * The number and name are chosen by the caller, so they are data, never patterns or markup (see
 * main/modem/presented.ts, the one door every parser's caller ID goes through):
 *  - `number`: what matching uses — only what a dialable number holds, digits with an optional leading +.
 *    Null when no number was delivered, and also when the line presented text that is not a usable number
 *    (then `presentedNumber` holds it: "number unusable").
 *  - `presentedNumber`: the number field's text as the line presented it, control characters replaced,
 *    for display and evidence. Present only when it is not exactly `number` (an unusable number, display
 *    separators, a + implied by the number type); absent for absence words such as PRIVATE.
 *  - `name`: the delivered name with control characters replaced; bidi controls are kept as data and
 *    isolated wherever the name is shown.
 *  - `controlsReplaced`: how many control characters were replaced in the two; absent when none.
 *  - `raw`: the modem's lines exactly as received.
 */
export const CallerId = z.object({
  number: z.string().nullable(),
  presentation: Presentation,
  name: z.string().nullable(),
  raw: z.array(z.string()),
  presentedNumber: z.string().optional(),
  controlsReplaced: z.number().int().min(1).optional(),
});
export type CallerId = z.infer<typeof CallerId>;

/** A caller that presented a number field, but nothing a phone number can be matched on: "number unusable". */
export function numberUnusable(c: { number: string | null; presentation: Presentation; presentedNumber?: string | null | undefined }): boolean {
  return c.presentation === 'allowed' && c.number === null && c.presentedNumber != null;
}

/**
 * What to do with a call. `reject`: hang up at once. `answer-hangup`: pick up then hang up (landlines
 * whose exchange keeps ringing otherwise). `silent`: let it ring but do not notify. `allow`: ring through.
 */
export const Action = z.enum(['reject', 'answer-hangup', 'silent', 'allow']);
export type Action = z.infer<typeof Action>;

export const Category = z.enum(['harassment', 'scam', 'sales', 'debt-collection', 'delivery', 'other']);
export type Category = z.infer<typeof Category>;

/** Why a decision was taken, in precedence order (see main/screening). */
export const Reason = z.enum([
  'explicit-block',
  'trusted',
  'breakthrough',
  'shield',
  'schedule',
  'blocked-number',
  'blocked-prefix',
  'blocked-pattern',
  'blocked-regex',
  'blocked-name',
  'presentation',
  'unknown-caller',
  'invalid-number',
  'rate-limit',
  'one-ring',
  'paused',
  'default',
  /** Answered by the pass gate (action answer-hangup): asked for a digit, then hung up. */
  'gate',
  /** Rang through on a pass this number earned at the gate minutes ago. */
  'gate-pass',
]);
export type Reason = z.infer<typeof Reason>;

/** One sentence in each language the UI ships, shown as is. */
/** The languages Ringfence speaks: the one list every part uses (UI, reports, notifications, CLI). */
export const languages = ['en', 'zh'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

/** A sentence in every language. */
export const Text = z.object({ en: z.string(), zh: z.string() });
export type Text = z.infer<typeof Text>;

export const Decision = z.object({
  action: Action,
  reason: Reason,
  ruleId: z.string().nullable(),
  ruleLabel: z.string().nullable(),
  text: Text,
});
export type Decision = z.infer<typeof Decision>;

/** Days 0 (Sunday) to 6; `start`/`end` as HH:MM local time; `end` before `start` crosses midnight. */
export const Schedule = z.object({
  days: z.array(z.number().int().min(0).max(6)).min(1),
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, e.g. 22:00'),
  end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, e.g. 07:00'),
});
export type Schedule = z.infer<typeof Schedule>;

export const RuleList = z.enum(['blocked', 'trusted']);
export type RuleList = z.infer<typeof RuleList>;

/**
 * `number`: one exact number (stored in E.164 when it can be normalised); `prefix`: digits a number starts
 * with; `wildcard`: `?` one digit, `*` any run; `regex`: restricted expert syntax; `name`: case-insensitive
 * substring of the caller name; `presentation`: withheld | unavailable | none.
 */
export const RuleKind = z.enum(['number', 'prefix', 'wildcard', 'regex', 'name', 'presentation']);
export type RuleKind = z.infer<typeof RuleKind>;

export const Rule = z.object({
  id: z.string(),
  list: RuleList,
  kind: RuleKind,
  value: z.string(),
  label: z.string(),
  category: Category.nullable(),
  action: Action,
  note: z.string(),
  schedule: Schedule.nullable(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  hitCount: z.number().int(),
  lastHitAt: z.string().nullable(),
});
export type Rule = z.infer<typeof Rule>;

/**
 * `waiting-*`: a call announced by call waiting while another call was in progress (issue 14).
 * `gate-passed`: pressed the digit asked for, was hung up on with a pass; `gate-failed`: a wrong key or none;
 * `gate-withheld`: no number to give a pass to, told to call with the number shown (README "The shield and the pass gate").
 */
export const CallOutcome = z.enum([
  'rejected',
  'answered',
  'caller-hung-up',
  'rang-through',
  'line-lost',
  'waiting-rejected',
  'waiting-let-through',
  'gate-passed',
  'gate-failed',
  'gate-withheld',
]);
export type CallOutcome = z.infer<typeof CallOutcome>;

/** Milliseconds from the call's first event (monotonic clock); null when the step did not happen. */
export const CallTimings = z.object({
  firstRing: z.number().nullable(),
  callerId: z.number().nullable(),
  decision: z.number().nullable(),
  hangupSent: z.number().nullable(),
  hangupConfirmed: z.number().nullable(),
  end: z.number().nullable(),
});
export type CallTimings = z.infer<typeof CallTimings>;

export const CallRecord = z.object({
  id: z.number().int(),
  lineId: z.string(),
  simulated: z.boolean(),
  /** Wall-clock start, ISO 8601 with the UTC offset of `timeZone`. */
  startedAt: z.string(),
  timeZone: z.string(),
  timings: CallTimings,
  number: z.string().nullable(),
  normalized: z.string().nullable(),
  presentation: Presentation,
  name: z.string().nullable(),
  rings: z.number().int(),
  oneRing: z.boolean(),
  decision: Decision,
  outcome: CallOutcome,
  hangupLatencyMs: z.number().nullable(),
  raw: z.array(z.string()),
  /** As in CallerId: the presented number field when it is not exactly `number`; absent otherwise. */
  presentedNumber: z.string().optional(),
  /** As in CallerId: control characters replaced in the presented number and name; absent when none. */
  controlsReplaced: z.number().int().min(1).optional(),
  hash: z.string(),
});
export type CallRecord = z.infer<typeof CallRecord>;

export const ShieldTrigger = z.enum(['calls', 'withheld', 'same-number', 'manual']);
export type ShieldTrigger = z.infer<typeof ShieldTrigger>;

export const Incident = z.object({
  id: z.number().int(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  trigger: ShieldTrigger,
  /** What engaged it, in one sentence: "5 calls from 5 unknown numbers within 3 minutes", "Turned on by hand". */
  cause: Text,
  callsRejected: z.number().int(),
  distinctNumbers: z.number().int(),
  withheldShare: z.number(),
});
export type Incident = z.infer<typeof Incident>;

export const ShieldState = z.object({
  active: z.boolean(),
  since: z.string().nullable(),
  trigger: ShieldTrigger.nullable(),
  /** While on: what engaged it, in one sentence (the banner shows it as is). */
  cause: Text.nullable(),
  /** Set when the user chose an end time; otherwise the shield ends after `quietMinutes` without a rejected call. */
  until: z.string().nullable(),
  quietMinutes: z.number().int(),
  incidentId: z.number().int().nullable(),
  callsBlocked: z.number().int(),
  distinctNumbers: z.number().int(),
  text: Text.nullable(),
});
export type ShieldState = z.infer<typeof ShieldState>;

export const LineKind = z.enum(['gsm', 'landline']);
export type LineKind = z.infer<typeof LineKind>;

export const LineState = z.enum(['connecting', 'ready', 'degraded', 'disconnected', 'error']);
export type LineState = z.infer<typeof LineState>;

export const HangupMethod = z.enum(['auto', 'chup', 'ath', 'chld', 'offhook-onhook', 'answer-hangup']);
export type HangupMethod = z.infer<typeof HangupMethod>;

export const Signal = z.object({ csq: z.number().int(), dbm: z.number().nullable(), bars: z.number().int().min(0).max(5) });
export type Signal = z.infer<typeof Signal>;

/**
 * How a line runs the press-a-digit pass gate (issue 16; main/modem/gate/families.ts has the commands):
 * `simcom-tts` / `quectel-tts` the module speaks the prompt; `simcom-file` / `quectel-file` the module plays
 * the shipped prompt clips, uploaded to its file system at set-up (firmware without text-to-speech);
 * `voice-modem` AT+VTX audio; `huawei-audio` the host plays and listens on the dongle's audio port.
 */
export const GateMethod = z.enum(['simcom-tts', 'quectel-tts', 'simcom-file', 'quectel-file', 'voice-modem', 'huawei-audio']);
export type GateMethod = z.infer<typeof GateMethod>;

/** Whether a line can gate, found by a probe at set-up, and one sentence saying how or why not. */
export const GateSupport = z.object({ supported: z.boolean(), method: GateMethod.nullable(), text: Text });
export type GateSupport = z.infer<typeof GateSupport>;

/**
 * What the pass gate did on one call (the modem reports it with the ended call; screening turns it into the
 * record's outcome and sentence). `hung-up`: the caller left before a key; `error`: the modem refused a step
 * (`detail` says which), the call was hung up like a rejected one.
 */
export const GateReport = z.object({
  method: GateMethod,
  result: z.enum(['passed', 'failed', 'withheld', 'hung-up', 'error']),
  asked: z.string().nullable(),
  pressed: z.string().nullable(),
  /** Milliseconds from answering to handing the call back for hang-up. */
  heldMs: z.number().nullable(),
  waitSeconds: z.number(),
  detail: z.string().nullable(),
});
export type GateReport = z.infer<typeof GateReport>;

export const LineStatus = z.object({
  id: z.string(),
  path: z.string(),
  label: z.string(),
  simulated: z.boolean(),
  kind: LineKind.nullable(),
  state: LineState,
  profile: z.string().nullable(),
  manufacturer: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  imei: z.string().nullable(),
  sim: z.enum(['READY', 'SIM PIN', 'SIM PUK', 'NOT INSERTED', 'unknown']).nullable(),
  operator: z.string().nullable(),
  signal: Signal.nullable(),
  callerIdConfirmed: z.boolean(),
  hangupMethod: HangupMethod,
  /** A plain-language problem and what to do about it, or null when the line is healthy. */
  problem: z.object({ code: z.string(), text: Text }).nullable(),
  /** Whether the line can run the pass gate and why (not), from the probe at set-up; null before it. */
  gate: GateSupport.nullable().optional(),
  /** GSM: whether SMS are being recorded, how they arrive, and how full the SIM's message store is. */
  sms: z
    .object({ ready: z.boolean(), mode: z.enum(['direct', 'stored']).nullable(), used: z.number().int().nullable(), total: z.number().int().nullable() })
    .nullable()
    .optional(),
});
export type LineStatus = z.infer<typeof LineStatus>;

/** How the user's rules saw an SMS sender when the message arrived (messages are recorded, never blocked). */
export const SenderLabel = z.enum(['trusted', 'blocked', 'unknown']);
export type SenderLabel = z.infer<typeof SenderLabel>;

export const SmsConcat = z.object({
  reference: z.number().int(),
  referenceBits: z.union([z.literal(8), z.literal(16)]),
  total: z.number().int(),
  sequence: z.number().int(),
});
export type SmsConcat = z.infer<typeof SmsConcat>;

/** `received`: a message to the line; `sent`: one Ringfence sent (the complaint SMS); `status-report`: the network's word on a sent one. */
export const SmsDirection = z.enum(['received', 'sent', 'status-report']);
export type SmsDirection = z.infer<typeof SmsDirection>;

/**
 * One SMS PDU in the record, chained like a call: a message, one part of a long one, a sent part or a status
 * report. `party` is the sender of a received message and the recipient otherwise, exactly as the network gave it.
 */
export const SmsRecord = z.object({
  id: z.number().int(),
  lineId: z.string(),
  simulated: z.boolean(),
  direction: SmsDirection,
  /** When Ringfence read (or sent) it, ISO 8601 with the offset of `timeZone`. */
  receivedAt: z.string(),
  timeZone: z.string(),
  /** The time the network stamped it (SCTS), with that network's offset; null when it carried none. */
  networkTime: z.string().nullable(),
  party: z.string().nullable(),
  partyKind: z.enum(['number', 'alphanumeric']).nullable(),
  normalized: z.string().nullable(),
  text: z.string().nullable(),
  encoding: z.enum(['gsm7', '8bit', 'ucs2']).nullable(),
  concat: SmsConcat.nullable(),
  /** The PDU exactly as the modem printed it (hex). */
  pdu: z.string(),
  source: z.enum(['cmt', 'cds', 'stored', 'sent']),
  label: SenderLabel,
  ruleId: z.string().nullable(),
  ruleLabel: z.string().nullable(),
  /** What was wrong with the PDU (cut short, undecodable…), in English, as the codec said it. */
  problems: z.array(z.string()),
  /** Sent: the incident the complaint was about. */
  incidentId: z.number().int().nullable(),
  /** Sent: the network's message reference (+CMGS); status report: the reference it reports on. */
  reference: z.number().int().nullable(),
  /** Status report: TP-ST (0–31 delivered, 32–63 still trying, 64+ failed). */
  status: z.number().int().nullable(),
  hash: z.string(),
});
export type SmsRecord = z.infer<typeof SmsRecord>;

/** A whole message as people read it: its parts joined (a missing part shows as […]), with its keyword flags. */
export const Message = z.object({
  /** The id of its first part in the record. */
  id: z.number().int(),
  lineId: z.string(),
  simulated: z.boolean(),
  direction: SmsDirection,
  receivedAt: z.string(),
  networkTime: z.string().nullable(),
  party: z.string().nullable(),
  partyKind: z.enum(['number', 'alphanumeric']).nullable(),
  normalized: z.string().nullable(),
  label: SenderLabel,
  ruleLabel: z.string().nullable(),
  text: z.string(),
  complete: z.boolean(),
  total: z.number().int(),
  missing: z.array(z.number().int()),
  partIds: z.array(z.number().int()),
  flags: z.object({ alert: z.array(z.string()), code: z.array(z.string()) }),
  /** The shield incident it arrived during, if any. */
  incidentId: z.number().int().nullable(),
});
export type Message = z.infer<typeof Message>;
