// Errors the simulator reports to its callers: each has a stable code and a sentence a person can act on.

/** Bad input to the simulator: what is wrong and where. Nothing was changed. */
export class SimInputError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export class SimulatorClosedError extends Error {
  readonly code = 'SIMULATOR_CLOSED';
  constructor() {
    super('The simulated modem has been closed.');
  }
}
