// One error model for every part of Ringfence. A domain error carries
//   - a code a program can test, always kebab-case ("duplicate-rule", "socat-missing"),
//   - a sentence in English and in Chinese a person can act on (what happened, where, what to do),
//   - an HTTP-style status saying what kind of failure it is: 400 bad input, 403 not allowed, 404 no such
//     thing, 409 it clashes with what is there, 413 too large, 503 something outside us is unavailable.
// The service turns any thrown value into the API's error shape with one function (main/service/errors.ts),
// so IPC and HTTP say exactly the same thing; a thrown value that is not a DomainError is a bug and becomes
// 'internal'. To declare a new error: throw a DomainError, or the capability's subclass (RuleError,
// HistoryError, SimInputError…), with a new kebab-case code, both sentences, and a status if it is not 400.
import type { Text } from './domain.ts';

/** Lowercase words joined by single hyphens: "no-such-call". */
export const errorCodePattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 500 | 503;

export type DomainErrorOptions = {
  status?: ErrorStatus;
  /** For bad input: one "field: problem" entry per problem, so a form can point at the field. */
  issues?: string[];
  cause?: unknown;
  /** A technical message for logs and API clients when it differs from the English sentence (default: text.en). */
  message?: string;
};

export class DomainError extends Error {
  readonly code: string;
  readonly text: Text;
  readonly status: ErrorStatus;
  readonly issues: string[] | undefined;
  constructor(code: string, text: Text, options: DomainErrorOptions = {}) {
    super(options.message ?? text.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.text = text;
    this.status = options.status ?? 400;
    this.issues = options.issues;
  }
}
