// Settings: one schema for electron-store (desktop) and conf (headless). Every field has a default so a
// missing or partly corrupt file still yields a complete, valid object.
import { z } from 'zod';
import { Action, HangupMethod, languages, Schedule } from './domain.ts';
import { defaultKeywords, keywordLimits } from './message-flags.ts';

export const LineConfig = z.object({
  path: z.string().min(1),
  label: z.string().default(''),
  hangupMethod: HangupMethod.default('auto'),
  enabled: z.boolean().default(true),
  /** Huawei voice dongles: the port that carries the call's audio (the pass gate plays and listens there). */
  audioPath: z.string().min(1).nullable().default(null),
});
export type LineConfig = z.infer<typeof LineConfig>;

export const ShieldSettings = z.object({
  enabled: z.boolean().default(true),
  /** Untrusted calls from any numbers within the window. */
  calls: z.number().int().min(2).max(1000).default(5),
  /** Withheld calls within the window. */
  withheld: z.number().int().min(1).max(1000).default(3),
  /** Calls from one number within the window. */
  sameNumber: z.number().int().min(2).max(1000).default(3),
  windowMinutes: z.number().int().min(1).max(1440).default(10),
  /** Ends after this many minutes without a rejected call. */
  quietMinutes: z.number().int().min(1).max(10080).default(60),
});

/**
 * The press-a-digit pass gate (issue 16): an unknown caller is answered, asked for one digit drawn per call,
 * and hung up; the right digit earns the number a pass for `passMinutes`, so its redial rings through.
 * `during-shield` (default) gates the calls the shield would reject; `always` also the unknown callers that
 * would ring through. Lines that cannot gate (LineStatus.gate) keep rejecting.
 */
export const GateSettings = z.object({
  mode: z.enum(['off', 'during-shield', 'always']).default('during-shield'),
  passMinutes: z.union([z.literal(3), z.literal(5), z.literal(10)]).default(3),
  /** How long the gate listens for the key after asking (the caller may press during the prompt too). */
  digitWaitSeconds: z.number().int().min(3).max(20).default(8),
  /** The prompt's languages in the order spoken. */
  prompt: z.enum(['zh-en', 'en-zh', 'zh', 'en']).default('zh-en'),
});
export type GateSettings = z.infer<typeof GateSettings>;

export const ScreeningSettings = z.object({
  /** Everyone not trusted; `null` schedule means always. */
  unknownCallers: z.object({ enabled: z.boolean().default(false), action: Action.default('reject'), schedule: Schedule.nullable().default(null) }).prefault({}),
  /** Quiet hours: only trusted callers ring through during the schedule. */
  quietHours: z
    .object({ enabled: z.boolean().default(false), schedule: Schedule.default({ days: [0, 1, 2, 3, 4, 5, 6], start: '22:00', end: '07:00' }) })
    .prefault({}),
  blockInvalidNumbers: z.boolean().default(false),
  breakthrough: z
    .object({
      enabled: z.boolean().default(true),
      windowMinutes: z.number().int().min(1).max(60).default(3),
      minRedialSeconds: z.number().int().min(0).max(600).default(20),
      /** Off by default: call-bombing software redials too, so during the shield a redial proves nothing. */
      duringFlood: z.boolean().default(false),
    })
    .prefault({}),
  rateLimit: z.object({ enabled: z.boolean().default(true), perDay: z.number().int().min(1).max(1000).default(10) }).prefault({}),
  oneRing: z.object({ block: z.boolean().default(false) }).prefault({}),
  shield: ShieldSettings.prefault({}),
  gate: GateSettings.prefault({}),
});
export type ScreeningSettings = z.infer<typeof ScreeningSettings>;

/** What the evidence needs to know that the calls do not say. */
export const EvidenceSettings = z.object({
  /**
   * The user's own number(s) on each line, by line id (the line a call came in on): the harassed number the
   * report and the complaint texts name. E.g. { "ttyUSB2": ["13800138000"] }.
   */
  lineNumbers: z.record(z.string(), z.array(z.string().min(3).max(32)).max(4)).default({}),
  /** A folder outside the data folder (a USB stick, a synced cloud folder) that gets a copy of every checkpoint. */
  checkpointDir: z.string().nullable().default(null),
  /**
   * Opt-in: text the chain head once a day to a number the user chose (their own second phone, a lawyer), so
   * the operator's records timestamp it. Sent only after the user confirmed the number (`confirmedAt`).
   */
  smsCheckpoint: z
    .object({ enabled: z.boolean().default(false), to: z.string().max(32).default(''), confirmedAt: z.string().nullable().default(null) })
    .prefault({}),
});
export type EvidenceSettings = z.infer<typeof EvidenceSettings>;

const Keyword = z
  .string()
  .trim()
  .min(1, 'a keyword needs at least one character')
  .max(keywordLimits.length, `keep a keyword to ${keywordLimits.length} characters`);
const Keywords = z.array(Keyword).max(keywordLimits.count, `at most ${keywordLimits.count} keywords`);

export const MessageSettings = z.object({
  /** Words that flag a message: `alert` for extortion and fraud, `code` for verification-code bombing. Literal text. */
  keywords: z.object({ alert: Keywords.default([...defaultKeywords.alert]), code: Keywords.default([...defaultKeywords.code]) }).prefault({}),
  /**
   * Where the complaint SMS goes when not the line operator's report number (see main/messages/report-numbers.ts):
   * a number and the form, with {number} and {content} where the reported number and the facts go.
   */
  reportNumber: z
    .object({
      number: z.string().regex(/^\+?\d{3,20}$/, 'use the digits of the report number, e.g. 10086999 or 12321'),
      format: z
        .string()
        .min(1)
        .max(200)
        .refine((f) => f.includes('{content}'), 'the form needs {content} where the facts go'),
    })
    .nullable()
    .default(null),
});
export type MessageSettings = z.infer<typeof MessageSettings>;

export const Settings = z.object({
  /** ISO 3166 alpha-2 code used to normalise national numbers (default from the OS locale). */
  homeCountry: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'use a two-letter country code such as CN or GB')
    .default('CN'),
  language: z.enum(['system', ...languages]).default('system'),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  notifications: z.object({ ringThrough: z.boolean().default(true), blockedSummary: z.boolean().default(true) }).prefault({}),
  startAtLogin: z.boolean().default(false),
  firstRunDone: z.boolean().default(false),
  /** Delete calls older than this many days (the chain stays verifiable); null keeps everything. */
  retentionDays: z.number().int().min(1).nullable().default(null),
  autoDetectModems: z.boolean().default(true),
  lines: z.array(LineConfig).default([]),
  screening: ScreeningSettings.prefault({}),
  evidence: EvidenceSettings.prefault({}),
  messages: MessageSettings.prefault({}),
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings = (): Settings => Settings.parse({});
