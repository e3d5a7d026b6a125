// How a command says it failed: one sentence the user can act on, and the exit code (1 failure, 2 usage).
// Its own file so commands and program.ts both import it without importing each other.

/** A failure the user can act on: printed as one sentence, exit code 1 (or the given code). */
export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}
