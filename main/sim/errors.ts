// Errors the simulator reports to its callers: DomainErrors (shared/errors.ts), each with a kebab-case code and
// a sentence in both languages a person can act on. The sentences are in ./texts.ts.
import type { Text } from '../../shared/domain.ts';
import { DomainError } from '../../shared/errors.ts';
import { texts } from './texts.ts';

/** Bad input to the simulator: what is wrong and where. Nothing was changed. */
export class SimInputError extends DomainError {
  constructor(code: string, text: Text) {
    super(code, text);
  }
}

export class SimulatorClosedError extends DomainError {
  constructor() {
    super('simulator-closed', texts.closed(), { status: 409 });
  }
}

/** socat, which makes the pseudo-terminal, is not on this machine. */
export class SocatMissingError extends DomainError {
  constructor() {
    super('socat-missing', texts.socatMissing(), { status: 503 });
  }
}

/** The path given for the link is taken by something that is not a simulator link we may replace. */
export class LinkPathTakenError extends DomainError {
  constructor(path: string) {
    super('link-path-taken', texts.linkPathTaken(path), { status: 409 });
  }
}

export class ReplayFileError extends DomainError {
  constructor(file: string, detail: string | null) {
    super('replay-file', texts.replayFile(file, detail));
  }
}

export class ScenarioTooLargeError extends DomainError {
  constructor(max: number) {
    super('scenario-too-large', texts.scenarioTooLarge(max), { status: 413 });
  }
}
