// The simulator's inputs, validated once with zod: a call, a fault, a scenario. The control API, the
// `--script` file and startSimulator's callers all go through these, so bad input fails the same way
// everywhere, with a message that says what is wrong and where.
import { z } from 'zod';

export const Presentation = z.enum(['allowed', 'withheld', 'unavailable', 'none']);

/** Digits as the network delivers them, with a leading + when international (README §2 of the fixtures). */
const DeliveredNumber = z
  .string()
  .regex(/^\+?\d{1,20}$/, 'use the digits the network delivers, optionally with a leading +, e.g. "13800138000" or "+8613800138000"');

/** No quotes or control characters: they would break the +CLIP line and the landline NAME field. */
const CallerName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^"\p{Cc}]+$/u, 'a caller name cannot contain quotes or control characters');

export const CallSpec = z
  .object({
    number: DeliveredNumber.nullable(),
    presentation: Presentation,
    name: CallerName.optional(),
    /** The caller hangs up after this many rings unless the host acts first. */
    rings: z.number().int().min(1).max(50).optional(),
    /**
     * Back to back: ring this many simulated ms after the previous call on the line was released (hung up,
     * or given up), the way a bomber's next line rings the moment the last one drops. Without it a call rings
     * as soon as it is placed and the line is free.
     */
    afterReleaseMs: z.number().int().min(0).max(3_600_000).optional(),
    /** The person at the phone picks up after this many rings, if the host let it ring (a GSM terminal with a
     *  handset, an extension on a landline): the call is then in progress for `answeredHoldMs`. */
    answerAfterRings: z.number().int().min(1).max(50).optional(),
    /**
     * Call waiting: ring during the call in progress instead of waiting for the line — announced as +CCWA on a
     * GSM modem whose host enabled it (AT+CCWA=1), once per ring interval, until the host releases it
     * (AT+CHLD=0) or the caller gives up after `rings` announcements. With no call in progress it rings as an
     * ordinary call. A waiting caller whose wait outlasts the call in progress gives up with it.
     */
    waiting: z.boolean().optional(),
    /**
     * Who is calling, for the pass gate: a `person` presses the digit the prompt asks for, a `bot` presses
     * nothing (bots do not listen). `press` overrides it: the digit asked, a wrong one, none, or this key.
     */
    caller: z.enum(['person', 'bot']).optional(),
    press: z.union([z.enum(['as-asked', 'wrong', 'none']), z.string().regex(/^[0-9*#A-D]$/)]).optional(),
    /**
     * A hostile caller (issue 13): the number and name fields sent exactly as given, whatever they hold —
     * `+8*`, `<img src=x>`, escape sequences, U+202E — in place of `number` and `name`, to test the host's
     * defences. The checks on `number` and `name` do not apply to these.
     */
    presented: z
      .object({ number: z.string().max(64).optional(), name: z.string().max(128).optional() })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((call, ctx) => {
    if (call.presentation === 'allowed' && call.number === null)
      ctx.addIssue({ code: 'custom', path: ['number'], message: 'a caller with presentation "allowed" needs a number' });
    if (call.presentation !== 'allowed' && call.number !== null)
      ctx.addIssue({ code: 'custom', path: ['number'], message: `a caller with presentation "${call.presentation}" delivers no number: set number to null` });
  });
export type CallSpec = z.infer<typeof CallSpec>;

/** A sender as networks deliver them: digits (with + when international) or an alphanumeric name. */
const SmsSender = z
  .string()
  .regex(
    /^(?:\+?\d{1,20}|[A-Za-z0-9 ]{1,11})$/,
    'use digits, optionally with a leading +, or a name of at most 11 letters and digits, e.g. "10690000" or "BANK"',
  );

/**
 * One incoming SMS. Long texts are split into parts as the network does; `referenceBits` picks the
 * concatenation reference (8 or 16 bits); `class` 2 is stored on the SIM even under direct delivery.
 */
export const SmsSpec = z
  .object({
    from: SmsSender,
    text: z.string().min(1).max(4000),
    class: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
    referenceBits: z.union([z.literal(8), z.literal(16)]).optional(),
  })
  .strict();
export type SmsSpec = z.infer<typeof SmsSpec>;

export const Fault = z.enum(['unplug', 'replug', 'freeze', 'unfreeze', 'garbage', 'echo-on', 'no-sim', 'no-network']);
export type Fault = z.infer<typeof Fault>;

const SimMs = z
  .number()
  .int()
  .min(0)
  .max(366 * 24 * 3600 * 1000);

/** Calls at a fixed period: `"numbers": "rotating"` gives a new number every call, like call-bombing software. */
const Repeat = z
  .object({
    every: SimMs.min(1),
    for: SimMs,
    from: SimMs.default(0),
    call: z
      .object({
        numbers: z.union([z.literal('rotating'), z.array(DeliveredNumber).min(1)]),
        presentation: Presentation.default('allowed'),
        name: CallerName.optional(),
        rings: z.number().int().min(1).max(50).optional(),
        /** For the pass gate: call-bombing software is a `bot` (presses nothing); see CallSpec. */
        caller: z.enum(['person', 'bot']).optional(),
      })
      .strict()
      .refine((c) => c.presentation === 'allowed' || c.numbers === 'rotating', {
        message: 'a list of numbers only makes sense with presentation "allowed"; use "rotating" for withheld or unavailable callers',
        path: ['presentation'],
      }),
  })
  .strict();

/** [min, max], both included. */
const Range = (min: number, max: number, what: string) =>
  z
    .tuple([z.number().int().min(min).max(max), z.number().int().min(min).max(max)])
    .refine(([a, b]) => a <= b, { message: `give ${what} as [min, max] with min ≤ max` });

/**
 * A back-to-back flood (issue 14): `calls` calls, each ringing a random `gapMs` after the previous one was
 * released, from callers picked at random from `callers` ("withheld", "rotating" for a number never used
 * before, or a number, which then repeats), each giving up after a random number of `rings`.
 */
const BackToBack = z
  .object({
    at: SimMs.default(0),
    backToBack: z
      .object({
        calls: z.number().int().min(1).max(10_000),
        gapMs: Range(0, 3_600_000, 'gapMs').default([50, 200]),
        rings: Range(1, 50, 'rings').default([1, 3]),
        callers: z
          .array(z.union([z.literal('withheld'), z.literal('rotating'), DeliveredNumber]))
          .min(1)
          .default(['withheld', 'rotating']),
      })
      .strict(),
  })
  .strict();

/**
 * An SMS flood: a message every `every` ms, from rotating numbers or a list, texts taken in turn; "{code}"
 * in a text becomes a fresh six-digit code (verification-code bombing).
 */
const SmsRepeat = z
  .object({
    every: SimMs.min(1),
    for: SimMs,
    from: SimMs.default(0),
    sms: z
      .object({
        senders: z.union([z.literal('rotating'), z.array(SmsSender).min(1)]),
        texts: z.array(z.string().min(1).max(4000)).min(1),
      })
      .strict(),
  })
  .strict();

export const ScenarioStep = z.union([
  z.object({ at: SimMs, call: CallSpec }).strict(),
  z.object({ at: SimMs, fault: Fault }).strict(),
  z.object({ at: SimMs, sms: SmsSpec }).strict(),
  Repeat,
  BackToBack,
  SmsRepeat,
]);
export type ScenarioStep = z.input<typeof ScenarioStep>;

/**
 * A timed list of calls and faults, times in simulated milliseconds from the start of the run:
 *
 *   { "steps": [
 *       { "every": 2000, "for": 600000, "call": { "numbers": "rotating", "rings": 2 } },
 *       { "at": 240000, "call": { "number": "13800138000", "presentation": "allowed", "name": "Mum" } },
 *       { "at": 300000, "fault": "unplug" }, { "at": 305000, "fault": "replug" } ] }
 *
 * Calls take the line one at a time: a call due while another still rings waits for the line.
 * `{ "backToBack": { "calls": 100, "gapMs": [50, 200], "rings": [1, 3], "callers": ["withheld", "rotating",
 * "13800138000"] } }` queues a flood whose calls ring 50–200 ms after the previous one was released.
 */
export const Scenario = z.object({ steps: z.array(ScenarioStep).max(10_000) }).strict();
export type Scenario = z.input<typeof Scenario>;

/** "steps.2.call.number: a caller with …" — one line per problem, naming where it is. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`).join('; ');
}
